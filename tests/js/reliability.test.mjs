// Reliability through the installed package: malformed answers (through the fault proxy in front
// of moto, and through an injected fetch), a skewed clock against a service that refuses skew,
// timeouts and aborts, the credentials provider, invalid inputs, and that no secret leaks.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import util from 'node:util';
import { ElbClient, ElbError, ElbDriver } from 'elb-wasm';
import { startFaultProxy } from './fault-proxy.mjs';
import { soakMotoUrl } from './env.mjs';

const target = soakMotoUrl();
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY-never-shown';
const TOKEN = 'IQoJb3JpZ2luX2VjE-session-token-never-shown';
const credentials = { accessKeyId: 'AKIDRELIABLE', secretAccessKey: SECRET, sessionToken: TOKEN };
const region = 'us-east-1';

const rejection = (p) => p.then((v) => assert.fail(`resolved: ${JSON.stringify(v)}`), (e) => e);
const OK_BODY =
  '<DescribeLoadBalancersResponse><DescribeLoadBalancersResult><LoadBalancerDescriptions/></DescribeLoadBalancersResult>' +
  '<ResponseMetadata><RequestId>ok-1</RequestId></ResponseMetadata></DescribeLoadBalancersResponse>';

/** A fetch whose answer the test switches; counts requests. */
function switchable() {
  const s = {
    count: 0,
    mode: () => new Response(OK_BODY, { status: 200 }),
    fetch: async (url, init) => {
      s.count++;
      return s.mode(url, init);
    },
  };
  return s;
}

test('after each kind of faulty answer from the proxy, the same client completes a normal call', async (t) => {
  // Stalls outlast the timeout; the timeout is generous because moto's first calls are slow.
  const proxy = await startFaultProxy({ target, rate: 0, stallMs: 2500 });
  after(() => proxy.close());
  const elb = new ElbClient({ region, endpoint: proxy.url, credentials, maxAttempts: 1, timeoutMs: 1000 });
  await new ElbClient({ region, endpoint: proxy.url, credentials }).createLoadBalancer({
    LoadBalancerName: 'fault-check',
    Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstancePort: 80 }],
    AvailabilityZones: ['us-east-1a'],
  });
  const expected = {
    503: ['ServiceUnavailable', 503, true],
    html502: ['InvalidResponse', 502, true],
    throttle: ['Throttling', 400, true],
    reset: ['NetworkError', undefined, true],
    truncate: ['NetworkError', undefined, true],
    // A complete-looking answer whose XML stops early: a transport fault, not a bad answer.
    cut: ['NetworkError', undefined, true],
    stall: ['TimeoutError', undefined, true],
  };
  for (const [kind, [code, status, retryable]] of Object.entries(expected)) {
    proxy.force(kind);
    const e = await rejection(elb.describeLoadBalancers({ LoadBalancerNames: ['fault-check'] }));
    assert.ok(e instanceof ElbError, kind);
    assert.deepEqual([e.code, e.statusCode, e.retryable, e.attempts], [code, status, retryable, 1], kind);
    const out = await elb.describeLoadBalancers({ LoadBalancerNames: ['fault-check'] });
    assert.equal(out.LoadBalancerDescriptions[0].LoadBalancerName, 'fault-check', `normal call after ${kind}`);
  }
  // With retries on (the default 3 attempts), one fault is absorbed.
  const retrying = new ElbClient({ region, endpoint: proxy.url, credentials, timeoutMs: 1000 });
  for (const kind of Object.keys(expected)) {
    proxy.force(kind);
    const out = await retrying.describeLoadBalancers({ LoadBalancerNames: ['fault-check'] });
    assert.equal(out.$metadata.attempts, 2, kind);
  }
  // A write whose answer is cut took effect at moto; the retry repeats it and succeeds, once.
  proxy.force('cut');
  const tagged = await retrying.addTags({ LoadBalancerNames: ['fault-check'], Tags: [{ Key: 'cut', Value: 'retried' }] });
  assert.equal(tagged.$metadata.attempts, 2);
  const tags = await retrying.describeTags({ LoadBalancerNames: ['fault-check'] });
  assert.deepEqual(tags.TagDescriptions[0].Tags.filter((t) => t.Key === 'cut'), [{ Key: 'cut', Value: 'retried' }]);
  await elb.deleteLoadBalancer({ LoadBalancerName: 'fault-check' });
});

