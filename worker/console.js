// The web console as a Cloudflare Worker for a team: the static assets (www/ and the package, built
// by scripts/console-assets.sh) and the API the page uses, guarded as the local server guards it.
// - A secret token (`wrangler secret put CONSOLE_TOKEN`): `/?token=…` trades it for an HttpOnly,
//   Secure, SameSite=Strict cookie; every API path needs the cookie. Cloudflare Access in front of
//   the Worker adds a login to that; it does not replace the token.
// - /forward sends the page's signed request unchanged, only to the AWS endpoints of the services the
//   console calls (ELB/ELBv2 and CloudWatch in the configured regions, Route 53): never an open proxy. POSTs
//   need this Worker's own Origin and no cross-site fetch metadata; bodies are capped.
// - Nothing of a request (headers, body, credentials) is logged; the Worker holds no AWS credentials:
//   people type their own keys, which stay in their page.
const COOKIE = 'elb_console_token';
const MAX_BODY = 1 << 20;
const API = new Set(['/config', '/local-credentials', '/forward']);
const FORWARDED = ['authorization', 'content-type', 'x-amz-date', 'x-amz-security-token'];
const BASE_HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'cross-origin-resource-policy': 'same-origin' };

const json = (status, value) => new Response(JSON.stringify(value), { status, headers: { ...BASE_HEADERS, 'content-type': 'application/json' } });
const refuse = (status, error) => json(status, { error });

/** The regions (`REGIONS`, comma-separated; `REGION` first) and the origins /forward may reach. */
function settings(env) {
  const region = env.REGION || 'us-east-1';
  const regions = [...new Set([region, ...String(env.REGIONS ?? '').split(',').map((r) => r.trim()).filter(Boolean)])];
  // The partitions a Worker can reach (aws, aws-cn, aws-us-gov): their DNS suffix and Route 53 host.
  const suffix = (r) => (r.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com');
  const route53Of = (r) => (r.startsWith('cn-') ? 'https://route53.amazonaws.com.cn' : r.startsWith('us-gov-') ? 'https://route53.us-gov.amazonaws.com' : 'https://route53.amazonaws.com');
  // ENDPOINT: one server for every service (a local moto in tests), instead of AWS's.
  const elb = env.ENDPOINT ? new URL(env.ENDPOINT).origin : `https://elasticloadbalancing.${region}.${suffix(region)}`;
  const cloudwatch = env.ENDPOINT ? elb : `https://monitoring.${region}.${suffix(region)}`;
  const route53 = env.ENDPOINT ? elb : route53Of(region);
  const regional = regions.flatMap((r) => [`https://elasticloadbalancing.${r}.${suffix(r)}`, `https://monitoring.${r}.${suffix(r)}`, route53Of(r)]);
  const reachable = new Set(env.ENDPOINT ? [elb] : regional);
  return { region, elb, cloudwatch, route53, reachable };
}

/** Equal secrets, compared by their SHA-256 digests so the time taken says nothing of the token. */
async function sameSecret(given, token) {
  const digest = async (s) => new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(s)));
  const [a, b] = await Promise.all([digest(String(given ?? '')), digest(token)]);
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

function cookieOf(request) {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === COOKIE) return v.join('=');
  }
  return undefined;
}

/** The API's guard: the cookie, and for POSTs this Worker's own Origin and no cross-site fetch. */
async function authorize(request, url, token) {
  const given = cookieOf(request);
  if (given === undefined) return refuse(401, 'open the console URL with its token first');
  if (!(await sameSecret(given, token))) return refuse(403, 'wrong token');
  if (request.method === 'POST') {
    if (request.headers.get('origin') !== url.origin) return refuse(403, 'wrong Origin');
    const site = request.headers.get('sec-fetch-site');
    if (site && site !== 'same-origin') return refuse(403, 'cross-site request');
  }
  return null;
}

/** The body, refused once it passes the cap (a declared length is checked before reading). */
async function readBody(request) {
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY) return null;
  const reader = request.body?.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = reader ? await reader.read() : { done: true };
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY) return null;
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.byteLength;
  }
  return body;
}

async function forward(request, reachable) {
  if (request.method !== 'POST') return refuse(405, 'POST only');
  let target;
  try {
    target = new URL(request.headers.get('x-elb-forward-to') ?? '');
  } catch {
    return refuse(400, 'x-elb-forward-to must be a URL');
  }
  if (!reachable.has(target.origin)) return refuse(403, `only ${[...reachable].join(' and ')} are reachable`);
  // The page's request method (Route 53 reads are GETs); /forward itself is always a POST.
  const method = request.headers.get('x-elb-forward-method') ?? 'POST';
  if (method !== 'GET' && method !== 'POST') return refuse(400, 'x-elb-forward-method must be GET or POST');
  const body = await readBody(request);
  if (body === null) return refuse(413, 'body too large');
  const headers = {};
  for (const name of FORWARDED) {
    const value = request.headers.get(name);
    if (value) headers[name] = value;
  }
  let upstream;
  try {
    upstream = await fetch(target, { method, headers, body: method === 'POST' ? body : undefined });
  } catch {
    return refuse(502, `cannot reach ${target.origin}`);
  }
  const out = { ...BASE_HEADERS, 'content-type': upstream.headers.get('content-type') ?? 'text/xml' };
  const id = upstream.headers.get('x-amzn-requestid');
  if (id) out['x-amzn-requestid'] = id;
  return new Response(upstream.body, { status: upstream.status, headers: out });
}

export default {
  async fetch(request, env) {
    try {
      const url = new URL(request.url);
      if (!env.CONSOLE_TOKEN) return refuse(503, 'CONSOLE_TOKEN is not set: wrangler secret put CONSOLE_TOKEN');
      if (url.searchParams.has('token')) {
        if (!(await sameSecret(url.searchParams.get('token'), env.CONSOLE_TOKEN))) return refuse(403, 'wrong token');
        const secure = url.protocol === 'https:' ? '; Secure' : '';
        const cookie = `${COOKIE}=${env.CONSOLE_TOKEN}; HttpOnly; SameSite=Strict; Path=/${secure}`;
        return new Response(null, { status: 303, headers: { ...BASE_HEADERS, 'set-cookie': cookie, location: url.pathname } });
      }
      if (!API.has(url.pathname)) return env.ASSETS.fetch(request);
      const refused = await authorize(request, url, env.CONSOLE_TOKEN);
      if (refused) return refused;
      const { region, elb, cloudwatch, route53, reachable } = settings(env);
      if (url.pathname === '/forward') return await forward(request, reachable);
      if (request.method !== 'GET') return refuse(405, 'GET only');
      if (url.pathname === '/config') return json(200, { region, endpoint: `${elb}/`, cloudwatchEndpoint: `${cloudwatch}/`, route53Endpoint: `${route53}/`, mode: env.ENDPOINT ? 'moto' : 'aws' });
      return refuse(404, 'no local default credentials: this Worker holds none, type an access key');
    } catch (e) {
      // Only the error's name: a message could echo a header or a body.
      console.error(`console worker: ${request.method} ${new URL(request.url).pathname} failed (${e?.name ?? 'Error'})`);
      return refuse(500, 'internal error');
    }
  },
};
