// Every ELBv2 action moto implements (37 of 51), through the installed package's elb-wasm/v2, against
// moto_server with SigV4 verification on; each write is checked by reading it back. ALB and NLB,
// HTTP and TCP target groups, targets and their health, listeners with default actions, rules with
// conditions and priorities, certificates on an HTTPS listener, attributes, tags, security groups,
// subnets, a paginator with PageSize 1, all five waiters and the modelled errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ElbV2Client, ElbError } from 'elb-wasm/v2';
import { ElbError as ClassicElbError, sign } from 'elb-wasm';
import { endpoint, credentials, region, actionRecorder } from './env.mjs';
import { query, all } from './aws-query.mjs';

const recorder = actionRecorder();
const sentActions = recorder.sent;
const v2 = new ElbV2Client({ region, endpoint, credentials, fetch: recorder.fetch });

const ec2 = (params) => query({ endpoint, region, credentials }, 'ec2', '2016-11-15', params);

/** ACM's JSON protocol, signed by the package's `sign`: an HTTPS listener needs a certificate moto knows. */
async function requestCertificate(domain) {
  const body = JSON.stringify({ DomainName: domain });
  const headers = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'CertificateManager.RequestCertificate' };
  const req = sign({ method: 'POST', url: `${endpoint}/`, headers, body }, { region, service: 'acm', credentials });
  const res = await fetch(req.url, { method: 'POST', headers: req.headers, body });
  assert.equal(res.status, 200, await res.clone().text());
  return (await res.json()).CertificateArn;
}

const MOTO_ACTIONS = [
  'AddListenerCertificates', 'AddTags', 'CreateListener', 'CreateLoadBalancer', 'CreateRule', 'CreateTargetGroup',
  'DeleteListener', 'DeleteLoadBalancer', 'DeleteRule', 'DeleteTargetGroup', 'DeregisterTargets', 'DescribeAccountLimits',
  'DescribeCapacityReservation', 'DescribeListenerAttributes', 'DescribeListenerCertificates', 'DescribeListeners',
  'DescribeLoadBalancerAttributes', 'DescribeLoadBalancers', 'DescribeRules', 'DescribeSSLPolicies', 'DescribeTags',
  'DescribeTargetGroupAttributes', 'DescribeTargetGroups', 'DescribeTargetHealth', 'ModifyListener',
  'ModifyListenerAttributes', 'ModifyLoadBalancerAttributes', 'ModifyRule', 'ModifyTargetGroup',
  'ModifyTargetGroupAttributes', 'RegisterTargets', 'RemoveListenerCertificates', 'RemoveTags', 'SetIpAddressType',
  'SetRulePriorities', 'SetSecurityGroups', 'SetSubnets',
];

const attrs = (list) => Object.fromEntries(list.map((a) => [a.Key, a.Value]));