test('after each kind of malformed body or broken fetch, the same client completes a normal call', async () => {
  const s = switchable();
  const elb = new ElbClient({ region, credentials, fetch: s.fetch, maxAttempts: 1 });
  const deep = '<a>'.repeat(100_000) + '</a>'.repeat(100_000);
  const cases = {
    'empty 200': () => new Response('', { status: 200 }),
    'binary garbage': () => new Response(new Uint8Array(4096).map((_, i) => (i * 131) % 256), { status: 200 }),
    'another action\'s envelope': () => new Response('<DeleteLoadBalancerResponse><DeleteLoadBalancerResult/></DeleteLoadBalancerResponse>', { status: 200 }),
    'XML nested 100,000 deep': () => new Response(`<DescribeLoadBalancersResponse><DescribeLoadBalancersResult><LoadBalancerDescriptions><member>${deep}`, { status: 200 }),
    'nested lists past the depth limit': () => new Response(`<DescribeLoadBalancersResponse><DescribeLoadBalancersResult><LoadBalancerDescriptions>${'<member><ListenerDescriptions>'.repeat(5000)}</LoadBalancerDescriptions></DescribeLoadBalancersResult></DescribeLoadBalancersResponse>`, { status: 200 }),
    'entity expansion (billion laughs)': () => new Response('<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><DescribeLoadBalancersResponse><DescribeLoadBalancersResult><NextMarker>&b;</NextMarker></DescribeLoadBalancersResult></DescribeLoadBalancersResponse>', { status: 200 }),
    '8 MB of junk': () => new Response('<'.repeat(8 << 20), { status: 200 }),
    '40 MB body (over the limit)': () => new Response('x'.repeat(40 << 20), { status: 200 }),
    'unterminated error': () => new Response('<ErrorResponse><Error><Code>Thrott', { status: 400 }),
    'error without a code': () => new Response('<ErrorResponse><Error><Message>hm</Message></Error></ErrorResponse>', { status: 400 }),
    'status 0 opaque': () => ({ status: 0, headers: new Headers(), text: async () => '' }),
    'not a Response': () => 'nope',
    'null': () => null,
    'text() throws': () => ({ status: 200, headers: new Headers(), text: () => { throw new Error('boom'); } }),
    'headers.get throws': () => ({ status: 200, headers: { get() { throw new Error('boom'); } }, text: async () => OK_BODY }),
    'fetch throws synchronously': () => { throw new TypeError('sync'); },
    'fetch rejects with null': () => Promise.reject(null),
    'fetch rejects with a getter that throws': () => Promise.reject({ get message() { throw new Error('x'); } }),
  };
  for (const [name, mode] of Object.entries(cases)) {
    s.mode = mode;
    const e = await rejection(elb.describeLoadBalancers());
    assert.ok(e instanceof ElbError, name);
    assert.ok(['InvalidResponse', 'NetworkError'].includes(e.code), `${name}: ${e.code} ${e.message}`);
    assert.ok(e.message.length <= 700, `${name}: message cut`);
    s.mode = () => new Response(OK_BODY, { status: 200 });
    const out = await elb.describeLoadBalancers();
    assert.deepEqual(out.LoadBalancerDescriptions, [], `normal call after ${name}`);
  }
  // Unknown elements are skipped (forward compatibility), however deep, without recursion.
  s.mode = () => new Response(`<DescribeLoadBalancersResponse><DescribeLoadBalancersResult>${deep}<NextMarker>m</NextMarker></DescribeLoadBalancersResult></DescribeLoadBalancersResponse>`, { status: 200 });
  assert.equal((await elb.describeLoadBalancers()).NextMarker, 'm');
});

