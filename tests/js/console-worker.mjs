// The console deployed as a Cloudflare Worker (worker/console.js with the assets of
// scripts/console-assets.sh), run locally in workerd through Miniflare against moto: every refusal
// of its guard, a forwarded signed call, then the page in Chromium through the Worker — the token's
// cookie, "Use local default" refused (a Worker holds no credentials), typed keys, the one list.
// Usage: node console-worker.mjs <moto-url> <repo>
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Miniflare } from 'miniflare';
import { ElbClient, sign } from 'elb-wasm';
import { launchChromium } from './console-lib.mjs';

const [motoUrl, repo] = process.argv.slice(2);
const pkg = join(dirname(createRequire(import.meta.url).resolve('elb-wasm/package.json')), 'dist');
const assets = join(mkdtempSync(join(tmpdir(), 'console-worker-')), 'assets');
execFileSync('bash', [join(repo, 'scripts/console-assets.sh'), pkg, assets], { stdio: 'inherit' });
const TOKEN = 'worker-token-0123456789abcdef';
const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
await new ElbClient({ region: 'us-east-1', endpoint: motoUrl, credentials }).createLoadBalancer({
  LoadBalancerName: 'wk-classic', Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstancePort: 80 }], AvailabilityZones: ['us-east-1a'],
});

