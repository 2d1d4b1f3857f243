// Through an injected fetch: the two actions moto lacks (recorded XML: libcloud's policy-types
// fixture and an AWS DescribeAccountLimits page), what goes on the wire, and error mapping.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ElbClient, ElbError } from 'elb-wasm';
import { recordedFetch, vectorsDir } from './env.mjs';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'TOKEN' };
const client = (fetch) => new ElbClient({ region: 'eu-west-1', credentials, fetch });

test('describeLoadBalancerPolicyTypes decodes libcloud\'s fixture', async (t) => {
  const dir = vectorsDir('elb-xml/libcloud');
  const xml = readFileSync(join(dir, 'describe_load_balancers_policy_types.xml'), 'utf8');
  const { fetch, calls } = recordedFetch(200, xml);
  const out = await client(fetch).describeLoadBalancerPolicyTypes({ PolicyTypeNames: ['ProxyProtocolPolicyType'] });
  assert.deepEqual(out.PolicyTypeDescriptions, [
    {
      PolicyTypeName: 'ProxyProtocolPolicyType',
      Description:
        'Policy that controls whether to include the IP address and port of the originating request for TCP messages.\n        This policy operates on TCP/SSL listeners only',
      PolicyAttributeTypeDescriptions: [{ AttributeName: 'ProxyProtocol', AttributeType: 'Boolean', Cardinality: 'ONE' }],
    },
  ]);
  assert.equal(out.$metadata.requestId, '1549581b-12b7-11e3-895e-1334aEXAMPLE');

  assert.equal(calls.length, 1);
  const { url, init } = calls[0];
  assert.equal(url, 'https://elasticloadbalancing.eu-west-1.amazonaws.com/');
  assert.equal(init.method, 'POST');
  assert.equal(init.body, 'Action=DescribeLoadBalancerPolicyTypes&Version=2012-06-01&PolicyTypeNames.member.1=ProxyProtocolPolicyType');
  // Minimal headers: each extra one is a CORS preflight cost and a signing mismatch risk.
  assert.deepEqual(Object.keys(init.headers).sort(), ['authorization', 'content-type', 'x-amz-date', 'x-amz-security-token']);
  assert.equal(init.headers['x-amz-security-token'], 'TOKEN');
  assert.match(
    init.headers.authorization,
    /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/elasticloadbalancing\/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/,
  );
});

const LIMITS = `<DescribeAccountLimitsResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/">
  <DescribeAccountLimitsResult>
    <Limits>
      <member><Name>classic-load-balancers</Name><Max>20</Max></member>
      <member><Name>classic-listeners</Name><Max>100</Max></member>
    </Limits>
    NEXT
  </DescribeAccountLimitsResult>
  <ResponseMetadata><RequestId>4e2f5a1c-8a13-11e7-b9a3-EXAMPLE</RequestId></ResponseMetadata>
</DescribeAccountLimitsResponse>`;

test('describeAccountLimits and its paginator', async () => {
  const bodies = [
    LIMITS.replace('NEXT', '<NextMarker>page-2</NextMarker>'),
    LIMITS.replace('NEXT', '').replace('classic-load-balancers', 'classic-registered-instances'),
  ];
  const sent = [];
  const fetch = async (url, init) => {
    sent.push(init.body);
    return new Response(bodies[sent.length - 1], { status: 200, headers: { 'x-amzn-RequestId': `req-${sent.length}` } });
  };
  const elb = client(fetch);
  const pages = [];
  for await (const page of elb.paginateDescribeAccountLimits({ PageSize: 2 })) pages.push(page);
  assert.equal(pages.length, 2);
  assert.deepEqual(pages[0].Limits, [
    { Name: 'classic-load-balancers', Max: '20' },
    { Name: 'classic-listeners', Max: '100' },
  ]);
  assert.equal(pages[0].NextMarker, 'page-2');
  assert.ok(!('NextMarker' in pages[1]));
  assert.equal(pages[1].$metadata.requestId, 'req-2', 'the x-amzn-RequestId header wins over the body');
  assert.deepEqual(sent, [
    'Action=DescribeAccountLimits&Version=2012-06-01&PageSize=2',
    'Action=DescribeAccountLimits&Version=2012-06-01&PageSize=2&Marker=page-2',
  ]);
});

