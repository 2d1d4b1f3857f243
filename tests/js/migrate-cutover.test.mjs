// The cut-over against the migration moto (MIGRATE_MOTO_URL: ELB, ELBv2, Route 53 and CloudWatch on
// one state): a record that points at a Classic balancer moved to its applied ALB in steps 10→50→100
// with healthy metrics (seeded with PutMetricData during each bake) and finalized; a reverted one
// (5xx seeded on the new balancer); refusals that change nothing; a paused cut-over resumed from the
// weights Route 53 holds; an alias record finalized; revertCutover.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ElbClient } from 'elb-wasm';
import { ElbV2Client } from 'elb-wasm/v2';
import { Route53Client, CloudWatchClient } from 'elb-wasm/services';
import { planMigration, applyMigration, cutover, revertCutover } from 'elb-wasm/migrate';
import { all, query } from './aws-query.mjs';
import { awsCli } from './aws-cli.mjs';
import { endpoint, region } from './migrate-env.mjs';

const credentials = { accessKeyId: 'AKIDCUTOVER', secretAccessKey: 'cutover-secret' };
const elb = new ElbClient({ region, endpoint, credentials });
const v2 = new ElbV2Client({ region, endpoint, credentials });
const route53 = new Route53Client({ region, endpoint, credentials });
const cloudwatch = new CloudWatchClient({ region, endpoint, credentials });
const clients = { elb, v2, route53, cloudwatch };
const ec2 = (params) => query({ endpoint, region, credentials }, 'ec2', '2016-11-15', params);
const aws = awsCli(endpoint, credentials);
const FAST = { delayMs: 20 };
const ZONE = 'cutover.example';
let zoneId;
let net;

/** ALB metrics for the balancer `arn`, timestamped now (inside the bake's window). */
async function seed(arn, { requests, errors = 0 }) {
  const dim = arn.split(':loadbalancer/')[1];
  const p = { Action: 'PutMetricData', Namespace: 'AWS/ApplicationELB' };
  [['RequestCount', requests], ['HTTPCode_Target_5XX_Count', errors]].forEach(([name, value], i) => {
    const m = `MetricData.member.${i + 1}`;
    Object.assign(p, { [`${m}.MetricName`]: name, [`${m}.Value`]: String(value), [`${m}.Unit`]: 'Count', [`${m}.Dimensions.member.1.Name`]: 'LoadBalancer', [`${m}.Dimensions.member.1.Value`]: dim });
  });
  await query({ endpoint, region, credentials }, 'monitoring', '2010-08-01', p);
}

async function applied(name) {
  await elb.createLoadBalancer({ LoadBalancerName: name, Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 8080 }], Subnets: [net.a, net.b] });
  await elb.registerInstancesWithLoadBalancer({ LoadBalancerName: name, Instances: net.instances.map((InstanceId) => ({ InstanceId })) });
  const plan = await planMigration({ elb, v2 }, name);
  const done = await applyMigration(plan, { elb, v2 }, FAST);
  return { plan, arn: done.applied.refs['lb:alb'] };
}

async function records(name) {
  const { ResourceRecordSets } = await route53.listResourceRecordSets({ HostedZoneId: zoneId, StartRecordName: name });
  return ResourceRecordSets.filter((r) => r.Name === `${name}.`).map((r) => ({ set: r.SetIdentifier ?? null, weight: r.Weight ?? null, to: r.AliasTarget?.DNSName ?? r.ResourceRecords?.[0]?.Value }));
}

async function cname(name, to) {
  await route53.changeResourceRecordSets({ HostedZoneId: zoneId, ChangeBatch: { Changes: [{ Action: 'CREATE', ResourceRecordSet: { Name: name, Type: 'CNAME', TTL: 60, ResourceRecords: [{ Value: to }] } }] } });
}

