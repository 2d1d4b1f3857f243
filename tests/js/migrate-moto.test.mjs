// Migration end to end against a moto of its own (MIGRATE_MOTO_URL): a matrix of Classic balancers, one
// per feature moto can represent. For each: the plan's findings are the expected ones; apply succeeds
// (or is refused for blockers, nothing created); every resource read back equals the plan; the Classic
// balancer read back is unchanged. Then: apply twice, abort after each step and apply again (no
// duplicates), and roll back (nothing tagged remains).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { planMigration, applyMigration, rollbackMigration, PLAN_TAG } from 'elb-wasm/migrate';
import { all } from './aws-query.mjs';
import { migrateClients } from './migrate-env.mjs';

const { elb, v2, ec2 } = migrateClients('AKIDMIGRATE');
const CERT = 'arn:aws:iam::123456789012:server-certificate/web';
const attrs = (list) => Object.fromEntries((list ?? []).map((a) => [a.Key, a.Value]));
const FAST = { delayMs: 20 };

let net;
before(async () => {
  const vpc = all(await ec2({ Action: 'CreateVpc', CidrBlock: '10.30.0.0/16' }), 'vpcId')[0];
  const subnet = async (cidr, zone) => all(await ec2({ Action: 'CreateSubnet', VpcId: vpc, CidrBlock: cidr, AvailabilityZone: zone }), 'subnetId')[0];
  const a = await subnet('10.30.1.0/24', 'us-east-1a');
  const b = await subnet('10.30.2.0/24', 'us-east-1b');
  const sg = all(await ec2({ Action: 'CreateSecurityGroup', GroupName: 'classic', GroupDescription: 'classic', VpcId: vpc }), 'groupId')[0];
  const instances = all(await ec2({ Action: 'RunInstances', ImageId: 'ami-12c6146b', MinCount: '2', MaxCount: '2', SubnetId: a }), 'instanceId');
  net = { vpc, a, b, sg, instances };
});

/** Creates a Classic balancer `name` with `listeners` in two subnets, then runs `setup(name)`. */
async function classic(name, listeners, { subnets = [net.a, net.b], setup, tags = [] } = {}) {
  await elb.createLoadBalancer({ LoadBalancerName: name, Listeners: listeners, Subnets: subnets, SecurityGroups: [net.sg], Tags: [{ Key: 'team', Value: 'web' }, ...tags] });
  await elb.configureHealthCheck({ LoadBalancerName: name, HealthCheck: { Target: 'HTTP:8080/health', Interval: 10, Timeout: 5, HealthyThreshold: 3, UnhealthyThreshold: 4 } });
  await elb.registerInstancesWithLoadBalancer({ LoadBalancerName: name, Instances: net.instances.map((InstanceId) => ({ InstanceId })) });
  await setup?.(name);
}

/** Everything a plan reads from the Classic balancer, to compare before and after. */
async function snapshot(name) {
  const strip = (o) => JSON.parse(JSON.stringify(o, (k, v) => (k === '$metadata' ? undefined : v)));
  return strip({
    d: await elb.describeLoadBalancers({ LoadBalancerNames: [name] }),
    a: await elb.describeLoadBalancerAttributes({ LoadBalancerName: name }),
    p: await elb.describeLoadBalancerPolicies({ LoadBalancerName: name }),
    t: await elb.describeTags({ LoadBalancerNames: [name] }),
  });
}

