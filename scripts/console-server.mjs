// Serves the web console (www/) and the built package on 127.0.0.1, plus a forwarding endpoint:
// AWS's ELB endpoint answers no CORS, so the page signs each request for the real endpoint and
// hands it here to send unchanged. Only the configured endpoint is reachable through it, and this
// server holds no secret beyond the "local default" credentials it offers the page on request.
//
// Usage: node scripts/console-server.mjs --endpoint URL --region R [--port N] [--package DIR] [--www DIR]
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const args = Object.fromEntries(
  process.argv.slice(2).flatMap((a, i, all) => (a.startsWith('--') ? [[a.slice(2), all[i + 1]]] : [])),
);
const region = args.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
const endpoint = new URL(args.endpoint ?? `https://elasticloadbalancing.${region}.amazonaws.com/`);
const onMoto = Boolean(args.endpoint);
const www = args.www ?? join(repo, 'www');
const pkg = args.package ?? join(repo, 'dist');

/** The local default credentials: moto's, or the environment's, or ~/.aws/credentials [default]. */
function localCredentials() {
  if (onMoto) return { accessKeyId: 'testing', secretAccessKey: 'testing' };
  const env = process.env;
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    return { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, sessionToken: env.AWS_SESSION_TOKEN };
  }
  const file = env.AWS_SHARED_CREDENTIALS_FILE ?? join(homedir(), '.aws', 'credentials');
  if (!existsSync(file)) return null;
  let section = '';
  const values = {};
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const header = line.match(/^\s*\[([^\]]+)\]\s*$/);
    if (header) section = header[1].trim();
    const kv = line.match(/^\s*([\w]+)\s*=\s*(.*?)\s*$/);
    if (kv && section === (env.AWS_PROFILE ?? 'default')) values[kv[1]] = kv[2];
  }
  if (!values.aws_access_key_id || !values.aws_secret_access_key) return null;
  return { accessKeyId: values.aws_access_key_id, secretAccessKey: values.aws_secret_access_key, sessionToken: values.aws_session_token };
}

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json' };
const json = (res, status, value) => res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(value));

async function file(res, root, path) {
  const clean = normalize(path);
  if (clean.includes('..')) return void res.writeHead(403).end();
  try {
    const body = await readFile(join(root, clean));
    res.writeHead(200, { 'content-type': types[extname(clean)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
  } catch {
    res.writeHead(404).end('not found');
  }
}

async function forward(req, res) {
  let target;
  try {
    target = new URL(req.headers['x-elb-forward-to'] ?? '');
  } catch {
    return json(res, 400, { error: 'x-elb-forward-to must be a URL' });
  }
  if (target.origin !== endpoint.origin) return json(res, 403, { error: `only ${endpoint.origin} is reachable` });
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const headers = {};
  for (const name of ['authorization', 'content-type', 'x-amz-date', 'x-amz-security-token']) {
    if (req.headers[name]) headers[name] = req.headers[name];
  }
  try {
    const upstream = await fetch(target, { method: 'POST', headers, body: Buffer.concat(chunks) });
    const out = { 'content-type': upstream.headers.get('content-type') ?? 'text/xml' };
    const id = upstream.headers.get('x-amzn-requestid');
    if (id) out['x-amzn-requestid'] = id;
    res.writeHead(upstream.status, out).end(Buffer.from(await upstream.arrayBuffer()));
  } catch (e) {
    json(res, 502, { error: `cannot reach ${target.origin}: ${e.cause?.code ?? e.message}` });
  }
}

const server = createServer(async (req, res) => {
  // Only this machine's pages, by the name this server printed: no other site, no DNS rebinding.
  const host = req.headers.host ?? '';
  if (host !== `127.0.0.1:${server.address().port}`) return void res.writeHead(421).end();
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (req.method === 'POST' && path === '/forward') return forward(req, res);
  if (req.method !== 'GET') return void res.writeHead(405).end();
  if (path === '/config') return json(res, 200, { region, endpoint: endpoint.href, mode: onMoto ? 'moto' : 'aws' });
  if (path === '/local-credentials') {
    const c = localCredentials();
    return c ? json(res, 200, c) : json(res, 404, { error: 'no local default credentials (environment or ~/.aws/credentials)' });
  }
  if (path.startsWith('/elb-wasm/')) return file(res, pkg, path.slice('/elb-wasm/'.length));
  return file(res, www, path === '/' ? 'index.html' : path);
});

server.listen(Number(args.port ?? 0), '127.0.0.1', () => {
  console.log(`elb-wasm console: http://127.0.0.1:${server.address().port}/  (ELB endpoint ${endpoint.href}${onMoto ? ', local moto' : ''})`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
