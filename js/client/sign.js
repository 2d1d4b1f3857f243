// sign(request, options): SigV4 for any request, synchronous, nothing sent. Reading the caller's
// objects (URL, Headers, Map, pairs...) happens here in JS; the wasm gets flat strings and does
// the cryptography, so a signature costs a handful of boundary crossings instead of dozens.
import { signFlat } from '../elb_wasm.js';
import { invalidInput as invalid } from './elb_error.js';
import { epochMs } from './call.js';
// An HTTP token: anything else could not be sent as signed.
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Separates the fields of the one string handed to the wasm: no field may hold a NUL (the body,
// last, may).
const SEP = '\0';
// The fields go to the wasm as UTF-8 encoded into this reused buffer: a native encodeInto beats
// wasm-bindgen's per-character copy of a JS string (~8% of a signature).
const utf8 = new TextEncoder();
const scratch = new Uint8Array(4096);

function encoded(text) {
  const { read, written } = utf8.encodeInto(text, scratch);
  // A longer request (a large body) gets a buffer of its own rather than a scratch kept forever.
  return read === text.length ? scratch.subarray(0, written) : utf8.encode(text);
}

function headerPairs(headers) {
  if (headers === undefined || headers === null) return [];
  if (typeof headers !== 'object') {
    throw invalid('request.headers', 'must be an object, a Headers or an array of [name, value] pairs');
  }
  let entries;
  try {
    entries = Array.isArray(headers) ? headers : typeof headers[Symbol.iterator] === 'function' ? [...headers] : Object.entries(headers);
  } catch {
    throw invalid('request.headers', 'could not be read');
  }
  return entries.map((entry) => {
    const name = entry?.[0];
    let value = entry?.[1];
    if (typeof value === 'number') value = String(value);
    if (typeof name !== 'string' || typeof value !== 'string') {
      throw invalid('request.headers', 'each header needs a string name and a string value');
    }
    if (!HEADER_NAME.test(name)) throw invalid('request.headers', `${JSON.stringify(name)} is not a header name`);
    if (value.includes(SEP)) throw invalid('request.headers', `the value of ${name} holds a NUL character`);
    return [name.toLowerCase(), value];
  });
}

// A client signs for one endpoint over and over: the last URL's parts are kept (WHATWG parsing,
// the same as fetch's, is a good part of a signature's cost).
let lastUrl = { text: null };

function parseUrl(text) {
  if (text === lastUrl.text) return lastUrl;
  let url;
  try {
    url = new URL(text);
  } catch {
    throw invalid('request.url', `not a URL: ${JSON.stringify(text)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid('request.url', 'the scheme must be http or https');
  const search = url.search;
  lastUrl = { text, host: url.host, path: url.pathname, query: search.startsWith('?') ? search.slice(1) : search, href: url.href };
  return lastUrl;
}

function signingTime(date) {
  if (date === undefined || date === null) return Date.now();
  const ms = epochMs(date);
  if (!Number.isFinite(ms)) throw invalid('date', 'must be a valid Date');
  return ms;
}

const str = (v, field, required) => {
  if (v === undefined || v === null) {
    if (required) throw invalid(field, 'is required');
    return undefined;
  }
  if (typeof v !== 'string') throw invalid(field, 'must be a string');
  if (v.includes(SEP)) throw invalid(field, 'must not hold a NUL character');
  return v;
};

/** Signs `request` (`{ method, url, headers, body }`) and returns it with the SigV4 headers added. */
export function sign(request, options) {
  if (request === null || typeof request !== 'object') {
    throw invalid('request', 'must be an object { method, url, headers?, body? }');
  }
  const method = (str(request.method, 'request.method') ?? 'GET').toUpperCase();
  const urlText = str(request.url, 'request.url', true);
  const url = parseUrl(urlText);
  const o = options ?? {};
  const region = str(o.region, 'region', true);
  const service = str(o.service, 'service', true);
  const c = o.credentials;
  if (c === null || typeof c !== 'object') {
    throw invalid('credentials', 'must be an object { accessKeyId, secretAccessKey, sessionToken? } or a function returning one');
  }
  const accessKeyId = str(c.accessKeyId, 'credentials.accessKeyId', true);
  const secretAccessKey = str(c.secretAccessKey, 'credentials.secretAccessKey', true);
  const sessionToken = str(c.sessionToken, 'credentials.sessionToken') || undefined;
  if (!accessKeyId || !secretAccessKey) throw invalid('credentials', 'accessKeyId and secretAccessKey must not be empty');
  const time = signingTime(o.date);
  const given = headerPairs(request.headers);
  const body = request.body;
  let text = '';
  let bytes;
  if (typeof body === 'string') text = body;
  else if (body instanceof Uint8Array) bytes = body;
  else if (body instanceof ArrayBuffer) bytes = new Uint8Array(body);
  else if (body !== undefined && body !== null) throw invalid('request.body', 'must be a string, a Uint8Array or an ArrayBuffer');

  const { host, path, query, href } = url;
  // `host` is signed from the URL; one given by the caller would disagree with what is sent.
  let flat = '';
  let count = 0;
  for (const [n, v] of given) {
    if (n !== 'host') {
      flat += n + SEP + v + SEP;
      count++;
    }
  }
  const fields = [method, path, query, host, region, service, accessKeyId, secretAccessKey, sessionToken ?? '', count, flat + text].join(SEP);
  const signed = signFlat(encoded(fields), bytes, time).split(SEP);

  const headers = {};
  for (const [n, v] of given) {
    // Repeated names are joined the way fetch's Headers joins them.
    headers[n] = n in headers ? `${headers[n]}, ${v}` : v;
  }
  // The URL's host and what the wasm signed replace any the caller gave under those names.
  headers.host = host;
  for (let i = 0; i + 1 < signed.length; i += 2) headers[signed[i]] = signed[i + 1];
  const out = { method, url: href, headers };
  if (body !== undefined) out.body = body;
  return out;
}
