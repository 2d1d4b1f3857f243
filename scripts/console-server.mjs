// Serves the web console (www/) and the built package on 127.0.0.1, plus a forwarding endpoint:
// AWS's ELB endpoint answers no CORS, so the page signs each request for the real endpoint and
// hands it here to send unchanged. Only the configured endpoint (and CloudWatch's for the charts,
// Route 53's for the cut-over) is reachable through it.
//
// Guarded like Jupyter: a random token per run is in the printed URL; opening it sets an HttpOnly,
// SameSite=Strict cookie, and every API path (/config, /local-credentials, /forward) needs that
// cookie. POSTs also need this server's own Origin, cross-site fetch metadata is refused, bodies are
// capped, and no request can take the server down: every failure is answered and logged (method,
// path without its query, status, reason: never a header, a body or a credential).
//
// Usage: node scripts/console-server.mjs [--endpoint URL] [--region R] [--profile P] [--port N]
//        [--package DIR] [--www DIR]
// Endpoint, region and credentials are found as the AWS CLI finds them (the package's loadAwsConfig).
import { createServer } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const args = Object.fromEntries(
  process.argv.slice(2).flatMap((a, i, all) => (a.startsWith('--') ? [[a.slice(2), all[i + 1]]] : [])),
);
const pkg = args.package ?? join(repo, 'dist');
// The built package's, whose credential chain runs on the built wasm.
const { loadAwsConfig } = await import(pathToFileURL(join(pkg, 'cli', 'aws_config.js')).href);
const aws = loadAwsConfig({ endpoint: args.endpoint, region: args.region, profile: args.profile });
const region = aws.region ?? 'us-east-1';
// Where each service answers when nothing names an endpoint: the package's own resolver (the
// region's partition, FIPS and dual-stack as configured), as the page's clients would resolve it.
const { ElbClient } = await import(pathToFileURL(join(pkg, 'entries', 'node.js')).href);
const { CloudWatchClient, Route53Client } = await import(pathToFileURL(join(pkg, 'entries', 'services_node.js')).href);
const endpointOf = (Client, service) => {
  const c = loadAwsConfig({ service, endpoint: args.endpoint, region: args.region, profile: args.profile });
  if (c.endpoint) return new URL(c.endpoint);
  // With ELB's endpoint given (moto), every service is there.
  if (aws.endpoint) return new URL(aws.endpoint);
  return new URL(new Client({ region, useFipsEndpoint: c.useFipsEndpoint, useDualstackEndpoint: c.useDualstackEndpoint }).toJSON().endpoint);
};
const endpoint = endpointOf(ElbClient, 'elb');
// An endpoint on this machine is a local moto. Its "local default" credentials are moto's, unless
// a profile holds both that endpoint and keys (configured together, as `aws --profile P` uses them
// against a moto that checks signatures): keys found anywhere else (the environment, a profile
// without the endpoint: maybe a real account's) never reach the page for a local endpoint.
// `from` names `option`, an environment variable, or a file (loadAwsConfig).
const onMoto = ['127.0.0.1', 'localhost', '[::1]'].includes(endpoint.hostname);
const inFile = (source) => source !== undefined && source !== 'option' && source !== 'environment' && !/^[A-Z][A-Z0-9_]*$/.test(source);
const motoKeys = aws.credentials && inFile(aws.from.endpoint) && inFile(aws.from.credentials)
  ? { accessKeyId: aws.credentials.accessKeyId, secretAccessKey: aws.credentials.secretAccessKey, sessionToken: aws.credentials.sessionToken }
  : { accessKeyId: 'testing', secretAccessKey: 'testing' };
const www = args.www ?? join(repo, 'www');
// The charts' CloudWatch and the cut-over's Route 53 (global: one endpoint a partition).
const cloudwatch = endpointOf(CloudWatchClient, 'cloudwatch');
const route53 = endpointOf(Route53Client, 'route53');
// Where /forward may send: the services the console calls, and nothing else (never an open proxy).
const reachable = new Set([endpoint.origin, cloudwatch.origin, route53.origin]);

const TOKEN = randomBytes(24).toString('hex');
const COOKIE = 'elb_console_token';
const MAX_BODY = 1 << 20; // ELB requests are form bodies of a few KiB; 1 MiB is far above any.
const API = new Set(['/config', '/local-credentials', '/forward']);

class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/**
 * The local default credentials: a local moto's (above), or as the AWS CLI finds them — static keys, else the AWS
 * SDK's provider chain (a role or SSO profile, a token file, the container, the instance), whose
 * temporary credentials carry their expiration so the page asks again in time. Rejects with the
 * chain's CredentialsError (which names sources, never a secret).
 */
async function localCredentials() {
  if (onMoto) return motoKeys;
  const t = await aws.credentialsProvider();
  return { accessKeyId: t.accessKeyId, secretAccessKey: t.secretAccessKey, sessionToken: t.sessionToken, expiration: t.expiration };
}

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json' };
const BASE_HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
// API answers may not be read by a page of another origin, not even as an opaque resource.
const API_HEADERS = { ...BASE_HEADERS, 'cross-origin-resource-policy': 'same-origin' };
const json = (res, status, value) => res.writeHead(status, { ...API_HEADERS, 'content-type': 'application/json' }).end(JSON.stringify(value));

function sameSecret(given) {
  const a = Buffer.from(String(given ?? ''));
  const b = Buffer.from(TOKEN);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(req) {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === COOKIE) return v.join('=');
  }
  return undefined;
}