test('non-XML and transport failures map to typed errors', async () => {
  const html = recordedFetch(502, '<html><body><h1>502 Bad Gateway</h1></body></html>', { 'content-type': 'text/html' });
  let e = await client(html.fetch).describeLoadBalancers().then(() => assert.fail(), (e) => e);
  assert.ok(e instanceof ElbError);
  assert.equal(e.code, 'InvalidResponse');
  assert.equal(e.statusCode, 502);
  assert.equal(e.retryable, true);

  const throttled = recordedFetch(400, '<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>r-1</RequestId></ErrorResponse>');
  e = await client(throttled.fetch).describeLoadBalancers().then(() => assert.fail(), (e) => e);
  assert.deepEqual([e.code, e.statusCode, e.retryable, e.requestId], ['Throttling', 400, true, 'r-1']);

  e = await client(async () => { throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) }); })
    .describeLoadBalancers().then(() => assert.fail(), (e) => e);
  assert.equal(e.code, 'NetworkError');
  assert.ok(!('statusCode' in e));
  // Where it went and why, as Node's fetch keeps the cause apart.
  assert.match(e.message, /fetch https:\/\/elasticloadbalancing\.eu-west-1\.amazonaws\.com failed: fetch failed: ECONNREFUSED/);

  e = await client(async () => 'not a response').describeLoadBalancers().then(() => assert.fail(), (e) => e);
  assert.equal(e.code, 'NetworkError');

  // Every modelled error code maps through, with its status.
  const notFound = recordedFetch(400, '<ErrorResponse><Error><Code>DuplicateLoadBalancerName</Code><Message>exists</Message></Error></ErrorResponse>');
  e = await client(notFound.fetch).describeLoadBalancers().then(() => assert.fail(), (e) => e);
  assert.equal(e.code, 'DuplicateLoadBalancerName');
});

test('AbortSignal: an aborted call sends nothing; aborting in flight rejects with AbortError', async () => {
  const { fetch, calls } = recordedFetch(200, '<DescribeLoadBalancersResponse/>');
  const ac = new AbortController();
  ac.abort();
  let e = await client(fetch).describeLoadBalancers({}, { signal: ac.signal }).then(() => assert.fail(), (e) => e);
  assert.equal(e.code, 'AbortError');
  assert.equal(calls.length, 0);

  const slow = (url, init) =>
    new Promise((resolve, reject) => {
      init.signal.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')));
    });
  const ac2 = new AbortController();
  const pending = client(slow).describeLoadBalancers({}, { signal: ac2.signal });
  setTimeout(() => ac2.abort(), 10);
  e = await pending.then(() => assert.fail(), (e) => e);
  assert.equal(e.code, 'AbortError');
  assert.equal(e.retryable, false);
});

test('waiters follow the model\'s acceptors', async () => {
  const health = (...states) => `<DescribeInstanceHealthResponse><DescribeInstanceHealthResult><InstanceStates>${states
    .map((s, i) => `<member><InstanceId>i-${i}</InstanceId><State>${s}</State></member>`)
    .join('')}</InstanceStates></DescribeInstanceHealthResult></DescribeInstanceHealthResponse>`;
  const script = (...responses) => {
    let n = 0;
    return {
      get count() { return n; },
      fetch: async () => {
        const [status, body] = responses[Math.min(n++, responses.length - 1)];
        return new Response(body, { status });
      },
    };
  };
  const input = { LoadBalancerName: 'lb' };

  let s = script([200, health('OutOfService', 'InService')], [200, health('InService', 'InService')]);
  let r = await client(s.fetch).waitUntilInstanceInService(input, { delayMs: 1 });
  assert.equal(r.state, 'SUCCESS');
  assert.equal(s.count, 2, 'pathAll waits for every instance');

  s = script([200, health('OutOfService', 'InService')]);
  r = await client(s.fetch).waitUntilAnyInstanceInService(input, { delayMs: 1 });
  assert.equal(s.count, 1, 'pathAny is satisfied by one instance');

  const invalid = [400, '<ErrorResponse><Error><Code>InvalidInstance</Code><Message>x</Message></Error></ErrorResponse>'];
  s = script(invalid, [200, health('InService')]);
  r = await client(s.fetch).waitUntilInstanceInService(input, { delayMs: 1 });
  assert.equal(s.count, 2, 'InvalidInstance means retry for InstanceInService');

  s = script(invalid);
  r = await client(s.fetch).waitUntilInstanceDeregistered(input, { delayMs: 1 });
  assert.equal(r.reason.code, 'InvalidInstance', 'and success for InstanceDeregistered');

  s = script([200, health('OutOfService')]);
  let e = await client(s.fetch).waitUntilInstanceInService(input, { delayMs: 5, maxWaitMs: 30 }).then(() => assert.fail(), (e) => e);
  assert.equal(e.code, 'WaiterTimeout');

  s = script([200, health()]);
  e = await client(s.fetch).waitUntilInstanceDeregistered(input, { delayMs: 1, maxWaitMs: 20 }).then(() => assert.fail(), (e) => e);
  assert.equal(e.code, 'WaiterTimeout', 'pathAll over no instances is not success');

  s = script([200, health('OutOfService')]);
  const ac = new AbortController();
  const waiting = client(s.fetch).waitUntilInstanceInService(input, { signal: ac.signal });
  setTimeout(() => ac.abort(), 20);
  const started = Date.now();
  e = await waiting.then(() => assert.fail(), (e) => e);
  assert.equal(e.code, 'AbortError');
  assert.ok(Date.now() - started < 5000, 'aborted during the 15 s model delay, promptly');
});