/** Reads back what apply created and checks it equals the plan. */
async function verify(plan, done) {
  const tagsOf = async (arn) => attrs((await v2.describeTags({ ResourceArns: [arn] })).TagDescriptions[0].Tags);
  for (const b of plan.balancers) {
    const arn = done.applied.refs[`lb:${b.key}`];
    const lb = (await v2.describeLoadBalancers({ LoadBalancerArns: [arn] })).LoadBalancers[0];
    assert.deepEqual([lb.LoadBalancerName, lb.Type, lb.Scheme], [b.name, b.type, b.scheme]);
    assert.deepEqual(lb.AvailabilityZones.map((z) => z.SubnetId).sort(), [...b.subnets].sort());
    assert.deepEqual([...(lb.SecurityGroups ?? [])].sort(), [...b.securityGroups].sort(), `${b.name} security groups`);
    assert.deepEqual(await tagsOf(arn), attrs(b.tags));
    const lbAttrs = attrs((await v2.describeLoadBalancerAttributes({ LoadBalancerArn: arn })).Attributes);
    for (const a of b.attributes) assert.equal(lbAttrs[a.Key], a.Value, `${b.name} ${a.Key}`);
    const listeners = (await v2.describeListeners({ LoadBalancerArn: arn })).Listeners;
    assert.equal(listeners.length, b.listeners.length, `${b.name}: one listener per planned one`);
    for (const pl of b.listeners) {
      const l = listeners.find((x) => x.Port === pl.port);
      assert.equal(l.Protocol, pl.protocol);
      assert.equal(l.DefaultActions[0].TargetGroupArn, done.applied.refs[`tg:${pl.targetGroup}`]);
      if (pl.certificates) assert.deepEqual(l.Certificates.map((c) => c.CertificateArn), pl.certificates.map((c) => c.CertificateArn));
      if (pl.sslPolicy) assert.equal(l.SslPolicy, pl.sslPolicy);
      const lAttrs = attrs((await v2.describeListenerAttributes({ ListenerArn: l.ListenerArn })).Attributes);
      for (const a of pl.attributes) assert.equal(lAttrs[a.Key], a.Value);
      assert.equal((await tagsOf(l.ListenerArn))[PLAN_TAG], plan.id);
    }
    for (const pt of b.targetGroups) {
      const tgArn = done.applied.refs[`tg:${pt.key}`];
      const tg = (await v2.describeTargetGroups({ TargetGroupArns: [tgArn] })).TargetGroups[0];
      assert.deepEqual([tg.TargetGroupName, tg.Protocol, tg.Port, tg.VpcId], [pt.name, pt.protocol, pt.port, pt.vpcId]);
      for (const [k, v] of Object.entries(pt.healthCheck)) assert.deepEqual(tg[k], v, `${pt.name} ${k}`);
      const tgAttrs = attrs((await v2.describeTargetGroupAttributes({ TargetGroupArn: tgArn })).Attributes);
      for (const a of pt.attributes) assert.equal(tgAttrs[a.Key], a.Value, `${pt.name} ${a.Key}`);
      assert.equal((await tagsOf(tgArn))[PLAN_TAG], plan.id);
      const targets = (await v2.describeTargetHealth({ TargetGroupArn: tgArn })).TargetHealthDescriptions.map((d) => `${d.Target.Id}:${d.Target.Port}`);
      assert.deepEqual(targets.sort(), pt.targets.map((t) => `${t.Id}:${t.Port}`).sort());
    }
  }
}

const has = (plan, severity, feature, pattern) =>
  plan.findings.some((f) => f.severity === severity && f.feature === feature && (!pattern || pattern.test(f.message)));
const policy = (name, PolicyName, PolicyTypeName, attributes) =>
  elb.createLoadBalancerPolicy({ LoadBalancerName: name, PolicyName, PolicyTypeName, PolicyAttributes: Object.entries(attributes).map(([AttributeName, AttributeValue]) => ({ AttributeName, AttributeValue })) });
const http = { Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 8080 };
const https = { Protocol: 'HTTPS', LoadBalancerPort: 443, InstanceProtocol: 'HTTP', InstancePort: 8080, SSLCertificateId: CERT };
const tcp = { Protocol: 'TCP', LoadBalancerPort: 22, InstanceProtocol: 'TCP', InstancePort: 22 };
const ssl = { Protocol: 'SSL', LoadBalancerPort: 8443, InstanceProtocol: 'TCP', InstancePort: 8443, SSLCertificateId: CERT };
const attributes = (name, a) => elb.modifyLoadBalancerAttributes({ LoadBalancerName: name, LoadBalancerAttributes: a });

