// The fleet at scale (issue 26): a moto of its own with `count` Classic balancers of every standing,
// planned with planFleet at concurrency 4 and 8 (requests per balancer, wall time, the process's peak
// memory), then `apply` ready ones applied at concurrency 4 with a fifth of the requests throttled
// (all applied, no duplicates, requests and time). moto_server comes from PATH (test-js.sh's pinned
// 5.2.5); without it the section says so.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { ElbClient, sign } from 'elb-wasm';
import { ElbV2Client } from 'elb-wasm/v2';
import { StsClient } from 'elb-wasm/services';
import { planFleet, applyFleet } from 'elb-wasm/migrate';

const region = 'us-east-1';
const credentials = { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret' };

const freePort = () => new Promise((resolve) => {
  const s = createServer();
  s.listen(0, '127.0.0.1', () => {
    const { port } = s.address();
    s.close(() => resolve(port));
  });
});

async function ec2(endpoint, params) {
  const body = new URLSearchParams({ Version: '2016-11-15', ...params }).toString();
  const req = sign({ method: 'POST', url: `${endpoint}/`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }, { region, service: 'ec2', credentials });
  const text = await (await fetch(req.url, { method: 'POST', headers: req.headers, body })).text();
  return [...text.matchAll(/<(?:vpcId|subnetId)>([^<]+)</g)].map((m) => m[1]);
}

/** A deterministic stream in [0, 1) (the same throttled requests every run). */
function prng(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

export async function fleet({ count, apply }) {
  if (spawnSync('moto_server', ['--help'], { stdio: 'ignore' }).error) return { skipped: 'moto_server is not on PATH (scripts/test-js.sh installs the pinned one)' };
  const port = await freePort();
  const moto = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; i < 300; i++) {
      if (await fetch(`${endpoint}/moto-api/`).then(() => true, () => false)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const counts = { n: 0 };
    let throttle = () => false;
    const random = prng(26);
    const counting = async (url, init) => {
      counts.n++;
      if (throttle()) {
        return new Response('<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>bench</RequestId></ErrorResponse>', { status: 400 });
      }
      return fetch(url, init);
    };
    const config = { region, endpoint, credentials, fetch: counting, maxAttempts: 6 };
    const clients = { elb: new ElbClient(config), v2: new ElbV2Client(config), sts: new StsClient(config) };
    const vpc = (await ec2(endpoint, { Action: 'CreateVpc', CidrBlock: '10.70.0.0/16' }))[0];
    const a = (await ec2(endpoint, { Action: 'CreateSubnet', VpcId: vpc, CidrBlock: '10.70.1.0/24', AvailabilityZone: 'us-east-1a' }))[0];
    const b = (await ec2(endpoint, { Action: 'CreateSubnet', VpcId: vpc, CidrBlock: '10.70.2.0/24', AvailabilityZone: 'us-east-1b' }))[0];
    const http = { Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 8080 };
    const tcp = { Protocol: 'TCP', LoadBalancerPort: 25, InstanceProtocol: 'TCP', InstancePort: 25 };
    for (let i = 0; i < count; i++) {
      // Varied: mostly HTTP, every 5th mixed HTTP + TCP, every 7th in one zone (blocked), every 3rd with a session cookie (changed).
      const name = `bench-${String(i).padStart(4, '0')}`;
      await clients.elb.createLoadBalancer({ LoadBalancerName: name, Listeners: i % 5 === 4 ? [http, tcp] : [http], Subnets: i % 7 === 6 ? [a] : [a, b] });
      await clients.elb.configureHealthCheck({ LoadBalancerName: name, HealthCheck: { Target: 'HTTP:8080/ping', Interval: 10, Timeout: 5, HealthyThreshold: 2, UnhealthyThreshold: 3 } });
      if (i % 3 === 2) {
        await clients.elb.createLBCookieStickinessPolicy({ LoadBalancerName: name, PolicyName: 'session' });
        await clients.elb.setLoadBalancerPoliciesOfListener({ LoadBalancerName: name, LoadBalancerPort: 80, PolicyNames: ['session'] });
      }
    }
    const out = { count, plan: {} };
    let fleetPlanned;
    for (const concurrency of [4, 8]) {
      counts.n = 0;
      let peak = process.memoryUsage().rss;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
      const t0 = performance.now();
      fleetPlanned = await planFleet(clients, { concurrency });
      const ms = performance.now() - t0;
      clearInterval(sampler);
      out.plan[concurrency] = { ms, requests: counts.n, perBalancer: counts.n / count, peakRssMb: peak / 2 ** 20, summary: fleetPlanned.summary, errors: fleetPlanned.errors.length };
    }
    // Apply `apply` ready ones, a fifth of the requests throttled; again until none fails (resumes).
    const ready = { ...fleetPlanned, plans: fleetPlanned.plans.filter((p) => !p.findings.some((f) => ['blocker', 'changed', 'dropped'].includes(f.severity))).slice(0, apply) };
    counts.n = 0;
    throttle = () => random() < 0.2;
    const t0 = performance.now();
    let runs = 0;
    let result;
    do {
      result = await applyFleet(ready, clients, { only: 'ready', concurrency: 4, delayMs: 50 });
      runs++;
    } while (result.failed.length && runs < 5);
    const ms = performance.now() - t0;
    throttle = () => false;
    const names = ready.plans.flatMap((p) => p.balancers.map((x) => x.name));
    let duplicates = 0;
    for (const name of names) {
      const found = (await clients.v2.describeLoadBalancers({ Names: [name] })).LoadBalancers.length;
      if (found !== 1) duplicates++;
    }
    out.apply = { planned: ready.plans.length, applied: result.applied.length, failed: result.failed.length, runs, requests: counts.n, ms, duplicates };
    return out;
  } finally {
    moto.kill();
  }
}