test('a client clock 20 minutes off is corrected against a service that refuses skew, and stays corrected', async (t) => {
  const realNow = Date.now;
  try {
    for (const [offset, dateHeader] of [[-20 * 60_000, true], [+20 * 60_000, false]]) {
      // dateHeader false: what a page sees cross-origin; the time comes from ELB's message.
      const proxy = await startFaultProxy({ target, rate: 0, skewLimitMs: 5 * 60_000, dateHeader });
      Date.now = () => realNow() + offset;
      const elb = new ElbClient({ region, endpoint: proxy.url, credentials });
      const first = await elb.describeLoadBalancers();
      assert.equal(first.$metadata.attempts, 2, 'refused once, then signed with the corrected clock');
      assert.equal(proxy.stats.skewRefused, 1);
      const second = await elb.describeLoadBalancers();
      assert.equal(second.$metadata.attempts, 1, 'the offset is kept for later calls');
      assert.equal(proxy.stats.skewRefused, 1);
      // A client with a single attempt still gets its one correction.
      const strict = new ElbClient({ region, endpoint: proxy.url, credentials, maxAttempts: 1 });
      assert.equal((await strict.describeLoadBalancers()).$metadata.attempts, 2);
      Date.now = realNow;
      await proxy.close();
    }
  } finally {
    Date.now = realNow;
  }
});

test('timeouts end each attempt even when fetch ignores its signal; aborts are prompt and final', async () => {
  let sent = 0;
  const hang = () => {
    sent++;
    return new Promise(() => {});
  };
  let elb = new ElbClient({ region, credentials, fetch: hang, timeoutMs: 50, maxAttempts: 2 });
  let started = Date.now();
  let e = await rejection(elb.describeLoadBalancers());
  assert.deepEqual([e.code, e.attempts, e.retryable, sent], ['TimeoutError', 2, true, 2]);
  assert.ok(Date.now() - started < 1500, `took ${Date.now() - started} ms`);

  // Aborted while in flight, with a fetch that never looks at the signal.
  sent = 0;
  elb = new ElbClient({ region, credentials, fetch: hang });
  const ac = new AbortController();
  const pending = elb.describeLoadBalancers({}, { signal: ac.signal });
  setTimeout(() => ac.abort(), 20);
  started = Date.now();
  e = await rejection(pending);
  assert.deepEqual([e.code, e.retryable, e.attempts], ['AbortError', false, 1]);
  assert.ok(Date.now() - started < 500);

  // Aborted while waiting to retry: nothing further is sent.
  sent = 0;
  const ac2 = new AbortController();
  const unavailable = () => {
    sent++;
    setTimeout(() => ac2.abort(), 0);
    return new Response('<html>503</html>', { status: 503 });
  };
  elb = new ElbClient({ region, credentials, fetch: unavailable, maxAttempts: 10 });
  started = Date.now();
  e = await rejection(elb.describeLoadBalancers({}, { signal: ac2.signal }));
  assert.deepEqual([e.code, e.attempts], ['AbortError', 1]);
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(sent, 1);
});

