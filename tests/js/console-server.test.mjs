// The console server (scripts/console-server.mjs, what `npm start` runs) is safe to leave running:
// no request takes it down, its API needs this run's token, a page of another origin can neither
// read the local credentials nor send through /forward, bodies are capped, and neither the token
// nor a secret reaches its log. Its upstream here is a recorder that counts what was forwarded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, request } from 'node:http';
import { connect } from 'node:net';
import { mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { requiredEnv } from './env.mjs';

const repo = requiredEnv('ELB_WASM_REPO');
// What the tests start, stopped at the end (the hooks' own after() would run when the hook ends).
const cleanups = [];
after(() => Promise.all(cleanups.map((f) => f())));
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

/** An HTTP server on 127.0.0.1 answering with `answer(req, body)`; closed after the tests. */
async function listen(answer) {
  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    answer(req, Buffer.concat(chunks), res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  return { server, port: server.address().port };
}

/** Starts the console server; resolves to its origin, token and what it has logged so far. */
async function startConsole(args, env = {}) {
  const child = spawn(process.execPath, [join(repo, 'scripts/console-server.mjs'), '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  cleanups.push(() => child.kill());
  const log = { out: '', err: '' };
  child.stderr.on('data', (d) => (log.err += d));
  const printed = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('console server did not start in 10 s')), 10_000);
    child.stdout.on('data', (d) => {
      log.out += d;
      const m = log.out.match(/(http:\/\/127\.0\.0\.1:\d+)\/\?token=([0-9a-f]+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    child.on('exit', (code) => reject(new Error(`console server exited with ${code}: ${log.err}`)));
  });
  return { origin: printed[1], token: printed[2], log, child };
}

/** One request with full control of path and headers: { status, headers, body }. */
function raw(origin, { method = 'GET', path = '/', headers = {}, body } = {}) {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, method, path, headers: { host: `${hostname}:${port}`, ...headers } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Bytes straight onto a socket (what no HTTP client would send): the status line of the answer. */
function rawSocket(origin, bytes) {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const s = connect(Number(port), hostname, () => s.end(bytes));
    let got = '';
    s.on('data', (d) => (got += d));
    s.on('end', () => resolve(got.split('\r\n')[0]));
    s.on('error', reject);
    s.setTimeout(5000, () => s.destroy(new Error('no answer in 5 s')));
  });
}

const forwarded = [];
let upstream;
let moto; // a console on a local endpoint (moto mode: its local default is moto's key)
let aws; // a console whose local default is the user's own key (AWS mode)
let cookie;

before(async () => {
  upstream = await listen((req, body, res) => {
    forwarded.push({ headers: req.headers, body: body.toString() });
    res.writeHead(200, { 'content-type': 'text/xml', 'x-amzn-requestid': 'rec-1' }).end('<ok/>');
  });
  moto = await startConsole(['--endpoint', `http://127.0.0.1:${upstream.port}`, '--region', 'us-east-1']);
  const noEndpoint = Object.fromEntries(['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING', 'ELB_ENDPOINT', 'AWS_PROFILE'].map((k) => [k, '']));
  aws = await startConsole(['--region', 'eu-west-1'], {
    ...noEndpoint,
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: SECRET,
    HOME: '/nonexistent',
  });
  cookie = (c) => `elb_console_token=${c.token}`;
});

async function stillServes(c) {
  const r = await raw(c.origin, { path: '/' });
  assert.equal(r.status, 200, 'the server still answers');
  assert.match(r.body, /elb-wasm console/);
}

test('the printed token becomes an HttpOnly SameSite=Strict cookie, and the address loses it', async () => {
  const r = await raw(moto.origin, { path: `/?token=${moto.token}` });
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/');
  assert.deepEqual(r.headers['set-cookie'], [`elb_console_token=${moto.token}; HttpOnly; SameSite=Strict; Path=/`]);
  assert.equal((await raw(moto.origin, { path: `/?token=${'0'.repeat(48)}` })).status, 403);
  assert.notEqual(moto.token, aws.token, 'a token per run');
});

test('malformed paths are answered 4xx and the server stays up', async () => {
  for (const [path, status] of [
    ['/%E0%A4%A', 400],
    ['/%', 400],
    ['/%ZZ', 400],
    ['/config%', 400],
    ['/%00', 403],
    ['/..%2f..%2fetc%2fpasswd', 403],
    ['/elb-wasm/..%2f..%2fpackage.json', 403],
    [`/${'a'.repeat(8000)}`, 404],
    ['//evil.example/x', 404],
  ]) {
    const r = await raw(moto.origin, { path });
    assert.equal(r.status, status, path.slice(0, 40));
    assert.ok(!r.body.includes('testing'), 'no credentials in an error');
    await stillServes(moto);
  }
});

test('malformed methods and request lines are answered 400 or 405 and the server stays up', async () => {
  for (const bytes of [
    'FOO / HTTP/1.1\r\nHost: x\r\n\r\n',
    'GET\r\n\r\n',
    '\x00\x01\x02\x03 garbage\r\n\r\n',
    'GET / HTTP/1.1\r\nHost: x\r\nBad Header: \x01\r\n\r\n',
    'GET / HTTP/9.9\r\n\r\n',
    'POST /forward HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n',
    'POST /forward HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\nabc',
  ]) {
    const line = await rawSocket(moto.origin, bytes);
    assert.match(line, /^HTTP\/1\.1 (400|421)/, JSON.stringify(bytes));
    await stillServes(moto);
  }
  for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
    assert.equal((await raw(moto.origin, { method, path: '/' })).status, 405, method);
    assert.equal((await raw(moto.origin, { method, path: '/config', headers: { cookie: cookie(moto) } })).status, 405, method);
  }
  assert.equal((await raw(moto.origin, { method: 'GET', path: '/forward', headers: { cookie: cookie(moto) } })).status, 405);
  await stillServes(moto);
});

test('a request for another host name (DNS rebinding) is refused', async () => {
  const r = await raw(moto.origin, { path: '/config', headers: { host: 'attacker.example', cookie: cookie(moto) } });
  assert.equal(r.status, 421);
});

test('with no endpoint given, /config names where the package resolves each service in the region\'s partition (China here)', async () => {
  const cn = await startConsole(['--region', 'cn-north-1'], {
    ...Object.fromEntries(['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING', 'ELB_ENDPOINT', 'AWS_PROFILE'].map((k) => [k, ''])),
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: SECRET,
    HOME: '/nonexistent',
  });
  const config = JSON.parse((await raw(cn.origin, { path: '/config', headers: { cookie: `elb_console_token=${cn.token}` } })).body);
  assert.deepEqual(config, {
    region: 'cn-north-1',
    endpoint: 'https://elasticloadbalancing.cn-north-1.amazonaws.com.cn/',
    cloudwatchEndpoint: 'https://monitoring.cn-north-1.amazonaws.com.cn/',
    route53Endpoint: 'https://route53.amazonaws.com.cn/',
    mode: 'aws',
  });
});

test('without the token every API path is 401, with a wrong one 403, and no credentials are given', async () => {
  for (const c of [moto, aws]) {
    for (const [method, path] of [['GET', '/config'], ['GET', '/local-credentials'], ['POST', '/forward']]) {
      const headers = { origin: c.origin, 'x-elb-forward-to': `http://127.0.0.1:${upstream.port}/` };
      const body = method === 'POST' ? 'Action=DescribeLoadBalancers' : undefined;
      const none = await raw(c.origin, { method, path, headers, body });
      assert.equal(none.status, 401, `${method} ${path}`);
      const wrong = await raw(c.origin, { method, path, headers: { ...headers, cookie: 'elb_console_token=' + 'f'.repeat(48) }, body });
      assert.equal(wrong.status, 403, `${method} ${path}`);
      const other = await raw(c.origin, { method, path, headers: { ...headers, cookie: cookie(c === moto ? aws : moto) }, body });
      assert.equal(other.status, 403, `another run's token: ${method} ${path}`);
      for (const r of [none, wrong, other]) {
        assert.ok(!r.body.includes(SECRET) && !r.body.includes('AKIDEXAMPLE') && !r.body.includes('testing'), r.body);
      }
    }
  }
  assert.equal(forwarded.length, 0, 'nothing was forwarded');
  // With the cookie: the user's own key (AWS mode) and moto's (moto mode).
  const mine = await raw(aws.origin, { path: '/local-credentials', headers: { cookie: cookie(aws) } });
  assert.equal(mine.status, 200);
  assert.deepEqual(JSON.parse(mine.body), { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: SECRET });
  assert.equal(mine.headers['cross-origin-resource-policy'], 'same-origin');
  assert.equal(mine.headers['cache-control'], 'no-store');
  const config = JSON.parse((await raw(aws.origin, { path: '/config', headers: { cookie: cookie(aws) } })).body);
  assert.deepEqual(config, { region: 'eu-west-1', endpoint: 'https://elasticloadbalancing.eu-west-1.amazonaws.com/', cloudwatchEndpoint: 'https://monitoring.eu-west-1.amazonaws.com/', route53Endpoint: 'https://route53.amazonaws.com/', mode: 'aws' });
  // /forward reaches ELB's endpoint, CloudWatch's (the charts) and Route 53's (the cut-over), nothing
  // else: STS and a look-alike host are refused before any connection; the three are let through
  // (whatever they then answer); a method other than GET or POST is refused.
  const via = async (target, method) => {
    const headers = { cookie: cookie(aws), origin: aws.origin, 'x-elb-forward-to': target, ...(method && { 'x-elb-forward-method': method }) };
    const r = await raw(aws.origin, { method: 'POST', path: '/forward', headers, body: 'Action=GetMetricData' });
    if (r.status === 400 && r.body.includes('x-elb-forward-method')) return 'bad method';
    return r.status === 403 && r.body.includes('are reachable') ? 'refused' : 'let through';
  };
  assert.equal(await via('https://sts.eu-west-1.amazonaws.com/'), 'refused');
  assert.equal(await via('https://monitoring.eu-west-1.amazonaws.com.evil.example/'), 'refused');
  assert.equal(await via('https://monitoring.eu-west-1.amazonaws.com/'), 'let through');
  assert.equal(await via('https://route53.amazonaws.com/2013-04-01/hostedzone', 'GET'), 'let through');
  assert.equal(await via('https://route53.amazonaws.com/2013-04-01/hostedzone', 'DELETE'), 'bad method');
  const motoKey = await raw(moto.origin, { path: '/local-credentials', headers: { cookie: cookie(moto) } });
  assert.deepEqual(JSON.parse(motoKey.body), { accessKeyId: 'testing', secretAccessKey: 'testing' });
});

test('a local endpoint: its profile\'s own keys when the profile names it, else moto\'s; keys found elsewhere never', async (t) => {
  const home = mkdtempSync(join(tmpdir(), 'console-local-'));
  t.after(() => rmSync(home, { recursive: true, force: true }));
  mkdirSync(join(home, '.aws'));
  writeFileSync(join(home, '.aws', 'config'), '[profile estate]\nregion = us-east-1\nendpoint_url = http://127.0.0.1:9\n[default]\nregion = us-east-1\n');
  writeFileSync(join(home, '.aws', 'credentials'), `[estate]\naws_access_key_id = AKIDESTATE\naws_secret_access_key = ${SECRET}\n[default]\naws_access_key_id = AKIDREAL\naws_secret_access_key = real-secret\n`);
  const clean = Object.fromEntries(['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING', 'ELB_ENDPOINT', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_PROFILE'].map((k) => [k, '']));
  const keysOf = async (c) => JSON.parse((await raw(c.origin, { path: '/local-credentials', headers: { cookie: cookie(c) } })).body);
  // The profile holds the endpoint and the keys (as `aws --profile estate` against a moto that verifies).
  const estate = await startConsole([], { ...clean, HOME: home, AWS_PROFILE: 'estate' });
  assert.deepEqual(await keysOf(estate), { accessKeyId: 'AKIDESTATE', secretAccessKey: SECRET });
  // The endpoint given apart from the keys (an option; a variable): moto's, not the default profile's.
  const option = await startConsole(['--endpoint', 'http://127.0.0.1:9'], { ...clean, HOME: home });
  assert.deepEqual(await keysOf(option), { accessKeyId: 'testing', secretAccessKey: 'testing' });
  const variable = await startConsole([], { ...clean, HOME: home, AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_PROFILE: 'estate' });
  assert.deepEqual(await keysOf(variable), { accessKeyId: 'testing', secretAccessKey: 'testing' });
  // Keys from the environment never reach the page for a local endpoint, whatever the profile says.
  const envKeys = await startConsole([], { ...clean, HOME: home, AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_ACCESS_KEY_ID: 'AKIDENV', AWS_SECRET_ACCESS_KEY: 'env-secret' });
  assert.deepEqual(await keysOf(envKeys), { accessKeyId: 'testing', secretAccessKey: 'testing' });
});

test('without keys, /local-credentials asks the AWS SDK\'s provider chain (a credential_process profile here); its failure names no secret', async () => {
  const home = mkdtempSync(join(tmpdir(), 'console-chain-'));
  cleanups.push(() => rmSync(home, { recursive: true, force: true }));
  mkdirSync(join(home, '.aws'));
  const expiration = new Date(Date.now() + 3600_000).toISOString();
  const ok = join(home, 'ok.mjs');
  writeFileSync(ok, `console.log(JSON.stringify({ Version: 1, AccessKeyId: 'ASIAPROCESS', SecretAccessKey: ${JSON.stringify(SECRET)}, SessionToken: 'process-token', Expiration: '${expiration}' }));`);
  writeFileSync(join(home, '.aws', 'config'), [
    '[profile proc]', `credential_process = ${process.execPath} ${ok}`,
    '[profile broken]', `credential_process = ${process.execPath} -e "process.exit(3)"`,
  ].join('\n'));
  const env = (profile) => ({
    ...Object.fromEntries(['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING', 'ELB_ENDPOINT', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'].map((k) => [k, ''])),
    HOME: home, AWS_PROFILE: profile, AWS_EC2_METADATA_DISABLED: 'true',
  });
  const proc = await startConsole(['--region', 'eu-west-1'], env('proc'));
  const got = await raw(proc.origin, { path: '/local-credentials', headers: { cookie: cookie(proc) } });
  assert.equal(got.status, 200, got.body);
  assert.deepEqual(JSON.parse(got.body), { accessKeyId: 'ASIAPROCESS', secretAccessKey: SECRET, sessionToken: 'process-token', expiration });
  const broken = await startConsole(['--region', 'eu-west-1'], env('broken'));
  const refused = await raw(broken.origin, { path: '/local-credentials', headers: { cookie: cookie(broken) } });
  assert.equal(refused.status, 404);
  assert.match(JSON.parse(refused.body).error, /^no local default credentials: .*credential_process/);
  assert.ok(!refused.body.includes(SECRET));
});

test('/forward: a POST needs the server\'s own Origin and no cross-site fetch metadata; then it forwards', async () => {
  const base = { cookie: cookie(moto), 'x-elb-forward-to': `http://127.0.0.1:${upstream.port}/`, 'content-type': 'application/x-www-form-urlencoded' };
  const body = 'Action=DescribeLoadBalancers&Version=2012-06-01';
  for (const headers of [
    base,
    { ...base, origin: 'http://127.0.0.1:1' },
    { ...base, origin: 'null' },
    { ...base, origin: moto.origin, 'sec-fetch-site': 'same-site' },
    { ...base, origin: moto.origin, 'sec-fetch-site': 'cross-site' },
  ]) {
    assert.equal((await raw(moto.origin, { method: 'POST', path: '/forward', headers, body })).status, 403, JSON.stringify(headers));
  }
  assert.equal(forwarded.length, 0);
  const elsewhere = await raw(moto.origin, { method: 'POST', path: '/forward', headers: { ...base, origin: moto.origin, 'x-elb-forward-to': 'http://169.254.169.254/' }, body });
  assert.equal(elsewhere.status, 403, 'only the configured endpoint');
  const ok = await raw(moto.origin, { method: 'POST', path: '/forward', headers: { ...base, origin: moto.origin, 'sec-fetch-site': 'same-origin', authorization: 'AWS4-HMAC-SHA256 x' }, body });
  assert.equal(ok.status, 200);
  assert.equal(ok.headers['x-amzn-requestid'], 'rec-1');
  assert.equal(forwarded.length, 1);
  assert.equal(forwarded[0].body, body);
  assert.equal(forwarded[0].headers.authorization, 'AWS4-HMAC-SHA256 x');
  assert.equal(forwarded[0].headers.cookie, undefined, 'the console cookie is not forwarded');
  forwarded.length = 0;
});

test('an oversized body is refused with 413, by length or by what arrives, and the server stays up', async () => {
  const head = (extra) =>
    `POST /forward HTTP/1.1\r\nHost: ${new URL(moto.origin).host}\r\nCookie: ${cookie(moto)}\r\nOrigin: ${moto.origin}\r\n` +
    `X-Elb-Forward-To: http://127.0.0.1:${upstream.port}/\r\n${extra}\r\n`;
  // Announced: refused before a byte of it is read.
  assert.equal(await rawSocket(moto.origin, head(`Content-Length: ${(1 << 20) + 1}\r\n`) + 'Action=x'), 'HTTP/1.1 413 Payload Too Large');
  // Chunked, no length announced: the cap applies to what arrives. The 413 may be cut by the close
  // that ends the upload (a reset), but it is never forwarded.
  const chunk = `10000\r\n${'b'.repeat(0x10000)}\r\n`;
  const streamed = await rawSocket(moto.origin, head('Transfer-Encoding: chunked\r\n') + chunk.repeat(17) + '0\r\n\r\n').catch((e) => e.code);
  assert.match(streamed, /^(HTTP\/1\.1 413 Payload Too Large|ECONNRESET|EPIPE)$/);
  assert.equal(forwarded.length, 0, 'nothing oversized was forwarded');
  await stillServes(moto);
  // Exactly the cap passes.
  const atCap = await raw(moto.origin, {
    method: 'POST', path: '/forward', headers: { cookie: cookie(moto), origin: moto.origin, 'x-elb-forward-to': `http://127.0.0.1:${upstream.port}/` },
    body: Buffer.alloc(1 << 20, 0x61),
  });
  assert.equal(atCap.status, 200);
  assert.equal(forwarded.length, 1);
  forwarded.length = 0;
});

test('in Chromium a page of another origin can neither read the credentials nor use /forward', async () => {
  const attacker = await listen((req, _body, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>elsewhere</title><form id=f method=post enctype=text/plain></form>');
  });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  cleanups.push(() => browser.close());
  const context = await browser.newContext();
  const page = await context.newPage();
  // The user opens the printed URL: the cookie is set, and the console's own page may read.
  await page.goto(`${aws.origin}/?token=${aws.token}`);
  assert.equal(new URL(page.url()).search, '', 'the token left the address bar');
  const own = await page.evaluate(async () => (await fetch('/local-credentials')).json());
  assert.equal(own.secretAccessKey, SECRET, 'the console itself reads them (the cookie works)');

  // Another site (a port of 127.0.0.1 is the same *site*, so the cookie travels: Origin and CORS must hold).
  for (const elsewhere of [`http://127.0.0.1:${attacker.port}/`, `http://localhost:${attacker.port}/`]) {
    await page.goto(elsewhere);
    const outcome = await page.evaluate(async ({ target, upstreamUrl }) => {
      const out = {};
      const attempt = async (name, fn) => {
        try {
          out[name] = await fn();
        } catch (e) {
          out[name] = `refused: ${e.name}`;
        }
      };
      await attempt('read', async () => (await fetch(`${target}/local-credentials`, { credentials: 'include' })).text());
      await attempt('opaque', async () => (await fetch(`${target}/local-credentials`, { credentials: 'include', mode: 'no-cors' })).type);
      await attempt('config', async () => (await fetch(`${target}/config`, { credentials: 'include' })).text());
      await attempt('forwardCors', async () =>
        (await fetch(`${target}/forward`, { method: 'POST', credentials: 'include', headers: { 'x-elb-forward-to': upstreamUrl }, body: 'Action=CreateLoadBalancer' })).status);
      await attempt('forwardSimple', async () =>
        (await fetch(`${target}/forward`, { method: 'POST', credentials: 'include', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: 'Action=CreateLoadBalancer' })).type);
      return out;
    }, { target: aws.origin, upstreamUrl: `http://127.0.0.1:${upstream.port}/` });
    assert.equal(outcome.read, 'refused: TypeError', elsewhere);
    assert.equal(outcome.config, 'refused: TypeError', elsewhere);
    assert.equal(outcome.forwardCors, 'refused: TypeError', elsewhere);
    // no-cors: at most an opaque answer (Chromium blocks it outright: Cross-Origin-Resource-Policy).
    assert.match(outcome.opaque, /^(opaque|refused: TypeError)$/);
    assert.match(outcome.forwardSimple, /^(opaque|refused: TypeError)$/);
    // A plain form POST (no CORS at all) navigates there: the cookie travels within the site, but the
    // request is not same-origin, so it is refused.
    const answer = page.waitForResponse((r) => r.url().endsWith('/forward'));
    await page.evaluate((target) => {
      const f = document.getElementById('f');
      f.action = `${target}/forward`;
      f.submit();
    }, aws.origin);
    assert.ok([401, 403].includes((await answer).status()), elsewhere);
    await page.waitForURL(/\/forward$/);
  }
  assert.equal(forwarded.length, 0, 'no request from another origin was forwarded');
  await stillServes(aws);
});

test('the log names what was refused, never the token or a secret', async () => {
  for (const c of [moto, aws]) {
    assert.match(c.log.err, /console: GET "\/local-credentials" → 401/);
    assert.ok(!c.log.err.includes(c.token), 'token in the log');
    assert.ok(!c.log.err.includes(SECRET), 'secret in the log');
  }
  assert.match(moto.log.err, /400 malformed path/);
  assert.match(moto.log.err, /413 body over/);
  assert.equal(moto.child.exitCode, null, 'still running');
  assert.equal(aws.child.exitCode, null, 'still running');
});