before(async () => {
  const vpc = all(await ec2({ Action: 'CreateVpc', CidrBlock: '10.60.0.0/16' }), 'vpcId')[0];
  const subnet = async (cidr, zone) => all(await ec2({ Action: 'CreateSubnet', VpcId: vpc, CidrBlock: cidr, AvailabilityZone: zone }), 'subnetId')[0];
  net = { a: await subnet('10.60.1.0/24', 'us-east-1a'), b: await subnet('10.60.2.0/24', 'us-east-1b') };
  net.instances = all(await ec2({ Action: 'RunInstances', ImageId: 'ami-12c6146b', MinCount: '1', MaxCount: '1', SubnetId: net.a }), 'instanceId');
  zoneId = (await aws('route53', 'create-hosted-zone', '--name', ZONE, '--caller-reference', `co-${Date.now()}`)).HostedZone.Id;
});

test('10→50→100 with healthy metrics, then finalized to a plain record on the new balancer', async () => {
  const { plan, arn } = await applied('co-web');
  const name = `www.${ZONE}`;
  await cname(name, plan.source.description.DNSName);
  const seen = [];
  const r = await cutover(plan, clients, {
    record: name, steps: [10, 50, 100], bakeSeconds: 1, maxErrorRate: 0.01, finalize: true,
    onProgress: async (p) => {
      seen.push(`${p.phase}:${p.weights.new}`);
      if (p.phase === 'weights') await seed(arn, { requests: 100 });
    },
  });
  assert.equal(r.state, 'done', JSON.stringify(r));
  assert.deepEqual(r.weights, { classic: 0, new: 100 });
  assert.match(r.deleteClassic, /^aws elb delete-load-balancer --load-balancer-name co-web$/);
  assert.deepEqual(seen.filter((s) => !s.startsWith('bake')), ['weights:10', 'passed:10', 'weights:50', 'passed:50', 'weights:100', 'passed:100', 'final:100']);
  assert.ok(seen.some((s) => s.startsWith('bake')), 'the bake says its time left');
  const lb = (await v2.describeLoadBalancers({ Names: [plan.balancers[0].name] })).LoadBalancers[0];
  assert.deepEqual(await records(name), [{ set: null, weight: null, to: lb.DNSName }]);
  // Again: the record is final already.
  assert.equal((await cutover(plan, clients, { record: name, bakeSeconds: 1 })).state, 'done');
  // revertCutover of a finalized record: the plain record to the Classic balancer again.
  await revertCutover(plan, { route53 }, { record: name });
  assert.deepEqual(await records(name), [{ set: null, weight: null, to: plan.source.description.DNSName }]);
  await assert.rejects(revertCutover(plan, { route53 }, { record: name }), (e) => e.code === 'NothingToRevert');
});

