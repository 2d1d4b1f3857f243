// The AWS SigV4 test suite (34 cases) through the exported `sign`.
// Two cases (get-utf8, normalize-path/get-space) put a raw character in the request line; a URL
// string cannot hold one, so through `sign` they are signed as fetch would send them (the wire
// path, which AWS encodes once more for the canonical URI). For those two the expected canonical
// request is the suite's with that URI, and the signature is recomputed here with node:crypto.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { sign } from 'elb-wasm';
import { vectorsDir } from './env.mjs';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const date = new Date('2015-08-30T12:36:00Z');

function cases(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...cases(p));
    else if (name.endsWith('.req')) out.push(p.slice(0, -4));
  }
  return out.sort();
}

function parseReq(text) {
  const cut = text.indexOf('\n\n');
  const head = cut < 0 ? text : text.slice(0, cut);
  const body = cut < 0 ? '' : text.slice(cut + 2);
  const [line, ...rest] = head.split('\n');
  const method = line.slice(0, line.indexOf(' '));
  const target = line.slice(method.length + 1, -' HTTP/1.1'.length);
  const headers = [];
  for (const l of rest) {
    if (l === '') continue; // two .req files end with a newline
    if (/^[ \t]/.test(l)) headers[headers.length - 1][1] += `\n${l}`;
    else {
      const i = l.indexOf(':');
      headers.push([l.slice(0, i), l.slice(i + 1)]);
    }
  }
  return { method, target, headers, body };
}

const hmac = (key, data) => createHmac('sha256', key).update(data).digest();
function signatureFor(creq) {
  const sts = `AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n${createHash('sha256').update(creq).digest('hex')}`;
  let key = hmac(`AWS4${credentials.secretAccessKey}`, '20150830');
  for (const part of ['us-east-1', 'service', 'aws4_request']) key = hmac(key, part);
  return hmac(key, sts).toString('hex');
}

/** Per RFC 3986, as AWS encodes each byte of a non-S3 canonical URI. */
const encodeUri = (path) =>
  [...new TextEncoder().encode(path)]
    .map((b) => (/[A-Za-z0-9\-._~\/]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`))
    .join('');

test('all 34 SigV4 suite signatures through the exported sign', (t) => {
  const dir = vectorsDir('sigv4');
  const all = cases(dir);
  assert.equal(all.length, 34);
  const failures = [];
  for (const stem of all) {
    const name = relative(dir, dirname(stem));
    const req = parseReq(readFileSync(`${stem}.req`, 'utf8'));
    const creq = readFileSync(`${stem}.creq`, 'utf8');
    const token = creq.split('\n').find((l) => l.startsWith('x-amz-security-token:'))?.slice('x-amz-security-token:'.length);
    const host = req.headers.find(([n]) => n.toLowerCase() === 'host')[1];
    // post-sts-header-after adds its token after signing: it is not signed.
    const headers = req.headers.filter(([n]) => token || n.toLowerCase() !== 'x-amz-security-token');
    const url = `https://${host}${req.target}`;
    const signed = sign(
      { method: req.method, url, headers, body: req.body },
      { region: 'us-east-1', service: 'service', credentials: { ...credentials, sessionToken: token }, date },
    );
    let expected = readFileSync(`${stem}.authz`, 'utf8').trim();
    const raw = /[^\x21-\x7e]/.test(req.target.split('?')[0]);
    if (raw) {
      const wire = new URL(url).pathname;
      const lines = creq.split('\n');
      lines[1] = encodeUri(wire);
      expected = expected.replace(/Signature=[0-9a-f]+$/, `Signature=${signatureFor(lines.join('\n'))}`);
      assert.notEqual(lines[1], creq.split('\n')[1], `${name}: the wire path differs from the literal one`);
    }
    if (signed.headers.authorization !== expected) failures.push(`${name}\n  got      ${signed.headers.authorization}\n  expected ${expected}`);
    assert.equal(signed.headers['x-amz-date'], '20150830T123600Z');
    assert.equal(signed.headers.host, host);
    if (token) assert.equal(signed.headers['x-amz-security-token'], token);
  }
  assert.deepEqual(failures, []);
});

test('sign accepts Headers, byte bodies and date forms; never sends', () => {
  const base = { method: 'POST', url: 'https://elasticloadbalancing.us-east-1.amazonaws.com/', body: 'Action=DescribeLoadBalancers&Version=2012-06-01' };
  const options = { region: 'us-east-1', service: 'elasticloadbalancing', credentials, date };
  const a = sign({ ...base, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }, options);
  const b = sign({ ...base, headers: new Headers({ 'content-type': 'application/x-www-form-urlencoded' }), body: new TextEncoder().encode(base.body) }, { ...options, date: date.getTime() });
  assert.equal(a.headers.authorization, b.headers.authorization);
  assert.deepEqual(Object.keys(a.headers).sort(), ['authorization', 'content-type', 'host', 'x-amz-date']);
  // Signing an already signed request gives the same signature: its Authorization is not signed.
  assert.equal(sign(a, options).headers.authorization, a.headers.authorization);
  assert.throws(() => sign({ url: 'not a url' }, options), (e) => e.name === 'ElbError' && e.field === 'request.url');
  assert.throws(() => sign({ url: base.url }, { ...options, credentials: {} }), (e) => e.code === 'InvalidInput');
  assert.throws(() => sign({ url: base.url }, { ...options, date: new Date(NaN) }), (e) => e.field === 'date');
  // A string body and its UTF-8 bytes sign alike: non-ASCII text, NULs, and a body longer than
  // the reused encoding buffer (4 KiB) each take their own path into the wasm.
  const bodies = ['Tag=caf\u00e9\u{1F600}', 'a\0b\0', 'x'.repeat(10_000) + '\u00e9'];
  const seen = new Set();
  for (const body of bodies) {
    const text = sign({ ...base, body }, options).headers.authorization;
    const bytes = sign({ ...base, body: new TextEncoder().encode(body) }, options).headers.authorization;
    assert.equal(text, bytes, JSON.stringify(body.slice(0, 20)));
    seen.add(text);
  }
  assert.equal(seen.size, bodies.length, 'different bodies, different signatures');
  assert.throws(() => sign({ url: base.url }, { ...options, region: 'us-east-1\0x' }), (e) => e.field === 'region');
});
