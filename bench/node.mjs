// The Node half of the benchmark: size, signing, decoding, per-call overhead, cold start.
// Returns plain numbers; run.mjs prints and records them.
import { readFileSync, writeFileSync, rmSync, mkdtempSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import aws4 from 'aws4';
import { Hash } from '@smithy/core/serde';
import { interleaved, median } from './lib.mjs';
import { signers, describers, decoding } from './contenders.mjs';

export { decoding };
import { describeLoadBalancers, SIGN_REQUEST, CREDENTIALS, REGION, SERVICE, amzDateOf } from './fixtures.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const dist = join(here, '..', 'dist');

const sizes = (buf) => ({
  raw: buf.length,
  gzip: gzipSync(buf, { level: 9 }).length,
  brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});
const add = (a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli });

/** esbuild's minified browser bundle of `source` (written beside this file so packages resolve). */
async function bundle(name, source) {
  const entry = join(here, `.size-${name}.mjs`);
  writeFileSync(entry, source);
  try {
    const out = await esbuild.build({
      entryPoints: [entry], bundle: true, minify: true, format: 'esm', platform: 'browser',
      target: 'es2022', write: false, logLevel: 'silent',
    });
    return Buffer.from(out.outputFiles[0].contents);
  } finally {
    rmSync(entry);
  }
}

export async function size() {
  const ours = await bundle('ours', "export { ElbClient } from 'elb-wasm';");
  const wasm = readFileSync(join(dist, 'elb_wasm_bg.wasm'));
  const v2 = await bundle('ours-v2', "export { ElbV2Client } from 'elb-wasm/v2';");
  const both = await bundle('ours-both', "export { ElbClient } from 'elb-wasm'; export { ElbV2Client } from 'elb-wasm/v2';");
  // ELB's neighbours: a page of charts imports CloudWatchClient alone (the others and their tables
  // are dropped: each client is marked pure).
  const cw = await bundle('ours-cw', "export { CloudWatchClient } from 'elb-wasm/services';");
  const r53 = await bundle('ours-r53', "export { Route53Client } from 'elb-wasm/services';");
  // A page that signs in with an identity provider: its credentials and nothing else.
  const webIdentity = await bundle('ours-web-identity', "export { fromWebIdentity } from 'elb-wasm/credentials';");
  const cognito = await bundle('ours-cognito', "export { fromCognitoIdentityPool } from 'elb-wasm/credentials';");
  const services = await bundle('ours-services', "export { AutoScalingClient, CloudWatchClient, Route53Client, StsClient } from 'elb-wasm/services';");
  return {
    'elb-wasm (ElbClient: JS bundle + .wasm)': add(sizes(ours), sizes(wasm)),
    'elb-wasm/v2 (ElbV2Client: JS bundle + .wasm)': add(sizes(v2), sizes(wasm)),
    'elb-wasm + elb-wasm/v2 (both clients, one .wasm)': add(sizes(both), sizes(wasm)),
    'elb-wasm/services, CloudWatchClient alone (JS bundle + .wasm)': add(sizes(cw), sizes(wasm)),
    'elb-wasm/services, Route53Client alone (JS bundle + .wasm)': add(sizes(r53), sizes(wasm)),
    'elb-wasm/services, all four clients (JS bundle + .wasm)': add(sizes(services), sizes(wasm)),
    'elb-wasm/credentials, fromWebIdentity alone (JS bundle + .wasm)': add(sizes(webIdentity), sizes(wasm)),
    'elb-wasm/credentials, fromCognitoIdentityPool alone (JS bundle + .wasm)': add(sizes(cognito), sizes(wasm)),
    'elb-wasm .wasm alone': sizes(wasm),
    'AWS SDK v3, client + DescribeLoadBalancersCommand': sizes(await bundle('sdk-one', "export { ElasticLoadBalancingClient, DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing';")),
    'AWS SDK v3, aggregated ElasticLoadBalancing': sizes(await bundle('sdk-all', "export { ElasticLoadBalancing } from '@aws-sdk/client-elastic-load-balancing';")),
    'AWS SDK v3 ELBv2, client + DescribeLoadBalancersCommand': sizes(await bundle('sdk-v2-one', "export { ElasticLoadBalancingV2Client, DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';")),
    'aws4fetch (signing only)': sizes(await bundle('aws4fetch', "export { AwsClient } from 'aws4fetch';")),
  };
}

/**
 * Each signer's output is a valid SigV4 signature of the request: recomputed here with
 * node:crypto over the headers each one chose to sign (they choose different sets).
 */