// [name, listeners, setup, expected findings [severity, feature, pattern?], expected types]
const MATRIX = [
  ['m-http', [http], null, [['note', 'type']], 'application'],
  ['m-https-ref', [https], (n) => policy(n, 'tls', 'SSLNegotiationPolicyType', { 'Reference-Security-Policy': 'ELBSecurityPolicy-2016-08' }).then(() => elb.setLoadBalancerPoliciesOfListener({ LoadBalancerName: n, LoadBalancerPort: 443, PolicyNames: ['tls'] })),
    [['note', 'TLS policy', /keeps ELBSecurityPolicy-2016-08/]], 'application'],
  ['m-https-custom', [https], (n) => policy(n, 'mine', 'SSLNegotiationPolicyType', { 'Protocol-TLSv1.2': 'true', 'ECDHE-RSA-AES128-GCM-SHA256': 'true' }).then(() => elb.setLoadBalancerPoliciesOfListener({ LoadBalancerName: n, LoadBalancerPort: 443, PolicyNames: ['mine'] })),
    [['changed', 'TLS policy', /custom policy mine/]], 'application'],
  ['m-tcp-proxy', [tcp], (n) => policy(n, 'proxy', 'ProxyProtocolPolicyType', { ProxyProtocol: 'true' }).then(() => elb.setLoadBalancerPoliciesForBackendServer({ LoadBalancerName: n, InstancePort: 22, PolicyNames: ['proxy'] })),
    [['changed', 'proxy protocol']], 'network'],
  ['m-ssl', [ssl], null, [['changed', 'TLS policy']], 'network'],
  ['m-mixed', [http, tcp], null, [['changed', 'type', /two DNS names/]], 'application+network'],
  ['m-lb-cookie', [http, { ...https, LoadBalancerPort: 8444 }], async (n) => {
    await elb.createLBCookieStickinessPolicy({ LoadBalancerName: n, PolicyName: 'period', CookieExpirationPeriod: 600 });
    await elb.createLBCookieStickinessPolicy({ LoadBalancerName: n, PolicyName: 'session' });
    await elb.setLoadBalancerPoliciesOfListener({ LoadBalancerName: n, LoadBalancerPort: 80, PolicyNames: ['period'] });
    await elb.setLoadBalancerPoliciesOfListener({ LoadBalancerName: n, LoadBalancerPort: 8444, PolicyNames: ['session'] });
  }, [['changed', 'stickiness', /session cookie/]], 'application'],
  ['m-app-cookie', [http], (n) => elb.createAppCookieStickinessPolicy({ LoadBalancerName: n, PolicyName: 'app', CookieName: 'JSESSIONID' }).then(() => elb.setLoadBalancerPoliciesOfListener({ LoadBalancerName: n, LoadBalancerPort: 80, PolicyNames: ['app'] })),
    [['changed', 'stickiness', /JSESSIONID/]], 'application'],
  ['m-draining-on', [http], (n) => attributes(n, { ConnectionDraining: { Enabled: true, Timeout: 120 } }), [], 'application'],
  ['m-draining-off', [http], (n) => attributes(n, { ConnectionDraining: { Enabled: false } }), [], 'application'],
  ['m-idle-nlb', [tcp], (n) => attributes(n, { ConnectionSettings: { IdleTimeout: 30 } }), [['changed', 'idle timeout', /30 s becomes 60 s/]], 'network'],
  ['m-crosszone-off', [http], (n) => attributes(n, { CrossZoneLoadBalancing: { Enabled: false } }), [['note', 'cross-zone', /load_balancing.cross_zone.enabled=false/]], 'application'],
  ['m-access-logs', [http], (n) => attributes(n, { AccessLog: { Enabled: true, S3BucketName: 'logs', S3BucketPrefix: 'web', EmitInterval: 5 } }),
    [['note', 'access logs', /every 5 minutes/], ['note', 'access logs', /bucket logs/]], 'application'],
  ['m-desync', [http], (n) => attributes(n, { AdditionalAttributes: [{ Key: 'elb.http.desyncmitigationmode', Value: 'strictest' }] }), [], 'application'],
  ['m-backend-auth', [https], async (n) => {
    await policy(n, 'key', 'PublicKeyPolicyType', { PublicKey: 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA' });
    await policy(n, 'auth', 'BackendServerAuthenticationPolicyType', { PublicKeyPolicyName: 'key' });
    await elb.setLoadBalancerPoliciesForBackendServer({ LoadBalancerName: n, InstancePort: 8080, PolicyNames: ['auth'] });
  }, [['dropped', 'back-end authentication']], 'application'],
  ['m-aws-tags', [http], null, [['dropped', 'tags', /aws:autoscaling:groupName/]], 'application', [{ Key: 'aws:autoscaling:groupName', Value: 'web' }]],
];

for (const [name, listeners, setup, expected, type, tags] of MATRIX) {
  test(`matrix ${name}: findings, apply, read back, the Classic balancer unchanged`, async () => {
    await classic(name, listeners, { setup, tags });
    const before = await snapshot(name);
    const plan = await planMigration({ elb, v2 }, name, { name: `${name}-v2` });
    for (const [severity, feature, pattern] of expected) assert.ok(has(plan, severity, feature, pattern), `${severity} ${feature}: ${JSON.stringify(plan.findings)}`);
    assert.ok(!has(plan, 'blocker'), JSON.stringify(plan.findings));
    assert.equal(plan.target, type);
    const done = await applyMigration(plan, { elb, v2 }, FAST);
    await verify(plan, done);
    assert.deepEqual(await snapshot(name), before, 'the Classic balancer is unchanged');
    if (name === 'm-desync') assert.equal(attrs(plan.balancers[0].attributes)['routing.http.desync_mitigation_mode'], 'strictest');
    if (name === 'm-draining-off') assert.equal(attrs(plan.balancers[0].targetGroups[0].attributes)['deregistration_delay.timeout_seconds'], '0');
    await rollbackMigration(plan, { v2 }, FAST);
  });
}

test('a blocker refuses apply and nothing is created: one subnet to an ALB', async () => {
  await classic('m-one-subnet', [http], { subnets: [net.a] });
  const plan = await planMigration({ elb, v2 }, 'm-one-subnet');
  assert.ok(has(plan, 'blocker', 'subnets'));
  const count = async () => (await v2.describeLoadBalancers({})).LoadBalancers.length + (await v2.describeTargetGroups({})).TargetGroups.length;
  const n = await count();
  const e = await applyMigration(plan, { elb, v2 }, FAST).then(() => assert.fail('applied'), (e) => e);
  assert.equal(e.code, 'MigrationBlocked');
  assert.equal(await count(), n, 'nothing created');
  // Naming the second zone's subnet lifts it.
  assert.ok(!has(await planMigration({ elb, v2 }, 'm-one-subnet', { subnets: [net.b] }), 'blocker', 'subnets'));
});

test('apply twice, abort after every step and apply again: no duplicates; rollback leaves nothing tagged', async () => {
  await classic('m-resume', [http, tcp]);
  const plan = JSON.parse(JSON.stringify(await planMigration({ elb, v2 }, 'm-resume', { name: 'm-resume-v2' })));
  const names = () => Promise.all([
    v2.describeLoadBalancers({}).then((r) => r.LoadBalancers.map((l) => l.LoadBalancerName)),
    v2.describeTargetGroups({}).then((r) => r.TargetGroups.map((t) => t.TargetGroupName)),
  ]);
  const planned = [plan.balancers.map((b) => b.name), plan.balancers.flatMap((b) => b.targetGroups.map((t) => t.name))];
  const noDuplicates = async () => {
    const [lbs, tgs] = await names();
    for (const n of planned[0]) assert.equal(lbs.filter((x) => x === n).length, 1, `balancer ${n}`);
    for (const n of planned[1]) assert.equal(tgs.filter((x) => x === n).length, 1, `target group ${n}`);
  };
  for (let stop = 0; stop < plan.steps.length; stop++) {
    const controller = new AbortController();
    const partial = await applyMigration(plan, { elb, v2 }, {
      ...FAST,
      signal: controller.signal,
      onProgress: (p) => { if (p.index === stop && p.state !== 'start') controller.abort(); },
    }).then(() => 'completed', (e) => e.code);
    assert.ok(partial === 'AbortError' || (partial === 'completed' && stop === plan.steps.length - 1), `${stop}: ${partial}`);
    const done = await applyMigration(plan, { elb, v2 }, FAST);
    await verify(plan, done);
    await noDuplicates();
    if (stop % 4 === 3 || stop === plan.steps.length - 1) {
      // Now and then from nothing again: rollback, then the next abort starts fresh.
      await rollbackMigration(plan, { v2 }, FAST);
    }
  }
  const first = await applyMigration(plan, { elb, v2 }, FAST);
  const second = await applyMigration(plan, { elb, v2 }, FAST);
  assert.deepEqual(second.applied.refs, first.applied.refs, 'the second apply finds everything');
  await noDuplicates();
  const { deleted } = await rollbackMigration(plan, { v2 }, FAST);
  assert.equal(deleted.length, planned[0].length + planned[1].length);
  const [lbs, tgs] = await names();
  assert.ok(!planned[0].some((n) => lbs.includes(n)) && !planned[1].some((n) => tgs.includes(n)), 'nothing of the plan remains');
  const arns = [...(await v2.describeLoadBalancers({})).LoadBalancers.map((l) => l.LoadBalancerArn), ...(await v2.describeTargetGroups({})).TargetGroups.map((t) => t.TargetGroupArn)];
  for (let i = 0; i < arns.length; i += 20) {
    const { TagDescriptions } = await v2.describeTags({ ResourceArns: arns.slice(i, i + 20) });
    assert.ok(!TagDescriptions.some((d) => d.Tags.some((t) => t.Key === PLAN_TAG && t.Value === plan.id)), 'no resource carries the plan tag');
  }
  // The Classic balancer is still there and serving.
  assert.equal((await elb.describeLoadBalancers({ LoadBalancerNames: ['m-resume'] })).LoadBalancerDescriptions.length, 1);
});

test('Auto Scaling: the group attached to the Classic balancer gets the target groups, its instances are not registered by id; a scale event does not make the plan stale; rollback detaches', async () => {
  const { AutoScalingClient, StsClient } = await import('elb-wasm/services');
  const { endpoint, region } = await import('./migrate-env.mjs');
  const { query } = await import('./aws-query.mjs');
  const credentials = { accessKeyId: 'AKIDMIGRATE', secretAccessKey: 'AKIDMIGRATE-secret' };
  const autoscaling = new AutoScalingClient({ region, endpoint, credentials });
  const sts = new StsClient({ region, endpoint, credentials });
  const asg = (params) => query({ endpoint, region, credentials }, 'autoscaling', '2011-01-01', params);
  await classic('m-asg', [http]);
  await asg({ Action: 'CreateLaunchConfiguration', LaunchConfigurationName: 'm-asg-lc', ImageId: 'ami-12c6146b', InstanceType: 't3.micro' });
  await asg({
    Action: 'CreateAutoScalingGroup', AutoScalingGroupName: 'm-asg-group', LaunchConfigurationName: 'm-asg-lc',
    MinSize: '2', MaxSize: '4', DesiredCapacity: '2', VPCZoneIdentifier: `${net.a},${net.b}`, 'LoadBalancerNames.member.1': 'm-asg',
  });
  const plan = await planMigration({ elb, v2, autoscaling, sts }, 'm-asg', { name: 'm-asg-v2', deletionProtection: true });
  assert.equal(plan.source.autoScalingGroups.length, 1);
  const [group] = plan.source.autoScalingGroups;
  assert.equal(group.name, 'm-asg-group');
  assert.equal(group.instances.length, 2);
  assert.ok(has(plan, 'note', 'auto scaling', /group m-asg-group gets the new target groups attached/));
  // Only the Classic balancer's own instances are registered by id.
  const targets = plan.balancers.flatMap((b) => b.targetGroups.flatMap((t) => t.targets.map((x) => x.Id)));
  assert.ok(targets.every((id) => !group.instances.includes(id)), targets.join(' '));
  assert.ok(targets.length > 0, 'the instances outside the group are still registered');
  const attach = plan.steps.filter((s) => s.action === 'AttachLoadBalancerTargetGroups');
  assert.equal(attach.length, 1);
  assert.match(plan.followUps.join('\n'), /detach the Classic balancer from m-asg-group/);
  // The group scales before the plan is applied: not stale (its instances come and go).
  await asg({ Action: 'SetDesiredCapacity', AutoScalingGroupName: 'm-asg-group', DesiredCapacity: '3' });
  const done = await applyMigration(plan, { elb, v2, autoscaling, sts }, FAST);
  // Made with deletion protection (the option): rollback lifts it for its own balancer below.
  const protectedLb = attrs((await v2.describeLoadBalancerAttributes({ LoadBalancerArn: done.applied.refs['lb:alb'] })).Attributes);
  assert.equal(protectedLb['deletion_protection.enabled'], 'true');
  const attached = (await autoscaling.describeLoadBalancerTargetGroups({ AutoScalingGroupName: 'm-asg-group' })).LoadBalancerTargetGroups.map((t) => t.LoadBalancerTargetGroupARN);
  const ours = plan.balancers.flatMap((b) => b.targetGroups.map((t) => done.applied.refs[`tg:${t.key}`]));
  assert.deepEqual([...attached].sort(), [...ours].sort());
  // Applying again attaches nothing twice.
  await applyMigration(plan, { elb, v2, autoscaling, sts }, FAST);
  assert.equal((await autoscaling.describeLoadBalancerTargetGroups({ AutoScalingGroupName: 'm-asg-group' })).LoadBalancerTargetGroups.length, ours.length);
  // Rollback needs the Auto Scaling client, lists the detach, then detaches before deleting.
  await assert.rejects(rollbackMigration(plan, { v2 }, FAST), (e) => e.code === 'InvalidInput' && e.field === 'autoscaling');
  const dry = await rollbackMigration(plan, { v2, autoscaling }, { ...FAST, dryRun: true });
  assert.deepEqual(dry.wouldDetach, [{ group: 'm-asg-group', targetGroups: attached }]);
  await rollbackMigration(plan, { v2, autoscaling }, FAST);
  assert.deepEqual((await autoscaling.describeLoadBalancerTargetGroups({ AutoScalingGroupName: 'm-asg-group' })).LoadBalancerTargetGroups, []);
  // A plan naming a group it did not read as attached is refused before anything is sent.
  const other = JSON.parse(JSON.stringify(plan));
  other.steps.find((s) => s.action === 'AttachLoadBalancerTargetGroups').input.AutoScalingGroupName = 'someone-elses';
  await assert.rejects(applyMigration(other, { elb, v2, autoscaling, sts }, FAST), (e) => e.code === 'InvalidPlan' && /someone-elses/.test(e.message));
});

test('alarms: the Classic balancer\'s CloudWatch alarms become the new balancer\'s (per target group where the metric has one), tagged; none with no counterpart; rollback removes them', async () => {
  const { CloudWatchClient } = await import('elb-wasm/services');
  const { endpoint, region } = await import('./migrate-env.mjs');
  const credentials = { accessKeyId: 'AKIDMIGRATE', secretAccessKey: 'AKIDMIGRATE-secret' };
  const cloudwatch = new CloudWatchClient({ region, endpoint, credentials });
  await classic('m-alarms', [http]);
  const alarm = (AlarmName, MetricName, Statistic, Threshold, ComparisonOperator) => cloudwatch.putMetricAlarm({
    AlarmName, MetricName, Namespace: 'AWS/ELB', Statistic, Period: 60, EvaluationPeriods: 3, Threshold, ComparisonOperator,
    Dimensions: [{ Name: 'LoadBalancerName', Value: 'm-alarms' }], AlarmActions: ['arn:aws:sns:us-east-1:123456789012:ops'], TreatMissingData: 'notBreaching',
  });
  await alarm('m-alarms-latency', 'Latency', 'Average', 0.5, 'GreaterThanThreshold');
  await alarm('m-alarms-healthy', 'HealthyHostCount', 'Minimum', 1, 'LessThanThreshold');
  await alarm('m-alarms-surge', 'SurgeQueueLength', 'Maximum', 100, 'GreaterThanThreshold');
  // Another balancer's alarm is not this plan's.
  await cloudwatch.putMetricAlarm({ AlarmName: 'other-latency', MetricName: 'Latency', Namespace: 'AWS/ELB', Statistic: 'Average', Period: 60, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanThreshold', Dimensions: [{ Name: 'LoadBalancerName', Value: 'someone-else' }] });
  const plan = await planMigration({ elb, v2, cloudwatch }, 'm-alarms', { name: 'm-alarms-v2' });
  const [tg] = plan.balancers[0].targetGroups;
  assert.deepEqual(plan.alarms.map((a) => [a.from, a.metric, a.namespace, a.targetGroup ?? null]), [
    ['m-alarms-latency', 'TargetResponseTime', 'AWS/ApplicationELB', null],
    ['m-alarms-healthy', 'HealthyHostCount', 'AWS/ApplicationELB', tg.name],
  ]);
  assert.ok(has(plan, 'dropped', 'alarms', /m-alarms-surge watches SurgeQueueLength.*no surge queue/));
  assert.match(plan.followUps.join('\n'), /the alarms are moved by the plan/);
  const done = await applyMigration(plan, { elb, v2, cloudwatch }, FAST);
  const lbDim = done.applied.refs['lb:alb'].split(':loadbalancer/')[1];
  const tgDim = done.applied.refs[`tg:${tg.key}`].split(':').slice(5).join(':');
  const { MetricAlarms } = await cloudwatch.describeAlarms({ AlarmNames: plan.alarms.map((a) => a.name) });
  const byName = Object.fromEntries(MetricAlarms.map((a) => [a.AlarmName, a]));
  const latency = byName['m-alarms-latency-m-alarms-v2'];
  assert.deepEqual([latency.MetricName, latency.Namespace, latency.Statistic, latency.Threshold, latency.ComparisonOperator, latency.EvaluationPeriods, latency.TreatMissingData, latency.AlarmActions],
    ['TargetResponseTime', 'AWS/ApplicationELB', 'Average', 0.5, 'GreaterThanThreshold', 3, 'notBreaching', ['arn:aws:sns:us-east-1:123456789012:ops']]);
  assert.deepEqual(latency.Dimensions, [{ Name: 'LoadBalancer', Value: lbDim }]);
  assert.match(lbDim, /^app\/m-alarms-v2\/[0-9a-f]+$/);
  assert.deepEqual(byName[`m-alarms-healthy-m-alarms-v2-${tg.name}`].Dimensions, [{ Name: 'LoadBalancer', Value: lbDim }, { Name: 'TargetGroup', Value: tgDim }]);
  // A plan whose alarm is not one it lists, or watches a foreign dimension, is refused.
  const foreign = JSON.parse(JSON.stringify(plan));
  foreign.steps.find((s) => s.action === 'PutMetricAlarm').input.Dimensions[0].Value = 'app/prod/1234';
  await assert.rejects(applyMigration(foreign, { elb, v2, cloudwatch }, FAST), (e) => e.code === 'InvalidPlan' && /Dimensions\[0\]/.test(e.message));
  const dry = await rollbackMigration(plan, { v2, cloudwatch }, { ...FAST, dryRun: true });
  assert.deepEqual(dry.wouldDelete.filter((r) => r.kind === 'alarm').map((r) => r.name).sort(), plan.alarms.map((a) => a.name).sort());
  await rollbackMigration(plan, { v2, cloudwatch }, FAST);
  assert.deepEqual((await cloudwatch.describeAlarms({ AlarmNames: plan.alarms.map((a) => a.name) })).MetricAlarms, []);
  assert.equal((await cloudwatch.describeAlarms({ AlarmNames: ['m-alarms-latency', 'other-latency'] })).MetricAlarms.length, 2, 'the Classic alarms and others stay');
});
