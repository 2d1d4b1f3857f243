// Many calls in flight on one client, as a Worker serving many requests holds them: an injected
// fetch answers each request for the balancer it names, after a random latency, and throttles a
// share of them. Every call must resolve to its own answer (checked against its own input and the
// request ids the service gave that input), or reject with a typed Throttling error once its
// attempts or the client's retry quota are spent; the credentials provider runs once; the heap
// goes back to where it was; then the client still works.
// Runtime-agnostic (Node and workerd): the caller passes the package and the heap probes.
// Resolves to a report; throws an Error naming what broke.
import { prng } from './prng.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const OPERATIONS = ['describeLoadBalancers', 'describeTags', 'createLoadBalancer', 'registerInstancesWithLoadBalancer'];

/** The input of call `i` (its balancer's name is `c<i>`) and what its output must hold. */
function callOf(i) {
  const name = `c${i}`;
  const port = 1 + (i % 60000);
  switch (OPERATIONS[i % OPERATIONS.length]) {
    case 'describeLoadBalancers':
      return {
        name, op: 'describeLoadBalancers', input: { LoadBalancerNames: [name] },
        check: (o) => o.LoadBalancerDescriptions.length === 1 && o.LoadBalancerDescriptions[0].LoadBalancerName === name &&
          o.LoadBalancerDescriptions[0].DNSName === `${name}.elb.test`,
      };
    case 'describeTags':
      return {
        name, op: 'describeTags', input: { LoadBalancerNames: [name] },
        check: (o) => o.TagDescriptions[0].LoadBalancerName === name && o.TagDescriptions[0].Tags[0].Value === `owner-of-${name}`,
      };
    case 'createLoadBalancer':
      return {
        name, op: 'createLoadBalancer',
        input: { LoadBalancerName: name, Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: port, InstancePort: 8080 }], AvailabilityZones: ['us-east-1a'] },
        check: (o) => o.DNSName === `${name}-${port}.elb.test`,
      };
    default:
      return {
        name, op: 'registerInstancesWithLoadBalancer',
        input: { LoadBalancerName: name, Instances: [{ InstanceId: `i-${i}a` }, { InstanceId: `i-${i}b` }] },
        check: (o) => o.Instances.map((x) => x.InstanceId).join() === `i-${i}a,i-${i}b`,
      };
  }
}

const envelope = (action, result, requestId) =>
  `<${action}Response xmlns="http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/"><${action}Result>${result}</${action}Result>` +
  `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;

/** The service: answers each request from its own form body. */
function fakeService({ random, throttleShare, maxLatencyMs }) {
  let share = throttleShare;
  const attempts = new Map(); // balancer name → requests seen
  let requests = 0;
  let throttled = 0;
  const fetch = async (url, init) => {
    const form = new URLSearchParams(String(init.body));
    const action = form.get('Action');
    const name = form.get('LoadBalancerName') ?? form.get('LoadBalancerNames.member.1');
    const n = (attempts.get(name) ?? 0) + 1;
    attempts.set(name, n);
    requests++;
    await sleep(Math.floor(random() * maxLatencyMs));
    const headers = { 'content-type': 'text/xml' };
    if (random() < share) {
      throttled++;
      return new Response(
        `<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>throttled-${name}-${n}</RequestId></ErrorResponse>`,
        { status: 400, headers },
      );
    }
    const id = `${name}#${n}`;
    let result;
    switch (action) {
      case 'DescribeLoadBalancers':
        result = `<LoadBalancerDescriptions><member><LoadBalancerName>${name}</LoadBalancerName><DNSName>${name}.elb.test</DNSName>` +
          '<CreatedTime>2026-12-01T10:00:00Z</CreatedTime></member></LoadBalancerDescriptions>';
        break;
      case 'DescribeTags':
        result = `<TagDescriptions><member><LoadBalancerName>${name}</LoadBalancerName><Tags><member><Key>owner</Key><Value>owner-of-${name}</Value></member></Tags></member></TagDescriptions>`;
        break;
      case 'CreateLoadBalancer':
        result = `<DNSName>${name}-${form.get('Listeners.member.1.LoadBalancerPort')}.elb.test</DNSName>`;
        break;
      case 'RegisterInstancesWithLoadBalancer': {
        const ids = [...form].filter(([k]) => /^Instances\.member\.\d+\.InstanceId$/.test(k)).map(([, v]) => `<member><InstanceId>${v}</InstanceId></member>`);
        result = `<Instances>${ids.join('')}</Instances>`;
        break;
      }
      default:
        return new Response('<ErrorResponse><Error><Code>InvalidAction</Code></Error></ErrorResponse>', { status: 400, headers });
    }
    return new Response(envelope(action, result, id), { status: 200, headers });
  };
  return { fetch, attempts, stats: () => ({ requests, throttled }), setThrottleShare: (x) => (share = x) };
}