const logged = [];
const mf = new Miniflare({
  modules: true,
  scriptPath: join(repo, 'worker/console.js'),
  modulesRoot: join(repo, 'worker'),
  compatibilityDate: '2025-01-01',
  bindings: { CONSOLE_TOKEN: TOKEN, REGION: 'us-east-1', ENDPOINT: motoUrl },
  assets: { directory: assets, binding: 'ASSETS', routerConfig: { invoke_user_worker_ahead_of_assets: true, has_user_worker: true } },
  host: '127.0.0.1',
  port: 0,
  handleRuntimeStdio: (stdout, stderr) => {
    for (const s of [stdout, stderr]) s.on('data', (d) => logged.push(String(d)));
  },
});
const base = (await mf.ready).origin;
try {
  const cookie = `elb_console_token=${TOKEN}`;
  const get = (path, headers = {}) => fetch(`${base}${path}`, { headers, redirect: 'manual' });
  const post = (headers, body = 'Action=DescribeLoadBalancers&Version=2012-06-01') =>
    fetch(`${base}/forward`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body, redirect: 'manual' });
  const own = { cookie, origin: base, 'sec-fetch-site': 'same-origin' };

  // The guard.
  assert.equal((await get('/config')).status, 401, 'no cookie');
  assert.equal((await get('/local-credentials')).status, 401);
  assert.equal((await get('/config', { cookie: 'elb_console_token=wrong' })).status, 403, 'a wrong cookie');
  assert.equal((await get('/?token=wrong')).status, 403, 'a wrong token');
  const signedIn = await get(`/?token=${TOKEN}`);
  assert.equal(signedIn.status, 303);
  assert.match(signedIn.headers.get('set-cookie'), /^elb_console_token=[^;]+; HttpOnly; SameSite=Strict; Path=\/$/);
  assert.equal(signedIn.headers.get('location'), '/', 'the token leaves the address');
  assert.equal((await post({ cookie, 'x-elb-forward-to': `${motoUrl}/` })).status, 403, 'a POST without Origin');
  assert.equal((await post({ ...own, origin: 'https://elsewhere.example', 'x-elb-forward-to': `${motoUrl}/` })).status, 403, 'another Origin');
  assert.equal((await post({ ...own, 'sec-fetch-site': 'cross-site', 'x-elb-forward-to': `${motoUrl}/` })).status, 403, 'cross-site');
  for (const elsewhere of ['http://169.254.169.254/', 'https://sts.amazonaws.com/', `${motoUrl}@evil.example/`]) {
    const r = await post({ ...own, 'x-elb-forward-to': elsewhere });
    assert.equal(r.status, 403, elsewhere);
    assert.match((await r.json()).error, /are reachable/);
  }
  assert.equal((await post({ ...own, 'x-elb-forward-to': 'not a url' })).status, 400);
  assert.equal((await post({ ...own, 'x-elb-forward-to': `${motoUrl}/` }, 'x'.repeat((1 << 20) + 1))).status, 413, 'the body cap');
  assert.equal((await get('/forward', { cookie })).status, 405);
  assert.equal((await get('/local-credentials', { cookie })).status, 404, 'a Worker holds no credentials');
  assert.deepEqual(await (await get('/config', { cookie })).json(), { region: 'us-east-1', endpoint: `${new URL(motoUrl).origin}/`, cloudwatchEndpoint: `${new URL(motoUrl).origin}/`, route53Endpoint: `${new URL(motoUrl).origin}/`, mode: 'moto' });
  const badMethod = await post({ ...own, 'x-elb-forward-to': `${motoUrl}/`, 'x-elb-forward-method': 'DELETE' });
  assert.equal(badMethod.status, 400, 'only GET and POST are forwarded');
  // The assets need no cookie; the package's browser entry is among them.
  assert.equal((await get('/')).status, 200);
  assert.equal((await get('/elb-wasm/entries/web.js')).status, 200);

  // A signed call, forwarded unchanged.
  const body = 'Action=DescribeLoadBalancers&Version=2012-06-01';
  const signed = sign({ method: 'POST', url: `${motoUrl}/`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }, { region: 'us-east-1', service: 'elasticloadbalancing', credentials });
  const ok = await post({ ...own, ...signed.headers, 'x-elb-forward-to': `${motoUrl}/` }, body);
  assert.equal(ok.status, 200);
  assert.match(await ok.text(), /<LoadBalancerName>wk-classic<\/LoadBalancerName>/);

  // The page through the Worker.
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    await page.goto(`${base}/?token=${TOKEN}`);
    await page.getByText('local moto').waitFor();
    await page.getByRole('button', { name: 'Use local default' }).click();
    await page.getByRole('alert').filter({ hasText: 'this Worker holds none' }).waitFor();
    await page.getByLabel('Access key id').fill('testing');
    await page.getByLabel('Secret access key').fill('testing');
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.getByRole('table', { name: 'Load balancers' }).getByRole('button', { name: 'wk-classic' }).waitFor();
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
  const log = logged.join('');
  assert.ok(!log.includes(TOKEN) && !log.includes('AWS4-HMAC-SHA256'), `nothing secret in the Worker's log: ${log}`);
  // On AWS (no ENDPOINT): each region's hosts in its partition, and nothing of another region.
  const cn = new Miniflare({
    modules: true,
    scriptPath: join(repo, 'worker/console.js'),
    modulesRoot: join(repo, 'worker'),
    compatibilityDate: '2025-01-01',
    bindings: { CONSOLE_TOKEN: TOKEN, REGION: 'cn-north-1', REGIONS: 'cn-northwest-1' },
    assets: { directory: assets, binding: 'ASSETS', routerConfig: { invoke_user_worker_ahead_of_assets: true, has_user_worker: true } },
    // The allowed host is let through and cannot be looked up here: workerd says so on its stderr.
    handleRuntimeStdio: (stdout, stderr) => {
      for (const s of [stdout, stderr]) s.on('data', (d) => logged.push(String(d)));
    },
  });
  try {
    const at = (path, init = {}) => cn.dispatchFetch(`https://console.example${path}`, { ...init, headers: { cookie, origin: 'https://console.example', ...init.headers } });
    assert.deepEqual(await (await at('/config')).json(), {
      region: 'cn-north-1', endpoint: 'https://elasticloadbalancing.cn-north-1.amazonaws.com.cn/', cloudwatchEndpoint: 'https://monitoring.cn-north-1.amazonaws.com.cn/', route53Endpoint: 'https://route53.amazonaws.com.cn/', mode: 'aws',
    });
    const refusal = async (target) => {
      const r = await at('/forward', { method: 'POST', headers: { 'x-elb-forward-to': target }, body: 'x' });
      return r.status === 403 && (await r.text()).includes('are reachable');
    };
    assert.equal(await refusal('https://elasticloadbalancing.eu-west-1.amazonaws.com/'), true, 'another region');
    assert.equal(await refusal('https://monitoring.cn-northwest-1.amazonaws.com.cn/'), false, 'a listed region');
  } finally {
    await cn.dispose();
  }
  assert.ok(!logged.join('').includes(TOKEN), 'nothing secret in the log');
  console.log('console on Workers (workerd via Miniflare): the guard\'s refusals, a forwarded signed call, the page through the Worker passed');
} finally {
  await mf.dispose();
}