test('the credentials provider: cached until near expiration, one refresh for many callers, errors typed', async () => {
  const s = switchable();
  let calls = 0;
  let keyId = 'AKIDFIRST';
  let expiresIn = 3600_000;
  const provider = async () => {
    calls++;
    await new Promise((r) => setTimeout(r, 30));
    return { accessKeyId: keyId, secretAccessKey: SECRET, sessionToken: TOKEN, expiration: new Date(Date.now() + expiresIn) };
  };
  const seen = [];
  const elb = new ElbClient({
    region,
    credentials: provider,
    fetch: (url, init) => {
      seen.push(init.headers.authorization.match(/Credential=(\w+)\//)[1]);
      return s.fetch(url, init);
    },
  });
  await Promise.all(Array.from({ length: 10 }, () => elb.describeLoadBalancers()));
  assert.equal(calls, 1, 'ten concurrent calls, one refresh');
  for (let i = 0; i < 5; i++) await elb.describeLoadBalancers();
  assert.equal(calls, 1, 'cached while far from expiration');

  // Credentials within 5 minutes of expiring are refreshed before use.
  const near = new ElbClient({ region, credentials: async () => { calls++; return { accessKeyId: keyId, secretAccessKey: SECRET, expiration: new Date(Date.now() + 120_000).toISOString() }; }, fetch: s.fetch });
  calls = 0;
  for (let i = 0; i < 3; i++) await near.describeLoadBalancers();
  assert.equal(calls, 3);

  // The service says the token expired: the next call asks the provider again, and uses its answer.
  calls = 0;
  s.mode = () => new Response('<ErrorResponse><Error><Code>ExpiredToken</Code><Message>The security token included in the request is expired</Message></Error></ErrorResponse>', { status: 403 });
  const e = await rejection(elb.describeLoadBalancers());
  assert.equal(e.code, 'ExpiredToken');
  s.mode = () => new Response(OK_BODY, { status: 200 });
  keyId = 'AKIDSECOND';
  await elb.describeLoadBalancers();
  assert.equal(calls, 1);
  assert.equal(seen.at(-1), 'AKIDSECOND');

  // Failures are CredentialsErrors, nothing is sent, and a failure is not cached.
  const before = s.count;
  let fail = true;
  const flaky = new ElbClient({ region, fetch: s.fetch, credentials: async () => { if (fail) throw new Error('metadata service down'); return credentials; } });
  let err = await rejection(flaky.describeLoadBalancers());
  assert.deepEqual([err.code, err.attempts, err.retryable], ['CredentialsError', 0, false]);
  assert.match(err.message, /metadata service down/);
  fail = false;
  await flaky.describeLoadBalancers();
  for (const bad of [async () => ({}), () => 42, async () => ({ ...credentials, expiration: 'soon' }), () => { throw null; }]) {
    err = await rejection(new ElbClient({ region, fetch: s.fetch, credentials: bad }).describeLoadBalancers());
    assert.equal(err.code, 'CredentialsError');
  }
  assert.equal(err.message, 'the credentials provider threw: null');
  err = await rejection(new ElbClient({ region, fetch: s.fetch, credentials: async () => ({ ...credentials, expiration: 'soon' }) }).describeLoadBalancers());
  assert.equal(err.message, 'the credentials provider returned an `expiration` that is not a date');
  // A Date, a number of ms or a date string: each is an expiry.
  for (const expiration of [new Date(Date.now() + 3_600_000), Date.now() + 3_600_000, new Date(Date.now() + 3_600_000).toISOString(), null]) {
    await new ElbClient({ region, fetch: s.fetch, credentials: async () => ({ ...credentials, expiration }) }).describeLoadBalancers();
  }
  assert.equal(s.count - before, 5, 'only the calls with good credentials were sent');
});

test('invalid inputs are InvalidInput with a field, and nothing is sent', async () => {
  const s = switchable();
  const elb = new ElbClient({ region, credentials, fetch: s.fetch });
  const listener = { Protocol: 'HTTP', LoadBalancerPort: 80, InstancePort: 8080 };
  const create = (over) => ({ LoadBalancerName: 'lb', Listeners: [listener], AvailabilityZones: ['us-east-1a'], ...over });
  const table = [
    ['missing required', 'createLoadBalancer', { Listeners: [listener] }, 'LoadBalancerName'],
    ['missing required in a list member', 'createLoadBalancer', create({ Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80 }] }), 'Listeners[0].InstancePort'],
    ['bad enum', 'createLoadBalancer', create({ Listeners: [{ ...listener, Protocol: 'HTTPX' }] }), 'Listeners[0].Protocol'],
    ['bad enum (instance side)', 'createLoadBalancerListeners', { LoadBalancerName: 'lb', Listeners: [{ ...listener, InstanceProtocol: 'UDP' }] }, 'Listeners[0].InstanceProtocol'],
    ['instance port 0', 'createLoadBalancer', create({ Listeners: [{ ...listener, InstancePort: 0 }] }), 'Listeners[0].InstancePort'],
    ['instance port 65536', 'createLoadBalancer', create({ Listeners: [{ ...listener, InstancePort: 65536 }] }), 'Listeners[0].InstancePort'],
    ['balancer port 0', 'createLoadBalancer', create({ Listeners: [{ ...listener, LoadBalancerPort: 0 }] }), 'Listeners[0].LoadBalancerPort'],
    ['balancer port 65536', 'deleteLoadBalancerListeners', { LoadBalancerName: 'lb', LoadBalancerPorts: [80, 65536] }, 'LoadBalancerPorts[1]'],
    ['name too long', 'createLoadBalancer', create({ LoadBalancerName: 'x'.repeat(33) }), 'LoadBalancerName'],
    ['tag key too long', 'addTags', { LoadBalancerNames: ['lb'], Tags: [{ Key: 'k'.repeat(129), Value: 'v' }] }, 'Tags[0].Key'],
    ['page size too big', 'describeLoadBalancers', { PageSize: 401 }, 'PageSize'],
    ['wrong type: string for a number', 'createLoadBalancer', create({ Listeners: [{ ...listener, InstancePort: '8080' }] }), 'Listeners[0].InstancePort'],
    ['wrong type: fraction for an integer', 'describeLoadBalancers', { PageSize: 1.5 }, 'PageSize'],
    ['wrong type: number for a string', 'deleteLoadBalancer', { LoadBalancerName: 42 }, 'LoadBalancerName'],
    ['wrong type: string for a boolean', 'modifyLoadBalancerAttributes', { LoadBalancerName: 'lb', LoadBalancerAttributes: { CrossZoneLoadBalancing: { Enabled: 'yes' } } }, 'LoadBalancerAttributes.CrossZoneLoadBalancing.Enabled'],
    ['wrong type: object for a list', 'describeLoadBalancers', { LoadBalancerNames: { a: 1 } }, 'LoadBalancerNames'],
    ['null for a required member', 'deleteLoadBalancer', { LoadBalancerName: null }, 'LoadBalancerName'],
    ['null in a list', 'describeLoadBalancers', { LoadBalancerNames: ['a', null] }, 'LoadBalancerNames[1]'],
    ['string where a list belongs', 'describeLoadBalancers', { LoadBalancerNames: 'web' }, 'LoadBalancerNames'],
    ['string where a list of structures belongs', 'createLoadBalancer', create({ Listeners: 'HTTP:80' }), 'Listeners'],
    ['unknown member', 'describeLoadBalancers', { LoadBalancerName: 'web' }, 'LoadBalancerName'],
    ['name too short', 'deleteLoadBalancer', { LoadBalancerName: '' }, 'LoadBalancerName'],
    ['tag key empty', 'removeTags', { LoadBalancerNames: ['lb'], Tags: [{ Key: '' }] }, 'Tags[0].Key'],
    ['input not an object', 'describeLoadBalancers', 'web', ''],
    ['input with a cycle', 'describeLoadBalancers', (() => { const o = {}; o.self = o; return o; })(), ''],
  ];
  for (const [why, method, input, field] of table) {
    const e = await rejection(elb[method](input));
    assert.ok(e instanceof ElbError, why);
    assert.equal(e.code, 'InvalidInput', `${why}: ${e.code} ${e.message}`);
    assert.equal(e.field, field, `${why}: ${e.message}`);
    assert.deepEqual([e.attempts, e.retryable], [0, false], why);
  }
  assert.equal(s.count, 0, 'no request was sent');
  assert.equal((await elb.describeLoadBalancers()).$metadata.attempts, 1, 'and the client still works');
});