/** Runs `calls` calls at once on `elb`; checks each against the service's record. */
async function burst(elb, service, calls, first, ElbError, maxAttempts = 3) {
  const cases = Array.from({ length: calls }, (_, k) => callOf(first + k));
  const settled = await Promise.allSettled(cases.map((c) => elb[c.op](c.input)));
  const outcome = { ok: 0, okAfterRetries: 0, throttledAfterMaxAttempts: 0, throttledQuotaSpent: 0, attempts: 0 };
  settled.forEach((s, k) => {
    const c = cases[k];
    const seen = service.attempts.get(c.name);
    const what = `call ${first + k} (${c.op} ${c.name})`;
    if (s.status === 'fulfilled') {
      const o = s.value;
      if (!c.check(o)) throw new Error(`${what}: resolved to another call's answer: ${JSON.stringify(o)}`);
      if (o.$metadata.requestId !== `${c.name}#${seen}` || o.$metadata.attempts !== seen) {
        throw new Error(`${what}: $metadata ${JSON.stringify(o.$metadata)} but the service saw ${seen} requests`);
      }
      outcome.ok++;
      if (seen > 1) outcome.okAfterRetries++;
      outcome.attempts += seen;
      return;
    }
    const e = s.reason;
    if (!(e instanceof ElbError) || e.code !== 'Throttling' || !e.retryable || e.statusCode !== 400) {
      throw new Error(`${what}: rejected with ${e?.name} ${e?.code}: ${e?.message}`);
    }
    if (e.requestId !== `throttled-${c.name}-${seen}` || e.attempts !== seen) {
      throw new Error(`${what}: error for request ${e.requestId} after ${e.attempts} attempts, the service saw ${seen}`);
    }
    if (seen === maxAttempts) outcome.throttledAfterMaxAttempts++;
    else outcome.throttledQuotaSpent++;
    outcome.attempts += seen;
  });
  return outcome;
}

/**
 * `pkg`: { ElbClient, ElbError }; `heap`: { liveBytes(), peakBytes(reset), memoryBytes() } of the
 * package's wasm instance. Throws when an invariant breaks; resolves to the report.
 */
export async function runConcurrency(pkg, heap, { calls = 1000, seed = 7, throttleShare = 0.4, maxLatencyMs = 25 } = {}) {
  const { ElbClient, ElbError } = pkg;
  const check = (ok, what) => {
    if (!ok) throw new Error(`concurrency: ${what}`);
  };
  const random = prng(seed);
  const maxAttempts = 3;

  // Warm-up on another client: the first burst grows the runtime's own structures (the task queue
  // of the promise bridge, the allocator's free lists) to their size for `calls` at once.
  const calm = fakeService({ random, throttleShare: 0, maxLatencyMs });
  const warm = new ElbClient({ region: 'us-east-1', credentials: { accessKeyId: 'AKIDWARM', secretAccessKey: 'warm-secret' }, fetch: calm.fetch });
  const warmed = await burst(warm, calm, calls, 1_000_000, ElbError);
  check(warmed.ok === calls, `warm-up: ${JSON.stringify(warmed)}`);

  let providerCalls = 0;
  const service = fakeService({ random, throttleShare, maxLatencyMs });
  const elb = new ElbClient({
    region: 'us-east-1',
    maxAttempts,
    fetch: service.fetch,
    credentials: async () => {
      providerCalls++;
      await sleep(10);
      return { accessKeyId: 'AKIDCONCURRENT', secretAccessKey: 'concurrency-secret', expiration: new Date(Date.now() + 3_600_000) };
    },
  });
  const resting = heap.liveBytes();
  const memoryBefore = heap.memoryBytes();
  heap.peakBytes(true);

  const started = Date.now();
  const first = await burst(elb, service, calls, 0, ElbError, maxAttempts);
  const ms = Date.now() - started;
  const peak = heap.peakBytes(true);
  const afterFirst = heap.liveBytes();
  const { requests, throttled } = service.stats();
  check(first.ok + first.throttledAfterMaxAttempts + first.throttledQuotaSpent === calls, 'every call settled');
  check(first.attempts === requests, `attempts reported ${first.attempts}, requests sent ${requests}`);
  check(first.okAfterRetries > 0, 'some calls succeeded after a throttled attempt');
  check(first.throttledQuotaSpent > 0, 'the retry quota ran out for some calls');
  check(providerCalls === 1, `the credentials provider ran ${providerCalls} times`);

  // Healthy after: with throttling off, the same client's next call goes through at once.
  service.setThrottleShare(0);
  const probe = await elb.describeLoadBalancers({ LoadBalancerNames: ['healthy'] });
  check(probe.LoadBalancerDescriptions[0].LoadBalancerName === 'healthy' && probe.$metadata.attempts === 1, 'a call after the burst');
  service.setThrottleShare(throttleShare);

  // A second burst on the same client leaves the heap where the first left it: nothing per call stays.
  const second = await burst(elb, service, calls, calls + 1, ElbError, maxAttempts);
  const afterSecond = heap.liveBytes();
  check(second.ok > 0, 'the second burst');
  check(providerCalls === 1, `the credentials provider ran ${providerCalls} times`);

  return {
    calls,
    ms,
    requests,
    throttled,
    first,
    second,
    providerCalls,
    heap: { resting, peak, peakOverResting: peak - resting, afterFirst, afterSecond, keptByFirst: afterFirst - resting, keptBySecond: afterSecond - afterFirst },
    memory: { before: memoryBefore, after: heap.memoryBytes() },
  };
}