test('5xx on the new balancer over maxErrorRate: all traffic back on the Classic balancer, with the reason', async () => {
  const { plan, arn } = await applied('co-bad');
  const name = `bad.${ZONE}`;
  await cname(name, plan.source.description.DNSName);
  const r = await cutover(plan, clients, {
    record: name, steps: [10, 100], bakeSeconds: 1, maxErrorRate: 0.01,
    onProgress: async (p) => { if (p.phase === 'weights') await seed(arn, { requests: 100, errors: 10 }); },
  });
  assert.equal(r.state, 'reverted', JSON.stringify(r));
  assert.match(r.reason, /5xx rate 10\.00% is over maxErrorRate 1\.00%/);
  assert.deepEqual((await records(name)).map((x) => [x.set, x.weight]).sort(), [['classic', 100], ['elbv2', 0]]);
  // Under maxErrorRate but worse than the Classic balancer over the same window: reverted too.
  const worse = await cutover(plan, clients, {
    record: name, steps: [10, 100], bakeSeconds: 1, maxErrorRate: 0.01,
    onProgress: async (p) => { if (p.phase === 'weights') await seed(arn, { requests: 200, errors: 1 }); },
  });
  assert.equal(worse.state, 'reverted', JSON.stringify(worse));
  assert.match(worse.reason, /5xx rate 0\.50% is worse than the Classic balancer's 0\.00% over the same window/);
  // revertCutover on a pair: the weights 100 / 0 (they are already); on a plain Classic record: nothing.
  assert.deepEqual((await revertCutover(plan, { route53 }, { record: name })).weights, { classic: 100, new: 0 });
  assert.deepEqual((await records(name)).map((x) => [x.set, x.weight]).sort(), [['classic', 100], ['elbv2', 0]]);
});

test('refused before any change: a record pointing elsewhere, a new balancer not active, a plan not applied, a plan with two balancers unnamed', async () => {
  const { plan } = await applied('co-refuse');
  const elsewhere = `other.${ZONE}`;
  await cname(elsewhere, 'somewhere-else.example.net');
  await assert.rejects(cutover(plan, clients, { record: elsewhere, bakeSeconds: 1 }), (e) => e.code === 'CutoverRefused' && /does not point at the plan's Classic balancer/.test(e.message));
  // A new balancer still provisioning (moto's are active at once: its state is rewritten here).
  const provisioning = {
    describeLoadBalancers: async (input, o) => {
      const out = await v2.describeLoadBalancers(input, o);
      out.LoadBalancers[0].State = { Code: 'provisioning' };
      return out;
    },
    describeTags: (input, o) => v2.describeTags(input, o),
  };
  const own = `own.${ZONE}`;
  await cname(own, plan.source.description.DNSName);
  await assert.rejects(cutover(plan, { ...clients, v2: provisioning }, { record: own, bakeSeconds: 1 }), (e) => e.code === 'CutoverRefused' && /is provisioning, not active/.test(e.message));
  assert.deepEqual(await records(own), [{ set: null, weight: null, to: plan.source.description.DNSName }]);
  assert.deepEqual(await records(elsewhere), [{ set: null, weight: null, to: 'somewhere-else.example.net' }]);
  await elb.createLoadBalancer({ LoadBalancerName: 'co-unapplied', Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 8080 }], Subnets: [net.a, net.b] });
  const unapplied = await planMigration({ elb, v2 }, 'co-unapplied');
  const name = `unapplied.${ZONE}`;
  await cname(name, unapplied.source.description.DNSName);
  await assert.rejects(cutover(unapplied, clients, { record: name, bakeSeconds: 1 }), (e) => e.code === 'CutoverRefused' && /apply the plan first/.test(e.message));
  assert.deepEqual(await records(name), [{ set: null, weight: null, to: unapplied.source.description.DNSName }]);
  await assert.rejects(cutover(plan, clients, { record: name, steps: [50, 20, 100] }), (e) => e.code === 'InvalidInput' && e.field === 'steps');
  // A split plan (ALB + NLB) must say which balancer takes the record.
  await elb.createLoadBalancer({ LoadBalancerName: 'co-mixed', Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 8080 }, { Protocol: 'TCP', LoadBalancerPort: 25, InstanceProtocol: 'TCP', InstancePort: 25 }], Subnets: [net.a, net.b] });
  const mixed = await planMigration({ elb, v2 }, 'co-mixed');
  await assert.rejects(cutover(mixed, clients, { record: name, bakeSeconds: 1 }), (e) => e.code === 'CutoverRefused' && /has 2 balancers: say which/.test(e.message));
});

test('paused mid-bake, then run again: it continues from the weights Route 53 holds; an alias record finalized', async () => {
  const { plan, arn } = await applied('co-alias');
  const name = `alias.${ZONE}`;
  const classic = plan.source.description;
  await route53.changeResourceRecordSets({ HostedZoneId: zoneId, ChangeBatch: { Changes: [{ Action: 'CREATE', ResourceRecordSet: { Name: name, Type: 'A', AliasTarget: { HostedZoneId: classic.CanonicalHostedZoneNameID ?? 'Z35SXDOTRQ7X7K', DNSName: `dualstack.${classic.DNSName}`, EvaluateTargetHealth: false } } }] } });
  const controller = new AbortController();
  const paused = await cutover(plan, clients, {
    record: name, steps: [10, 50, 100], bakeSeconds: 2, signal: controller.signal,
    onProgress: (p) => { if (p.phase === 'bake') controller.abort(); },
  });
  assert.deepEqual([paused.state, paused.weights], ['paused', { classic: 90, new: 10 }]);
  assert.deepEqual((await records(name)).map((x) => [x.set, x.weight]).sort(), [['classic', 90], ['elbv2', 10]]);
  const weights = [];
  const resumed = await cutover(plan, clients, {
    record: name, steps: [10, 50, 100], bakeSeconds: 1, finalize: true,
    onProgress: async (p) => { if (p.phase === 'weights') { weights.push(p.weights.new); await seed(arn, { requests: 50 }); } },
  });
  assert.equal(resumed.state, 'done', JSON.stringify(resumed));
  assert.deepEqual(weights, [50, 100], 'continued after 10');
  const lb = (await v2.describeLoadBalancers({ Names: [plan.balancers[0].name] })).LoadBalancers[0];
  const [final] = await records(name);
  assert.equal(final.set, null);
  assert.equal(final.to.replace(/^dualstack\./, '').replace(/\.$/, ''), lb.DNSName.replace(/\.$/, ''));
});