test('the secret key and session token appear in no message, log, JSON or inspection', async () => {
  const logged = [];
  const originals = {};
  for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
    originals[level] = console[level];
    console[level] = (...args) => logged.push(util.format(...args));
  }
  const shown = [];
  const show = (x) => shown.push(JSON.stringify(x) ?? '', util.inspect(x, { depth: 20, showHidden: true }), String(x));
  try {
    const s = switchable();
    const elb = new ElbClient({ region, credentials, fetch: s.fetch, timeoutMs: 50, maxAttempts: 1 });
    show(elb);
    const provided = new ElbClient({ region, credentials: async () => credentials, fetch: s.fetch });
    await provided.describeLoadBalancers();
    show(provided);
    show(new ElbDriver(credentials.accessKeyId, SECRET, region, TOKEN));
    const driver = new ElbDriver({ key: 'AKID', secret: SECRET, token: TOKEN, region, fetch: s.fetch, timeoutMs: 50, maxAttempts: 1 });
    show(driver);
    const failures = [
      () => new Response(`<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match</Message></Error></ErrorResponse>`, { status: 403 }),
      () => new Response('<html>502</html>', { status: 502 }),
      () => { throw new TypeError('fetch failed'); },
      () => new Promise(() => {}),
    ];
    for (const mode of failures) {
      s.mode = mode;
      const e = await rejection(elb.describeLoadBalancers());
      show(e);
      shown.push(e.message, e.stack);
    }
    for (const bad of [{ accessKeyId: '', secretAccessKey: SECRET }, { accessKeyId: 'A', secretAccessKey: 7, sessionToken: TOKEN }, { accessKeyId: 'A', secretAccessKey: SECRET, sessionToken: 5 }]) {
      const e = (() => { try { new ElbClient({ region, credentials: bad }); } catch (x) { return x; } })();
      assert.equal(e.code, 'InvalidInput');
      show(e);
    }
    const e = await rejection(driver.listBalancers());
    show(e);
  } finally {
    Object.assign(console, originals);
  }
  const everything = [...shown, ...logged].join('\n');
  assert.ok(shown.length > 20);
  assert.ok(!everything.includes(SECRET), 'secret key leaked');
  assert.ok(!everything.includes(TOKEN), 'session token leaked');
  assert.ok(!everything.includes(SECRET.slice(0, 20)), 'part of the secret leaked');
});