/** 401 without the cookie, 403 with a wrong one, from another site, or a POST from another origin. */
function authorize(req, origin) {
  const token = cookieToken(req);
  if (token === undefined) throw new HttpError(401, 'open the URL with the token that npm start printed');
  if (!sameSecret(token)) throw new HttpError(403, 'wrong token');
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') throw new HttpError(403, `a ${site} request`);
  if (req.method === 'POST' && req.headers.origin !== origin) throw new HttpError(403, 'a POST needs this server as its Origin');
}

/** The request body, refused with 413 past MAX_BODY (announced or arriving). */
function readBody(req) {
  const tooBig = () => new HttpError(413, `body over ${MAX_BODY} bytes`);
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY) return Promise.reject(tooBig());
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size <= MAX_BODY) return void chunks.push(c);
      // Stop keeping it; the 413 goes out with `connection: close`, which ends the upload.
      req.removeAllListeners('data');
      chunks.length = 0;
      reject(tooBig());
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function file(res, root, path) {
  if (path.includes('\0') || path.split(/[\\/]/).includes('..')) throw new HttpError(403, 'outside the served folder');
  const clean = normalize(path);
  let body;
  try {
    body = await readFile(join(root, clean));
  } catch {
    throw new HttpError(404, 'not found');
  }
  res.writeHead(200, { ...BASE_HEADERS, 'content-type': types[extname(clean)] ?? 'application/octet-stream' }).end(body);
}

async function forward(req, res) {
  let target;
  try {
    target = new URL(req.headers['x-elb-forward-to'] ?? '');
  } catch {
    throw new HttpError(400, 'x-elb-forward-to must be a URL');
  }
  if (!reachable.has(target.origin)) throw new HttpError(403, `only ${[...reachable].join(' and ')} are reachable`);
  // The page's request method (Route 53 reads are GETs); /forward itself is always a POST.
  const method = req.headers['x-elb-forward-method'] ?? 'POST';
  if (method !== 'GET' && method !== 'POST') throw new HttpError(400, 'x-elb-forward-method must be GET or POST');
  const body = await readBody(req);
  const headers = {};
  for (const name of ['authorization', 'content-type', 'x-amz-date', 'x-amz-security-token']) {
    if (req.headers[name]) headers[name] = req.headers[name];
  }
  let upstream;
  try {
    upstream = await fetch(target, { method, headers, body: method === 'POST' ? body : undefined });
  } catch (e) {
    throw new HttpError(502, `cannot reach ${target.origin}: ${e.cause?.code ?? 'no connection'}`);
  }
  const out = { ...API_HEADERS, 'content-type': upstream.headers.get('content-type') ?? 'text/xml' };
  const id = upstream.headers.get('x-amzn-requestid');
  if (id) out['x-amzn-requestid'] = id;
  res.writeHead(upstream.status, out).end(Buffer.from(await upstream.arrayBuffer()));
}

async function handle(req, res, origin) {
  // Only this machine's pages, by the name this server printed: no other site, no DNS rebinding.
  if (req.headers.host !== origin.slice('http://'.length)) throw new HttpError(421, 'wrong Host');
  const url = new URL(req.url, origin);
  let path;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    throw new HttpError(400, 'malformed path');
  }
  // The printed URL: its token becomes the cookie, and the page reloads without it in the address.
  if (url.searchParams.has('token')) {
    if (!sameSecret(url.searchParams.get('token'))) throw new HttpError(403, 'wrong token');
    const cookie = `${COOKIE}=${TOKEN}; HttpOnly; SameSite=Strict; Path=/`;
    return void res.writeHead(303, { ...BASE_HEADERS, 'set-cookie': cookie, location: url.pathname }).end();
  }
  if (API.has(path)) {
    authorize(req, origin);
    if (path === '/forward') {
      if (req.method !== 'POST') throw new HttpError(405, 'POST only');
      return forward(req, res);
    }
    if (req.method !== 'GET') throw new HttpError(405, 'GET only');
    if (path === '/config') return json(res, 200, { region, endpoint: endpoint.href, cloudwatchEndpoint: cloudwatch.href, route53Endpoint: route53.href, mode: onMoto ? 'moto' : 'aws' });
    return localCredentials().then(
      (c) => json(res, 200, c),
      (e) => json(res, 404, { error: `no local default credentials: ${e?.message ?? e}` }),
    );
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'GET only');
  if (path === '/favicon.ico') return void res.writeHead(204, BASE_HEADERS).end();
  if (path.startsWith('/elb-wasm/')) return file(res, pkg, path.slice('/elb-wasm/'.length));
  return file(res, www, path === '/' ? 'index.html' : path);
}

const server = createServer((req, res) => {
  const origin = `http://127.0.0.1:${server.address().port}`;
  handle(req, res, origin).catch((e) => {
    const status = e instanceof HttpError ? e.status : 500;
    const reason = e instanceof HttpError ? e.message : 'internal error';
    // The path without its query (the token travels there); no headers, no body.
    let where = String(req.url).split('?')[0];
    if (where.length > 200) where = `${where.slice(0, 200)}…`;
    console.error(`console: ${req.method} ${JSON.stringify(where)} → ${status} ${reason}${status === 500 ? ` (${e?.name})` : ''}`);
    if (res.headersSent) return void res.destroy();
    // After a refused body the rest of the upload is not read: close the connection with the answer.
    if (status === 413) res.setHeader('connection', 'close');
    json(res, status, { error: reason });
  });
});
// A request the HTTP parser cannot read (a bad method, a malformed request line) is answered 400.
server.on('clientError', (_e, socket) => {
  if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
  else socket.destroy();
});

server.listen(Number(args.port ?? 0), '127.0.0.1', () => {
  const { port } = server.address();
  console.log(`elb-wasm console: http://127.0.0.1:${port}/?token=${TOKEN}  (ELB endpoint ${endpoint.href}${onMoto ? ', local moto' : ''})`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