test('configuration errors are ElbErrors thrown by the constructor', () => {
  assert.throws(() => new ElbClient({ credentials }), (e) => e instanceof ElbError && e.code === 'InvalidInput' && e.field === 'region');
  assert.throws(() => new ElbClient({ region: 'us-east-1', credentials, endpoint: 'ftp://x' }), (e) => e.field === 'endpoint');
  assert.throws(() => new ElbClient({ region: 'us east', credentials }), (e) => e.field === 'region');
  // Checked by the engine (maxAttempts) or by call.js (fetch, timeoutMs, which only it uses): the same ElbError.
  for (const [key, bad, message] of [
    ['maxAttempts', 11, 'maxAttempts: must be a whole number from 1 to 10'],
    ['maxAttempts', 1.5, 'maxAttempts: must be a whole number from 1 to 10'],
    ['fetch', 'https://example.com', 'fetch: must be a function'],
    ['timeoutMs', 0, 'timeoutMs: must be a whole number from 1 to 3600000'],
    ['timeoutMs', 2.5, 'timeoutMs: must be a whole number from 1 to 3600000'],
    ['timeoutMs', '100', 'timeoutMs: must be a whole number from 1 to 3600000'],
  ]) {
    assert.throws(
      () => new ElbClient({ region: 'us-east-1', credentials, [key]: bad }),
      (e) => e instanceof ElbError && e.code === 'InvalidInput' && e.field === key && e.message === message && e.attempts === 0 && e.retryable === false,
      `${key}: ${bad}`,
    );
  }
  assert.equal(new ElbClient({ region: 'us-east-1', credentials, fetch: null, timeoutMs: null }).toJSON().timeoutMs, undefined);
  assert.equal(new ElbClient({ region: 'us-east-1', credentials, timeoutMs: 3_600_000 }).toJSON().timeoutMs, 3_600_000);
});

test('toJSON shows the attempts a call makes: the engine default when unset, else the one given', async () => {
  for (const maxAttempts of [undefined, 1, 2]) {
    let sent = 0;
    const fetch = async () => {
      sent++;
      return new Response('<html>busy</html>', { status: 503 });
    };
    const c = new ElbClient({ region: 'us-east-1', credentials, fetch, maxAttempts });
    const e = await c.describeLoadBalancers().then(() => assert.fail('a 503 each time'), (e) => e);
    assert.equal(e.attempts, c.toJSON().maxAttempts, String(maxAttempts));
    assert.equal(sent, c.toJSON().maxAttempts, String(maxAttempts));
  }
  const cn = new ElbClient({ region: 'cn-north-1', credentials });
  assert.equal(cn.toJSON().endpoint, 'https://elasticloadbalancing.cn-north-1.amazonaws.com.cn/');
  // A getter that throws is read as absent, by the wasm and by the JS side alike: no foreign error.
  const tricky = { region: 'us-east-1', credentials, get fetch() { throw new Error('boom'); }, get timeoutMs() { throw new Error('boom'); } };
  assert.equal(new ElbClient(tricky).toJSON().region, 'us-east-1');
});

test('no credentials: the client is made, and a call that needs them fails with CredentialsError, sending nothing', async () => {
  // Absent, or a getter that throws (read as absent): credentials may come later (a provider) or
  // not be needed (an operation the model marks unauthenticated: STS AssumeRoleWithWebIdentity).
  for (const throwing of [false, true]) {
    const { fetch, calls } = recordedFetch(200, '<DescribeLoadBalancersResponse/>');
    const config = { region: 'us-east-1', fetch };
    if (throwing) Object.defineProperty(config, 'credentials', { get() { throw new Error('boom'); } });
    const client = new ElbClient(config);
    await assert.rejects(client.describeLoadBalancers({}), (e) => e instanceof ElbError && e.code === 'CredentialsError' && /no credentials/.test(e.message));
    assert.equal(calls.length, 0, 'nothing sent');
  }
});