test('the CLI: --cutover with progress and --finalize, --revert-cutover, and --cli\'s script run by the AWS CLI', async () => {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { dirname, join } = await import('node:path');
  const { requiredEnv } = await import('./env.mjs');
  const { packageBin, runStatus } = await import('./aws-cli.mjs');
  const bin = packageBin();
  const work = mkdtempSync(join(tmpdir(), 'cutover-cli-'));
  const env = { PATH: `${dirname(requiredEnv('AWSCLI_BIN'))}:${process.env.PATH}`, HOME: work, AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey, AWS_REGION: region, AWS_DEFAULT_REGION: region, AWS_ENDPOINT_URL: endpoint };
  const run = (file, args) => runStatus(file, args, { env, cwd: work });
  const { plan } = await applied('co-cli');
  const file = join(work, 'plan.json');
  writeFileSync(file, JSON.stringify(plan));
  const name = `cli.${ZONE}`;
  await cname(name, plan.source.description.DNSName);
  const lb = (await v2.describeLoadBalancers({ Names: [plan.balancers[0].name] })).LoadBalancers[0];

  // No metrics seeded here: no requests is no errors; the targets are healthy on moto.
  const moved = await run(process.execPath, [bin, 'migrate', '--cutover', file, '--record', name, '--steps', '50,100', '--bake', '0', '--finalize']);
  assert.equal(moved.code, 0, moved.stderr);
  assert.match(moved.stderr, /50% on the new balancer: weights changed, waiting for INSYNC\n50% on the new balancer: gates passed\n100% on the new balancer: weights changed/);
  assert.match(moved.stdout, /100% on the new balancer \(final\)\. The Classic balancer is not deleted; when you are sure: aws elb delete-load-balancer --load-balancer-name co-cli/);
  assert.deepEqual(await records(name), [{ set: null, weight: null, to: lb.DNSName }]);
  const back = await run(process.execPath, [bin, 'migrate', '--revert-cutover', file, '--record', name]);
  assert.equal(back.code, 0, back.stderr);
  assert.deepEqual(await records(name), [{ set: null, weight: null, to: plan.source.description.DNSName }]);
  assert.equal((await run(process.execPath, [bin, 'migrate', '--cutover', file])).code, 64, '--record is needed');

  // --cli: the same steps as aws route53 commands, run by the AWS CLI (on a record of its own: moto
  // checks a DELETE against the change that made the record, not against an UPSERT since).
  const scripted = `script.${ZONE}`;
  await cname(scripted, plan.source.description.DNSName);
  const script = await run(process.execPath, [bin, 'migrate', '--cutover', file, '--record', scripted, '--steps', '50,100', '--bake', '0', '--finalize', '--cli']);
  assert.equal(script.code, 0, script.stderr);
  assert.match(script.stdout, /r53 change-resource-record-sets --hosted-zone-id /);
  assert.match(script.stdout, /r53 wait resource-record-sets-changed --id "\$ID"/);
  assert.deepEqual(await records(scripted), [{ set: null, weight: null, to: plan.source.description.DNSName }], 'printing changes nothing');
  writeFileSync(join(work, 'cutover.sh'), script.stdout);
  const ran = await run('bash', [join(work, 'cutover.sh')]);
  assert.equal(ran.code, 0, `${ran.stdout}\n${ran.stderr}`);
  assert.deepEqual(await records(scripted), [{ set: null, weight: null, to: lb.DNSName }]);
});