export async function signaturesVerify() {
  const date = new Date('2026-11-25T12:00:00Z');
  const hex = (alg, data, key) => (key ? createHmac(alg, key) : createHash(alg)).update(data).digest(key ? undefined : 'hex');
  const out = {};
  for (const [name, fn] of Object.entries(nodeSigners(date))) {
    const r = await fn();
    const raw = r.headers instanceof Headers ? Object.fromEntries(r.headers) : r.headers;
    const h = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k.toLowerCase(), String(v)]));
    h.host ??= new URL(SIGN_REQUEST.url).host;
    const [, scope, signed, signature] = /Credential=\w+\/([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})/.exec(h.authorization);
    const names = signed.split(';');
    const canonical = ['POST', '/', '', ...names.map((n) => `${n}:${h[n].trim()}`), '', signed, hex('sha256', SIGN_REQUEST.body)].join('\n');
    const toSign = ['AWS4-HMAC-SHA256', h['x-amz-date'], scope, hex('sha256', canonical)].join('\n');
    let key = `AWS4${CREDENTIALS.secretAccessKey}`;
    for (const part of scope.split('/').slice(0, 4)) key = createHmac('sha256', key).update(part).digest();
    const expected = createHmac('sha256', key).update(toSign).digest('hex');
    if (expected !== signature) throw new Error(`${name}: signature does not verify`);
    out[name] = signed;
  }
  return out;
}

/** The browser contenders plus aws4 (Node-only: it signs with node:crypto). */
function nodeSigners(date) {
  const { url, body, contentType } = SIGN_REQUEST;
  const amzDate = amzDateOf(date);
  return {
    ...signers(Hash.bind(null, 'sha256'), date),
    aws4: () => aws4.sign({ host: new URL(url).host, path: '/', method: 'POST', body, headers: { 'Content-Type': contentType, ...(date && { 'X-Amz-Date': amzDate }) }, service: SERVICE, region: REGION }, CREDENTIALS),
  };
}

export async function signing(opts) {
  return interleaved(nodeSigners(), opts);
}

/** ms per call, a whole call with a small answer, nothing on the network. */
export async function overhead(opts) {
  const d = describers(describeLoadBalancers(0));
  const perSec = await interleaved(d.cases, opts);
  return Object.fromEntries(Object.entries(perSec).map(([k, v]) => [k, 1000 / v]));
}

/** Fresh `node` processes: import + construct + first call, minus an empty script; ms. */
export function coldStart({ rounds = 9 } = {}) {
  const dir = here;
  const scripts = {
    empty: '',
    // Both answer with a plain object: touching Node's Response class first loads undici (~15 ms),
    // which a real fetch pays either way and which is neither contender's cost.
    'elb-wasm': `import { ElbClient } from 'elb-wasm';
const body = new TextEncoder().encode('<DescribeLoadBalancersResponse><DescribeLoadBalancersResult><LoadBalancerDescriptions/></DescribeLoadBalancersResult></DescribeLoadBalancersResponse>');
const c = new ElbClient({ region: 'us-east-1', credentials: { accessKeyId: 'A', secretAccessKey: 'S' },
  fetch: async () => ({ status: 200, headers: { get: () => null }, arrayBuffer: async () => body.buffer }) });
await c.describeLoadBalancers();`,
    'AWS SDK v3': `import { ElasticLoadBalancingClient, DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing';
const body = new TextEncoder().encode('<DescribeLoadBalancersResponse><DescribeLoadBalancersResult><LoadBalancerDescriptions/></DescribeLoadBalancersResult></DescribeLoadBalancersResponse>');
const c = new ElasticLoadBalancingClient({ region: 'us-east-1', credentials: { accessKeyId: 'A', secretAccessKey: 'S' },
  requestHandler: { handle: async () => ({ response: { statusCode: 200, headers: {}, body } }) } });
await c.send(new DescribeLoadBalancersCommand({}));`,
  };
  const files = Object.fromEntries(Object.entries(scripts).map(([k, src], i) => {
    const f = join(dir, `.cold-${i}.mjs`);
    writeFileSync(f, src);
    return [k, f];
  }));
  const times = Object.fromEntries(Object.keys(files).map((k) => [k, []]));
  try {
    for (let r = 0; r < rounds; r++) {
      for (const [k, f] of Object.entries(files)) {
        const t = performance.now();
        const p = spawnSync(process.execPath, ['--no-warnings', f], { stdio: ['ignore', 'ignore', 'pipe'] });
        if (p.status !== 0) throw new Error(`${k}: ${p.stderr}`);
        times[k].push(performance.now() - t);
      }
    }
  } finally {
    for (const f of Object.values(files)) rmSync(f);
  }
  const base = median(times.empty);
  return { emptyMs: base, ...Object.fromEntries(Object.entries(times).filter(([k]) => k !== 'empty').map(([k, v]) => [k, median(v) - base])) };
}
