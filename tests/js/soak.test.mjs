// The soak: hundreds of mixed operations through the fault proxy at a 20% fault rate, against a
// moto of its own (SOAK_MOTO_URL). Every operation must end in success or in an ElbError after
// its attempts; the test keeps the state it intends, re-issuing an operation that failed as a
// careful caller would, and at the end reads everything back from moto (faults off) and compares.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { ElbClient, ElbError } from 'elb-wasm';
import { startFaultProxy, prng, FAULT_KINDS } from './fault-proxy.mjs';
import { soakMotoUrl } from './env.mjs';

const target = soakMotoUrl();
const OPS = Number(process.env.SOAK_OPS ?? 500);
const RATE = Number(process.env.SOAK_FAULT_RATE ?? 0.2);
const SEED = Number(process.env.SOAK_SEED ?? 20261125);
const TIMEOUT_MS = 400;
const NAMES = Array.from({ length: 8 }, (_, i) => `soak-${i}`);
const PORTS = [81, 82, 83, 84, 85];
const TAG_KEYS = ['team', 'env', 'cost', 'owner', 'tier'];

const proxy = await startFaultProxy({ target, rate: RATE, seed: SEED, stallMs: TIMEOUT_MS * 3 });
after(() => proxy.close());
const elb = new ElbClient({
  region: 'us-east-1',
  endpoint: proxy.url,
  credentials: { accessKeyId: 'AKIDSOAK', secretAccessKey: 'soak-secret-never-shown' },
  timeoutMs: TIMEOUT_MS,
});