test('ElbDriver.listBalancers asks instance health at most 5 at a time', async () => {
  const names = Array.from({ length: 30 }, (_, i) => `lb-${i}`);
  const describe = `<DescribeLoadBalancersResponse><DescribeLoadBalancersResult><LoadBalancerDescriptions>${names
    .map((n) => `<member><LoadBalancerName>${n}</LoadBalancerName><Instances><member><InstanceId>i-1</InstanceId></member></Instances></member>`)
    .join('')}</LoadBalancerDescriptions></DescribeLoadBalancersResult></DescribeLoadBalancersResponse>`;
  const health = '<DescribeInstanceHealthResponse><DescribeInstanceHealthResult><InstanceStates><member><InstanceId>i-1</InstanceId><State>InService</State></member></InstanceStates></DescribeInstanceHealthResult></DescribeInstanceHealthResponse>';
  let inFlight = 0;
  let most = 0;
  const fetch = async (url, init) => {
    if (init.body.startsWith('Action=DescribeLoadBalancers&')) return new Response(describe, { status: 200 });
    most = Math.max(most, ++inFlight);
    await new Promise((r) => setTimeout(r, 5));
    inFlight--;
    return new Response(health, { status: 200 });
  };
  const driver = new ElbDriver({ key: 'AKID', secret: SECRET, region, fetch });
  const listed = await driver.listBalancers();
  assert.deepEqual(listed.map((b) => b.name), names, 'in order');
  assert.ok(listed.every((b) => b.state === 0));
  assert.equal(most, 5);
});