test('37 ELBv2 actions against moto, each read back', async () => {
  assert.equal(MOTO_ACTIONS.length, 37);
  const vpc = all(await ec2({ Action: 'CreateVpc', CidrBlock: '10.20.0.0/16' }), 'vpcId')[0];
  const subnet = async (cidr, zone) => all(await ec2({ Action: 'CreateSubnet', VpcId: vpc, CidrBlock: cidr, AvailabilityZone: zone }), 'subnetId')[0];
  const [s1, s2, s3] = [await subnet('10.20.1.0/24', 'us-east-1a'), await subnet('10.20.2.0/24', 'us-east-1b'), await subnet('10.20.3.0/24', 'us-east-1c')];
  const sg = all(await ec2({ Action: 'CreateSecurityGroup', GroupName: 'v2-web', GroupDescription: 'v2', VpcId: vpc }), 'groupId')[0];
  const sg2 = all(await ec2({ Action: 'CreateSecurityGroup', GroupName: 'v2-web-2', GroupDescription: 'v2', VpcId: vpc }), 'groupId')[0];
  const instances = all(await ec2({ Action: 'RunInstances', ImageId: 'ami-12c6146b', MinCount: '2', MaxCount: '2', SubnetId: s1 }), 'instanceId');
  const cert = await requestCertificate('v2.example.com');
  const cert2 = await requestCertificate('alt.example.com');

  // Balancers: an internal ALB in two zones, an NLB in one.
  const alb = (await v2.createLoadBalancer({ Name: 'v2-alb', Subnets: [s1, s2], SecurityGroups: [sg], Scheme: 'internal', Tags: [{ Key: 'env', Value: 'test' }] })).LoadBalancers[0];
  assert.equal(alb.LoadBalancerName, 'v2-alb');
  assert.equal(alb.Type, 'application');
  assert.equal(alb.Scheme, 'internal');
  assert.ok(alb.CreatedTime instanceof Date);
  assert.deepEqual(alb.AvailabilityZones.map((z) => z.ZoneName).sort(), ['us-east-1a', 'us-east-1b']);
  const nlb = (await v2.createLoadBalancer({ Name: 'v2-nlb', Type: 'network', Subnets: [s1] })).LoadBalancers[0];
  assert.equal(nlb.Type, 'network');
  const both = await v2.describeLoadBalancers({ Names: ['v2-alb', 'v2-nlb'] });
  assert.deepEqual(both.LoadBalancers.map((l) => l.LoadBalancerName).sort(), ['v2-alb', 'v2-nlb']);

  // Target groups (HTTP with a health check and matcher, TCP) and targets.
  const tg = (await v2.createTargetGroup({ Name: 'v2-http', Protocol: 'HTTP', Port: 8080, VpcId: vpc, HealthCheckPath: '/health', Matcher: { HttpCode: '200-299' } })).TargetGroups[0];
  assert.deepEqual([tg.Protocol, tg.Port, tg.HealthCheckPath, tg.Matcher.HttpCode], ['HTTP', 8080, '/health', '200-299']);
  const tcp = (await v2.createTargetGroup({ Name: 'v2-tcp', Protocol: 'TCP', Port: 22, VpcId: vpc })).TargetGroups[0];
  assert.equal(tcp.Protocol, 'TCP');
  await v2.registerTargets({ TargetGroupArn: tg.TargetGroupArn, Targets: instances.map((Id) => ({ Id, Port: 8080 })) });
  const health = await v2.describeTargetHealth({ TargetGroupArn: tg.TargetGroupArn });
  assert.deepEqual(health.TargetHealthDescriptions.map((d) => d.Target.Id).sort(), [...instances].sort());
  assert.ok(health.TargetHealthDescriptions.every((d) => d.TargetHealth.State === 'healthy'));
  await v2.waitUntilTargetInService({ TargetGroupArn: tg.TargetGroupArn }, { delayMs: 50 });

  // Listeners: HTTPS with a certificate and TLS policy forwarding, HTTP redirecting, NLB TCP.
  const https = (await v2.createListener({
    LoadBalancerArn: alb.LoadBalancerArn, Protocol: 'HTTPS', Port: 443, Certificates: [{ CertificateArn: cert }],
    SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06', DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }],
  })).Listeners[0];
  assert.deepEqual([https.Protocol, https.Port, https.Certificates[0].CertificateArn], ['HTTPS', 443, cert]);
  const http = (await v2.createListener({
    LoadBalancerArn: alb.LoadBalancerArn, Protocol: 'HTTP', Port: 80,
    DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }],
  })).Listeners[0];
  assert.deepEqual(http.DefaultActions[0].RedirectConfig, { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' });
  const nlbListener = (await v2.createListener({ LoadBalancerArn: nlb.LoadBalancerArn, Protocol: 'TCP', Port: 22, DefaultActions: [{ Type: 'forward', TargetGroupArn: tcp.TargetGroupArn }] })).Listeners[0];
  assert.equal(nlbListener.Protocol, 'TCP');
  const listeners = await v2.describeListeners({ LoadBalancerArn: alb.LoadBalancerArn });
  assert.deepEqual(listeners.Listeners.map((l) => l.Port).sort((a, b) => a - b), [80, 443]);

  // Certificates on the HTTPS listener.
  await v2.addListenerCertificates({ ListenerArn: https.ListenerArn, Certificates: [{ CertificateArn: cert2 }] });
  let certs = (await v2.describeListenerCertificates({ ListenerArn: https.ListenerArn })).Certificates;
  assert.ok(certs.some((c) => c.CertificateArn === cert2 && !c.IsDefault) && certs.some((c) => c.CertificateArn === cert && c.IsDefault));
  await v2.removeListenerCertificates({ ListenerArn: https.ListenerArn, Certificates: [{ CertificateArn: cert2 }] });
  certs = (await v2.describeListenerCertificates({ ListenerArn: https.ListenerArn })).Certificates;
  assert.ok(!certs.some((c) => c.CertificateArn === cert2));

  // Rules: conditions (host header, HTTP header, path), weighted forward with stickiness, fixed response, priorities.
  const hostRule = (await v2.createRule({
    ListenerArn: https.ListenerArn, Priority: 5,
    Conditions: [{ Field: 'host-header', HostHeaderConfig: { Values: ['a.example.com'] } }, { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X-Env', Values: ['blue'] } }],
    Actions: [{ Type: 'forward', ForwardConfig: { TargetGroups: [{ TargetGroupArn: tg.TargetGroupArn, Weight: 10 }], TargetGroupStickinessConfig: { Enabled: true, DurationSeconds: 60 } } }],
  })).Rules[0];
  assert.equal(hostRule.Priority, '5');
  assert.deepEqual(hostRule.Conditions[1].HttpHeaderConfig, { HttpHeaderName: 'X-Env', Values: ['blue'] });
  assert.deepEqual(hostRule.Actions[0].ForwardConfig.TargetGroupStickinessConfig, { Enabled: true, DurationSeconds: 60 });
  const pathRule = (await v2.createRule({
    ListenerArn: https.ListenerArn, Priority: 6, Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/down/*'] } }],
    Actions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '503', ContentType: 'text/plain', MessageBody: 'down' } }],
  })).Rules[0];
  assert.deepEqual(pathRule.Actions[0].FixedResponseConfig, { MessageBody: 'down', StatusCode: '503', ContentType: 'text/plain' });
  await v2.setRulePriorities({ RulePriorities: [{ RuleArn: hostRule.RuleArn, Priority: 7 }] });
  await v2.modifyRule({ RuleArn: pathRule.RuleArn, Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/maintenance/*'] } }] });
  let rules = (await v2.describeRules({ ListenerArn: https.ListenerArn })).Rules;
  const byArn = Object.fromEntries(rules.map((r) => [r.RuleArn, r]));
  assert.equal(byArn[hostRule.RuleArn].Priority, '7');
  assert.deepEqual(byArn[pathRule.RuleArn].Conditions[0].PathPatternConfig.Values, ['/maintenance/*']);
  assert.ok(rules.some((r) => r.IsDefault));
  const firstPage = await v2.describeRules({ ListenerArn: https.ListenerArn, PageSize: 1 });
  assert.equal(firstPage.Rules.length, 1);
  assert.ok(firstPage.NextMarker, 'DescribeRules pages');
  await v2.deleteRule({ RuleArn: pathRule.RuleArn });
  rules = (await v2.describeRules({ ListenerArn: https.ListenerArn })).Rules;
  assert.ok(!rules.some((r) => r.RuleArn === pathRule.RuleArn));

  // A listener's default action changed; listener attributes.
  await v2.modifyListener({ ListenerArn: http.ListenerArn, DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }] });
  const modified = (await v2.describeListeners({ ListenerArns: [http.ListenerArn] })).Listeners[0];
  assert.deepEqual(modified.DefaultActions.map((a) => a.Type), ['forward']);
  await v2.modifyListenerAttributes({ ListenerArn: nlbListener.ListenerArn, Attributes: [{ Key: 'tcp.idle_timeout.seconds', Value: '400' }] });
  assert.equal(attrs((await v2.describeListenerAttributes({ ListenerArn: nlbListener.ListenerArn })).Attributes)['tcp.idle_timeout.seconds'], '400');

  // Balancer and target group attributes; the target group itself.
  await v2.modifyLoadBalancerAttributes({ LoadBalancerArn: alb.LoadBalancerArn, Attributes: [{ Key: 'idle_timeout.timeout_seconds', Value: '120' }] });
  assert.equal(attrs((await v2.describeLoadBalancerAttributes({ LoadBalancerArn: alb.LoadBalancerArn })).Attributes)['idle_timeout.timeout_seconds'], '120');
  await v2.modifyTargetGroupAttributes({ TargetGroupArn: tg.TargetGroupArn, Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '30' }] });
  assert.equal(attrs((await v2.describeTargetGroupAttributes({ TargetGroupArn: tg.TargetGroupArn })).Attributes)['deregistration_delay.timeout_seconds'], '30');
  await v2.modifyTargetGroup({ TargetGroupArn: tg.TargetGroupArn, HealthCheckIntervalSeconds: 15, HealthyThresholdCount: 3 });
  const tgNow = (await v2.describeTargetGroups({ TargetGroupArns: [tg.TargetGroupArn] })).TargetGroups[0];
  assert.deepEqual([tgNow.HealthCheckIntervalSeconds, tgNow.HealthyThresholdCount], [15, 3]);
  // moto lists the balancer once per listener that forwards to the group; AWS once.
  assert.deepEqual([...new Set(tgNow.LoadBalancerArns)], [alb.LoadBalancerArn]);

  // Tags.
  await v2.addTags({ ResourceArns: [tg.TargetGroupArn], Tags: [{ Key: 'team', Value: 'web' }] });
  let tags = await v2.describeTags({ ResourceArns: [alb.LoadBalancerArn, tg.TargetGroupArn] });
  const tagsOf = (arn) => attrs(tags.TagDescriptions.find((d) => d.ResourceArn === arn).Tags);
  assert.deepEqual(tagsOf(alb.LoadBalancerArn), { env: 'test' });
  assert.deepEqual(tagsOf(tg.TargetGroupArn), { team: 'web' });
  await v2.removeTags({ ResourceArns: [tg.TargetGroupArn], TagKeys: ['team'] });
  tags = await v2.describeTags({ ResourceArns: [tg.TargetGroupArn] });
  assert.deepEqual(tags.TagDescriptions[0].Tags, []);

  // Security groups, subnets, IP address type.
  assert.deepEqual((await v2.setSecurityGroups({ LoadBalancerArn: alb.LoadBalancerArn, SecurityGroups: [sg, sg2] })).SecurityGroupIds.sort(), [sg, sg2].sort());
  await v2.setSubnets({ LoadBalancerArn: alb.LoadBalancerArn, Subnets: [s1, s2, s3] });
  await v2.setIpAddressType({ LoadBalancerArn: alb.LoadBalancerArn, IpAddressType: 'dualstack' });
  const albNow = (await v2.describeLoadBalancers({ LoadBalancerArns: [alb.LoadBalancerArn] })).LoadBalancers[0];
  assert.deepEqual(albNow.AvailabilityZones.map((z) => z.SubnetId).sort(), [s1, s2, s3].sort());
  assert.deepEqual(albNow.SecurityGroups.sort(), [sg, sg2].sort());
  assert.equal(albNow.IpAddressType, 'dualstack');

  // Read-only facts.
  const policies = (await v2.describeSSLPolicies({ Names: ['ELBSecurityPolicy-2016-08'] })).SslPolicies;
  assert.equal(policies[0].Name, 'ELBSecurityPolicy-2016-08');
  assert.ok(policies[0].Ciphers.every((c) => typeof c.Priority === 'number'));
  const limits = (await v2.describeAccountLimits({})).Limits;
  assert.ok(limits.some((l) => l.Name === 'target-groups'));
  const capacity = await v2.describeCapacityReservation({ LoadBalancerArn: alb.LoadBalancerArn });
  assert.ok(Array.isArray(capacity.CapacityReservationState));

  // A paginator at PageSize 1 walks every balancer once.
  const seen = [];
  for await (const page of v2.paginateDescribeLoadBalancers({ PageSize: 1 })) {
    assert.ok(page.LoadBalancers.length <= 1);
    seen.push(...page.LoadBalancers.map((l) => l.LoadBalancerName));
  }
  assert.ok(seen.includes('v2-alb') && seen.includes('v2-nlb'));
  assert.equal(new Set(seen).size, seen.length, 'no balancer twice');

  // Waiters.
  assert.equal((await v2.waitUntilLoadBalancerExists({ LoadBalancerArns: [alb.LoadBalancerArn] }, { delayMs: 50 })).state, 'SUCCESS');
  assert.equal((await v2.waitUntilLoadBalancerAvailable({ Names: ['v2-alb'] }, { delayMs: 50 })).state, 'SUCCESS');

  // Errors: a target group a listener uses cannot go (ResourceInUse); a missing balancer.
  const inUse = await v2.deleteTargetGroup({ TargetGroupArn: tg.TargetGroupArn }).then(() => assert.fail('deleted'), (e) => e);
  assert.ok(inUse instanceof ElbError && inUse instanceof ClassicElbError, 'one ElbError for the package');
  assert.deepEqual([inUse.code, inUse.statusCode, inUse.retryable], ['ResourceInUse', 400, false]);

  // Teardown, each step read back.
  await v2.deregisterTargets({ TargetGroupArn: tg.TargetGroupArn, Targets: [{ Id: instances[0], Port: 8080 }] });
  const left = (await v2.describeTargetHealth({ TargetGroupArn: tg.TargetGroupArn })).TargetHealthDescriptions.map((d) => d.Target.Id);
  assert.ok(!left.includes(instances[0]));
  const deregistered = await v2.waitUntilTargetDeregistered({ TargetGroupArn: tg.TargetGroupArn, Targets: [{ Id: instances[0], Port: 8080 }] }, { delayMs: 50 });
  assert.equal(deregistered.state, 'SUCCESS');
  assert.equal(deregistered.reason.TargetHealthDescriptions[0].TargetHealth.State, 'unused');
  for (const l of [https, http]) await v2.deleteListener({ ListenerArn: l.ListenerArn });
  assert.equal((await v2.describeListeners({ LoadBalancerArn: alb.LoadBalancerArn })).Listeners.length, 0);
  await v2.deleteLoadBalancer({ LoadBalancerArn: nlb.LoadBalancerArn });
  await v2.deleteLoadBalancer({ LoadBalancerArn: alb.LoadBalancerArn });
  assert.equal((await v2.waitUntilLoadBalancersDeleted({ LoadBalancerArns: [alb.LoadBalancerArn] }, { delayMs: 50 })).state, 'SUCCESS');
  for (const t of [tg, tcp]) await v2.deleteTargetGroup({ TargetGroupArn: t.TargetGroupArn });
  const missing = await v2.describeLoadBalancers({ LoadBalancerArns: [alb.LoadBalancerArn] }).then(() => assert.fail('found'), (e) => e);
  assert.deepEqual([missing.code, missing.statusCode, missing.retryable], ['LoadBalancerNotFound', 400, false]);
  assert.ok(missing.requestId, 'a request id');
  const gone = await v2.describeTargetGroups({ TargetGroupArns: [tg.TargetGroupArn] }).then(() => assert.fail('found'), (e) => e);
  assert.equal(gone.code, 'TargetGroupNotFound');

  assert.deepEqual([...sentActions].filter((a) => !MOTO_ACTIONS.includes(a)), []);
  assert.deepEqual(MOTO_ACTIONS.filter((a) => !sentActions.has(a)), [], 'every action moto implements was exercised');
});

test('ELBv2 inputs are checked before anything is sent', async () => {
  let sent = 0;
  const client = new ElbV2Client({ region, credentials, fetch: async () => { sent++; return new Response('', { status: 500 }); } });
  const cases = [
    [() => client.createRule({ ListenerArn: 'x', Priority: 0, Conditions: [], Actions: [] }), 'Priority'],
    [() => client.modifyTargetGroupAttributes({ TargetGroupArn: 'x', Attributes: [{ Key: 'bad key', Value: 'v' }] }), 'Attributes[0].Key'],
    [() => client.createTargetGroup({ Name: 'x'.repeat(33) }), 'Name'],
    [() => client.createListener({ LoadBalancerArn: 'x', DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '302' } }] }), 'DefaultActions[0].FixedResponseConfig.StatusCode'],
    [() => client.createListener({ LoadBalancerArn: 'x', DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'http', StatusCode: 'HTTP_301' } }] }), 'DefaultActions[0].RedirectConfig.Protocol'],
    [() => client.describeLoadBalancers({ Names: 'web' }), 'Names'],
    [() => client.describeLoadBalancers({ Name: ['web'] }), 'Name'],
    [() => client.registerTargets({ TargetGroupArn: 'x', Targets: [{ Id: 'i-1', Port: 70000 }] }), 'Targets[0].Port'],
  ];
  for (const [call, field] of cases) {
    const e = await call().then(() => assert.fail('sent'), (e) => e);
    assert.ok(e instanceof ElbError);
    assert.deepEqual([e.code, e.field], ['InvalidInput', field], e.message);
  }
  // An enum value the table does not list is not refused: AWS adds values, the service judges.
  const ok = new ElbV2Client({ region, credentials, fetch: async () => new Response('<CreateLoadBalancerResponse><CreateLoadBalancerResult><LoadBalancers/></CreateLoadBalancerResult></CreateLoadBalancerResponse>') });
  assert.deepEqual((await ok.createLoadBalancer({ Name: 'x', Type: 'quantum' })).LoadBalancers, []);
  assert.equal(sent, 0);
});