test(`soak: ${OPS} mixed operations at a ${RATE * 100}% fault rate converge on the intended state`, async () => {
  const random = prng(SEED ^ 0x5eed);
  const pick = (xs) => xs[Math.floor(random() * xs.length)];
  // The intended state of each balancer; absent = should not exist.
  const intended = new Map();
  // operations: what the caller set out to do (each a call, maybe re-issued); calls: every
  // promise the client returned.
  const outcomes = { operations: 0, ok: 0, okAfterRetries: 0, errors: {}, reissues: 0, attempts: 0, calls: 0 };

  // Calls `fn` until it succeeds; `alreadyDone(code)` names errors that mean an earlier attempt
  // (the proxy forwarded it, then broke the answer) already took effect. Bounded.
  async function apply(fn, alreadyDone = () => false) {
    outcomes.operations++;
    for (let issue = 0; issue < 6; issue++) {
      outcomes.calls++;
      if (issue > 0) outcomes.reissues++;
      try {
        const out = await fn();
        const n = out.$metadata.attempts;
        assert.ok(n >= 1 && n <= 4, `attempts ${n}`);
        outcomes.attempts += n;
        if (n === 1) outcomes.ok++;
        else outcomes.okAfterRetries++;
        return out;
      } catch (e) {
        assert.ok(e instanceof ElbError, `not an ElbError: ${e && e.stack}`);
        assert.equal(typeof e.code, 'string');
        assert.ok(e.attempts >= 1 && e.attempts <= 4, `${e.code}: attempts ${e.attempts}`);
        outcomes.attempts += e.attempts;
        outcomes.errors[e.code] = (outcomes.errors[e.code] ?? 0) + 1;
        if ((e.attempts > 1 || issue > 0) && alreadyDone(e.code)) return null;
        assert.ok(
          e.retryable || ['InvalidResponse', 'NetworkError', 'TimeoutError'].includes(e.code),
          `a non-retryable error from an intended operation: ${e.code}: ${e.message}`,
        );
      }
    }
    throw new Error('an operation failed six times in a row');
  }

  const ops = {
    async create(name) {
      await apply(
        () => elb.createLoadBalancer({
          LoadBalancerName: name,
          Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstancePort: 8080 }],
          AvailabilityZones: ['us-east-1a'],
        }),
        (code) => code === 'DuplicateLoadBalancerName',
      );
      intended.set(name, {
        listeners: new Map([[80, 8080]]), tags: new Map(), health: null, crossZone: false, idle: 60, policies: new Set(),
      });
    },
    async destroy(name) {
      await apply(() => elb.deleteLoadBalancer({ LoadBalancerName: name }));
      intended.delete(name);
    },
    async addListener(name, s) {
      const port = pick(PORTS.filter((p) => !s.listeners.has(p)).concat(PORTS[0]));
      if (s.listeners.has(port)) return;
      await apply(() => elb.createLoadBalancerListeners({
        LoadBalancerName: name,
        Listeners: [{ Protocol: 'TCP', LoadBalancerPort: port, InstancePort: port + 9000 }],
      }));
      s.listeners.set(port, port + 9000);
    },
    async removeListener(name, s) {
      const port = pick([...s.listeners.keys()]);
      if (port === undefined) return;
      await apply(() => elb.deleteLoadBalancerListeners({ LoadBalancerName: name, LoadBalancerPorts: [port] }));
      s.listeners.delete(port);
    },
    async tag(name, s) {
      const key = pick(TAG_KEYS);
      const value = `v${Math.floor(random() * 1000)}`;
      await apply(() => elb.addTags({ LoadBalancerNames: [name], Tags: [{ Key: key, Value: value }] }));
      s.tags.set(key, value);
    },
    async untag(name, s) {
      const key = pick([...s.tags.keys()]);
      if (key === undefined) return;
      await apply(() => elb.removeTags({ LoadBalancerNames: [name], Tags: [{ Key: key }] }));
      s.tags.delete(key);
    },
    async health(name, s) {
      const hc = { Target: `HTTP:8080/ping${Math.floor(random() * 100)}`, Interval: 30, Timeout: 5, UnhealthyThreshold: 2, HealthyThreshold: 3 };
      await apply(() => elb.configureHealthCheck({ LoadBalancerName: name, HealthCheck: hc }));
      s.health = hc;
    },
    async attributes(name, s) {
      const crossZone = random() < 0.5;
      const idle = 1 + Math.floor(random() * 300);
      await apply(() => elb.modifyLoadBalancerAttributes({
        LoadBalancerName: name,
        LoadBalancerAttributes: { CrossZoneLoadBalancing: { Enabled: crossZone }, ConnectionSettings: { IdleTimeout: idle } },
      }));
      Object.assign(s, { crossZone, idle });
    },
    async policy(name, s) {
      const policy = `pp${Math.floor(random() * 4)}`;
      if (s.policies.has(policy)) return;
      await apply(
        () => elb.createLoadBalancerPolicy({
          LoadBalancerName: name, PolicyName: policy, PolicyTypeName: 'ProxyProtocolPolicyType',
          PolicyAttributes: [{ AttributeName: 'ProxyProtocol', AttributeValue: 'true' }],
        }),
        (code) => code === 'DuplicatePolicyName',
      );
      s.policies.add(policy);
    },
    async read(name, s) {
      const out = await apply(() => elb.describeLoadBalancers({ LoadBalancerNames: [name] }));
      const ports = out.LoadBalancerDescriptions[0].ListenerDescriptions.map((l) => l.Listener.LoadBalancerPort);
      assert.deepEqual(ports.sort(), [...s.listeners.keys()].sort(), `${name}: listeners mid-soak`);
    },
  };

  // Some picks have nothing to do (no listener to remove...); loop until OPS operations were made.
  for (let i = 0; outcomes.operations < OPS && i < OPS * 4; i++) {
    const name = pick(NAMES);
    const s = intended.get(name);
    if (!s) await ops.create(name);
    else if (random() < 0.04) await ops.destroy(name);
    else await ops[pick(['addListener', 'removeListener', 'tag', 'untag', 'health', 'attributes', 'policy', 'read'])](name, s);
  }

  // Faults off: read everything back and compare with the intended state.
  proxy.setRate(0);
  const all = [];
  for await (const page of elb.paginateDescribeLoadBalancers({ PageSize: 400 })) all.push(...page.LoadBalancerDescriptions);
  const names = all.map((d) => d.LoadBalancerName).filter((n) => n.startsWith('soak-'));
  assert.equal(new Set(names).size, names.length, 'duplicate balancers');
  assert.deepEqual(names.sort(), [...intended.keys()].sort(), 'the balancers that exist');
  for (const d of all.filter((x) => intended.has(x.LoadBalancerName))) {
    const name = d.LoadBalancerName;
    const s = intended.get(name);
    const listeners = d.ListenerDescriptions.map((l) => [l.Listener.LoadBalancerPort, l.Listener.InstancePort]);
    assert.equal(new Set(listeners.map(([p]) => p)).size, listeners.length, `${name}: duplicate listeners`);
    assert.deepEqual(new Map(listeners), s.listeners, `${name}: listeners`);
    const policies = d.Policies.OtherPolicies;
    assert.equal(new Set(policies).size, policies.length, `${name}: duplicate policies`);
    assert.deepEqual(new Set(policies), s.policies, `${name}: policies`);
    if (s.health) assert.deepEqual(d.HealthCheck, s.health, `${name}: health check`);
    const tags = (await elb.describeTags({ LoadBalancerNames: [name] })).TagDescriptions[0].Tags;
    assert.equal(new Set(tags.map((t) => t.Key)).size, tags.length, `${name}: duplicate tag keys`);
    assert.deepEqual(new Map(tags.map((t) => [t.Key, t.Value])), s.tags, `${name}: tags`);
    const attrs = (await elb.describeLoadBalancerAttributes({ LoadBalancerName: name })).LoadBalancerAttributes;
    assert.equal(attrs.CrossZoneLoadBalancing.Enabled, s.crossZone, `${name}: cross-zone`);
    assert.equal(attrs.ConnectionSettings.IdleTimeout, s.idle, `${name}: idle timeout`);
  }

  // Still healthy: a plain call, one attempt.
  const last = await elb.describeLoadBalancers();
  assert.equal(last.$metadata.attempts, 1);

  const injected = Object.values(proxy.stats.faults).reduce((a, b) => a + b, 0);
  const summary = {
    operations: outcomes.operations, calls: outcomes.calls, requests: proxy.stats.requests, faultRate: RATE,
    faultsInjected: injected, faultsByKind: proxy.stats.faults,
    succeededFirstAttempt: outcomes.ok, succeededAfterRetries: outcomes.okAfterRetries,
    typedErrors: outcomes.errors, reissuedByCaller: outcomes.reissues,
    balancersAtEnd: intended.size,
  };
  console.log(`soak: ${JSON.stringify(summary)}`);
  // The faults really happened, every kind of them, at about the rate asked for.
  for (const k of FAULT_KINDS) assert.ok(proxy.stats.faults[k] > 0, `no ${k} fault was injected`);
  assert.ok(injected / proxy.stats.requests > RATE * 0.6, `fault share ${injected / proxy.stats.requests}`);
  assert.ok(outcomes.okAfterRetries > 0);
  assert.ok(outcomes.operations >= OPS, `only ${outcomes.operations} operations`);
});
