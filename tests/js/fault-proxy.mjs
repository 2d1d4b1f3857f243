// A fault-injecting HTTP proxy on 127.0.0.1 in front of moto. At a set rate (seeded, so a run can
// be replayed) it answers a request itself with a failure instead of forwarding it faithfully:
//
//   503       an XML ServiceUnavailable error, HTTP 503           (not forwarded)
//   html502   an HTML "502 Bad Gateway" page                       (not forwarded)
//   throttle  ELB's Throttling error: XML, HTTP 400                (not forwarded)
//   reset     the connection is destroyed before any answer        (not forwarded)
//   truncate  moto's answer with half its body, then the socket is destroyed (forwarded: applied!)
//   cut       moto's answer with half its body framed as complete (Content-Length of the half,
//             connection kept), as a misbehaving proxy delivers it             (forwarded: applied!)
//   stall     moto's answer held back past the client's timeout   (forwarded: applied!)
//
// The last three reach moto first, so a retry repeats an operation that already took effect: the
// soak proves that this converges without duplicates.
//
// With `skewLimitMs` it also plays a service that refuses signatures whose X-Amz-Date is too far
// from its own clock, answering the way ELB does (SignatureDoesNotMatch, the server time in the
// message) with or without a `Date` header.
import http from 'node:http';
import { prng } from './prng.mjs';

export { prng };

// The proxy keeps true time even when a test moves the client's clock (by replacing Date.now).
const realNow = Date.now;

export const FAULT_KINDS = ['503', 'html502', 'throttle', 'reset', 'truncate', 'cut', 'stall'];

const amzDate = (ms) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
const parseAmzDate = (s) =>
  /^\d{8}T\d{6}Z$/.test(s ?? '')
    ? Date.UTC(+s.slice(0, 4), +s.slice(4, 6) - 1, +s.slice(6, 8), +s.slice(9, 11), +s.slice(11, 13), +s.slice(13, 15))
    : NaN;

const errorXml = (type, code, message) =>
  `<ErrorResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/"><Error><Type>${type}</Type>` +
  `<Code>${code}</Code><Message>${message}</Message></Error><RequestId>fault-${code}</RequestId></ErrorResponse>`;

/**
 * Starts the proxy. `rate` in 0..1; `kinds` the faults to draw from; `stallMs` how long a stall
 * holds the answer (make it longer than the client's timeoutMs). Returns { url, stats, force,
 * setRate, close }. `force(kind)` makes the next request fail with `kind` whatever the rate.
 */
export async function startFaultProxy({
  target,
  rate = 0,
  seed = 1,
  kinds = FAULT_KINDS,
  stallMs = 1500,
  skewLimitMs = 0,
  dateHeader = true,
}) {
  const random = prng(seed);
  const stats = { requests: 0, forwarded: 0, faults: Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])), skewRefused: 0 };
  const forced = [];
  const sockets = new Set();
  const timers = new Set();

  const forward = async (req, body) => {
    const headers = { ...req.headers };
    delete headers.connection;
    stats.forwarded++;
    const res = await fetch(new URL(req.url, target), { method: req.method, headers, body: body.length ? body : undefined });
    return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
  };

  const reply = (res, status, type, text, extra = {}) => {
    res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text), ...extra });
    res.end(text);
  };

  const server = http.createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const body = Buffer.concat(chunks);
    stats.requests++;

    if (skewLimitMs > 0) {
      const now = realNow();
      const signed = parseAmzDate(req.headers['x-amz-date']);
      if (!(Math.abs(signed - now) <= skewLimitMs)) {
        stats.skewRefused++;
        const mins = Math.round(skewLimitMs / 60000);
        const message =
          signed < now
            ? `Signature expired: ${amzDate(signed)} is now earlier than ${amzDate(now - skewLimitMs)} (${amzDate(now)} - ${mins} min.)`
            : `Signature not yet current: ${amzDate(signed)} is still later than ${amzDate(now + skewLimitMs)} (${amzDate(now)} + ${mins} min.)`;
        const headers = dateHeader ? { date: new Date(now).toUTCString() } : {};
        return reply(res, 403, 'text/xml', errorXml('Sender', 'SignatureDoesNotMatch', message), headers);
      }
    }

    const kind = forced.length ? forced.shift() : random() < rate ? kinds[Math.floor(random() * kinds.length)] : null;
    if (kind) stats.faults[kind]++;
    try {
      switch (kind) {
        case '503':
          return reply(res, 503, 'text/xml', errorXml('Receiver', 'ServiceUnavailable', 'Service is unavailable. Please try again.'));
        case 'html502':
          return reply(res, 502, 'text/html', '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>');
        case 'throttle':
          return reply(res, 400, 'text/xml', errorXml('Sender', 'Throttling', 'Rate exceeded'));
        case 'reset':
          return req.socket.destroy();
        case 'truncate': {
          const up = await forward(req, body);
          res.writeHead(up.status, { 'content-type': 'text/xml', 'content-length': up.body.length });
          res.write(up.body.subarray(0, Math.floor(up.body.length / 2)));
          // Let the half body leave before the connection dies.
          return setTimeout(() => req.socket.destroy(), 20);
        }
        case 'cut': {
          const up = await forward(req, body);
          const half = up.body.subarray(0, Math.floor(up.body.length / 2));
          res.writeHead(up.status, { 'content-type': 'text/xml', 'content-length': half.length });
          return res.end(half);
        }
        case 'stall': {
          const up = await forward(req, body);
          const t = setTimeout(() => {
            timers.delete(t);
            if (!res.destroyed) reply(res, up.status, 'text/xml', up.body.toString('utf8'));
          }, stallMs);
          timers.add(t);
          return;
        }
        default: {
          const up = await forward(req, body);
          const headers = { 'content-type': up.headers.get('content-type') ?? 'text/xml' };
          const rid = up.headers.get('x-amzn-requestid');
          if (rid) headers['x-amzn-requestid'] = rid;
          res.writeHead(up.status, headers);
          return res.end(up.body);
        }
      }
    } catch (e) {
      // moto unreachable: say so plainly rather than hang the client.
      return reply(res, 599, 'text/plain', `fault proxy: ${e.message}`);
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    force: (...k) => forced.push(...k),
    setRate: (r) => (rate = r),
    close: () =>
      new Promise((resolve) => {
        for (const t of timers) clearTimeout(t);
        for (const s of sockets) s.destroy();
        server.close(resolve);
      }),
  };
}
