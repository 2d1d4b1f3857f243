// The migration planner as a pure function (no network): each row of MIGRATION.md's mapping, on a
// Classic source written as DescribeLoadBalancers & co. answer it, gives the expected plan and findings,
// including what moto cannot represent (EC2-Classic, session cookies, custom TLS policies, ...).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makePlan, planToCli, withCli, PLAN_TAG, SOURCE_TAG } from 'elb-wasm/migrate';

const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/abc';
const SSL_POLICIES = ['ELBSecurityPolicy-2016-08', 'ELBSecurityPolicy-TLS13-1-2-2021-06'];

/** A Classic source: an HTTP balancer in a VPC with two subnets and two instances, changed by `patch`. */
function source(patch = {}) {
  const description = {
    LoadBalancerName: 'web',
    DNSName: 'web-123.us-east-1.elb.amazonaws.com',
    ListenerDescriptions: [{ Listener: { Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 8080 }, PolicyNames: [] }],
    Policies: { AppCookieStickinessPolicies: [], LBCookieStickinessPolicies: [], OtherPolicies: [] },
    BackendServerDescriptions: [],
    AvailabilityZones: ['us-east-1a', 'us-east-1b'],
    Subnets: ['subnet-a', 'subnet-b'],
    VPCId: 'vpc-1',
    Instances: [{ InstanceId: 'i-1' }, { InstanceId: 'i-2' }],
    HealthCheck: { Target: 'HTTP:8080/health', Interval: 10, Timeout: 5, UnhealthyThreshold: 3, HealthyThreshold: 2 },
    SecurityGroups: ['sg-1'],
    Scheme: 'internet-facing',
    ...patch.description,
  };
  return {
    description,
    attributes: {
      CrossZoneLoadBalancing: { Enabled: true },
      AccessLog: { Enabled: false },
      ConnectionDraining: { Enabled: true, Timeout: 300 },
      ConnectionSettings: { IdleTimeout: 60 },
      AdditionalAttributes: [],
      ...patch.attributes,
    },
    policies: patch.policies ?? [],
    tags: patch.tags ?? [],
    health: [],
    sslPolicies: SSL_POLICIES,
  };
}

const listener = (Protocol, LoadBalancerPort, InstanceProtocol, InstancePort, extra = {}) => ({
  Listener: { Protocol, LoadBalancerPort, InstanceProtocol, InstancePort, ...extra.listener }, PolicyNames: extra.policies ?? [],
});
const has = (plan, severity, feature, pattern) =>
  plan.findings.some((f) => f.severity === severity && f.feature === feature && (!pattern || pattern.test(f.message)));
const attrs = (list) => Object.fromEntries(list.map((a) => [a.Key, a.Value]));

test('HTTP with a path health check: an ALB, health check and draining carried exactly', () => {
  const plan = makePlan(source(), { id: 'p1' });
  assert.equal(plan.target, 'application');
  const [alb] = plan.balancers;
  assert.deepEqual([alb.type, alb.name, alb.scheme, alb.subnets, alb.securityGroups], ['application', 'web', 'internet-facing', ['subnet-a', 'subnet-b'], ['sg-1']]);
  const [tg] = alb.targetGroups;
  assert.deepEqual(tg.healthCheck, {
    HealthCheckProtocol: 'HTTP', HealthCheckPort: '8080', HealthCheckPath: '/health', Matcher: { HttpCode: '200' },
    HealthCheckIntervalSeconds: 10, HealthCheckTimeoutSeconds: 5, HealthyThresholdCount: 2, UnhealthyThresholdCount: 3,
  });
  assert.equal(attrs(tg.attributes)['deregistration_delay.timeout_seconds'], '300');
  assert.deepEqual(tg.targets, [{ Id: 'i-1', Port: 8080 }, { Id: 'i-2', Port: 8080 }]);
  assert.deepEqual(alb.listeners.map((l) => [l.protocol, l.port]), [['HTTP', 80]]);
  assert.ok(!plan.findings.some((f) => f.severity === 'blocker' || f.severity === 'changed'), JSON.stringify(plan.findings));
  // Every created resource is tagged with the plan and the Classic balancer it came from.
  for (const s of plan.steps.filter((s) => s.action.startsWith('Create'))) {
    assert.deepEqual(s.input.Tags.slice(-2), [{ Key: PLAN_TAG, Value: 'p1' }, { Key: SOURCE_TAG, Value: 'web' }]);
  }
  assert.deepEqual(plan.steps.map((s) => s.action), [
    'CreateTargetGroup', 'ModifyTargetGroupAttributes', 'CreateLoadBalancer', 'WaitLoadBalancerAvailable', 'ModifyLoadBalancerAttributes', 'CreateListener', 'RegisterTargets',
  ]);
  assert.equal(plan.followUps.length, 4);
});

test('HTTPS with a certificate and a reference security policy keeps both', () => {
  const plan = makePlan(source({
    description: { ListenerDescriptions: [listener('HTTPS', 443, 'HTTP', 8080, { listener: { SSLCertificateId: CERT }, policies: ['tls'] })] },
    policies: [{ PolicyName: 'tls', PolicyTypeName: 'SSLNegotiationPolicyType', PolicyAttributeDescriptions: [{ AttributeName: 'Reference-Security-Policy', AttributeValue: 'ELBSecurityPolicy-2016-08' }, { AttributeName: 'Protocol-TLSv1.2', AttributeValue: 'true' }] }],
  }));
  const l = plan.balancers[0].listeners[0];
  assert.deepEqual([l.protocol, l.certificates, l.sslPolicy], ['HTTPS', [{ CertificateArn: CERT }], 'ELBSecurityPolicy-2016-08']);
  assert.ok(has(plan, 'note', 'TLS policy', /keeps ELBSecurityPolicy-2016-08/));
});

test('a custom TLS policy or an unknown reference becomes the default, said as a change', () => {
  for (const attributes of [[{ AttributeName: 'Protocol-TLSv1.2', AttributeValue: 'true' }], [{ AttributeName: 'Reference-Security-Policy', AttributeValue: 'ELBSecurityPolicy-2011-08' }]]) {
    const plan = makePlan(source({
      description: { ListenerDescriptions: [listener('HTTPS', 443, 'HTTP', 8080, { listener: { SSLCertificateId: CERT }, policies: ['custom'] })] },
      policies: [{ PolicyName: 'custom', PolicyTypeName: 'SSLNegotiationPolicyType', PolicyAttributeDescriptions: attributes }],
    }));
    assert.equal(plan.balancers[0].listeners[0].sslPolicy, 'ELBSecurityPolicy-TLS13-1-2-2021-06');
    assert.ok(has(plan, 'changed', 'TLS policy'), JSON.stringify(plan.findings));
  }
});

test('TCP with proxy protocol: an NLB, proxy protocol v2 on the target group (a change); SSL becomes TLS', () => {
  const plan = makePlan(source({
    description: {
      ListenerDescriptions: [listener('TCP', 22, 'TCP', 22), listener('SSL', 8443, 'TCP', 8443, { listener: { SSLCertificateId: CERT } })],
      BackendServerDescriptions: [{ InstancePort: 22, PolicyNames: ['proxy'] }],
      HealthCheck: { Target: 'SSL:8443', Interval: 30, Timeout: 5, UnhealthyThreshold: 2, HealthyThreshold: 10 },
    },
    policies: [{ PolicyName: 'proxy', PolicyTypeName: 'ProxyProtocolPolicyType', PolicyAttributeDescriptions: [{ AttributeName: 'ProxyProtocol', AttributeValue: 'true' }] }],
    attributes: { ConnectionSettings: { IdleTimeout: 30 } },
  }));
  assert.equal(plan.target, 'network');
  const [nlb] = plan.balancers;
  assert.deepEqual(nlb.listeners.map((l) => [l.protocol, l.port]), [['TCP', 22], ['TLS', 8443]]);
  const tcp = nlb.targetGroups.find((t) => t.port === 22);
  assert.equal(attrs(tcp.attributes)['proxy_protocol_v2.enabled'], 'true');
  assert.ok(has(plan, 'changed', 'proxy protocol'));
  assert.equal(tcp.healthCheck.HealthCheckProtocol, 'TCP');
  assert.ok(has(plan, 'changed', 'health check', /SSL:8443/));
  assert.equal(attrs(nlb.listeners[0].attributes)['tcp.idle_timeout.seconds'], '60');
  assert.ok(has(plan, 'changed', 'idle timeout', /30 s becomes 60 s/));
  assert.ok(has(plan, 'changed', 'idle timeout', /350/), 'TLS listeners have a fixed idle timeout');
  assert.equal(attrs(nlb.attributes)['load_balancing.cross_zone.enabled'], 'true');
});

test('mixed HTTP and TCP: an ALB and an NLB, the choice stated; forcing ALB blocks, forcing NLB changes', () => {
  const mixed = source({ description: { ListenerDescriptions: [listener('HTTP', 80, 'HTTP', 8080), listener('TCP', 25, 'TCP', 25)] } });
  const plan = makePlan(mixed, { name: 'shop' });
  assert.deepEqual(plan.balancers.map((b) => [b.type, b.name]), [['application', 'shop'], ['network', 'shop-nlb']]);
  assert.ok(has(plan, 'changed', 'type', /two DNS names/));
  assert.ok(has(makePlan(mixed, { target: 'application' }), 'blocker', 'listener', /TCP:25/));
  const nlb = makePlan(mixed, { target: 'network' });
  assert.deepEqual(nlb.balancers.map((b) => b.type), ['network']);
  assert.ok(has(nlb, 'changed', 'listener', /HTTP:80 becomes TCP/));
});

test('stickiness: LB cookie with and without a period, beyond 7 days, app cookie, reserved cookie names, none on an NLB', () => {
  const sticky = (Policies, protocol = 'HTTP') => makePlan(source({
    description: { ListenerDescriptions: [listener(protocol, 80, protocol, 8080, { policies: ['s'] })], Policies: { AppCookieStickinessPolicies: [], LBCookieStickinessPolicies: [], OtherPolicies: [], ...Policies } },
  }));
  let plan = sticky({ LBCookieStickinessPolicies: [{ PolicyName: 's', CookieExpirationPeriod: 600 }] });
  assert.deepEqual(attrs(plan.balancers[0].targetGroups[0].attributes), {
    'deregistration_delay.timeout_seconds': '300', 'stickiness.enabled': 'true', 'stickiness.type': 'lb_cookie', 'stickiness.lb_cookie.duration_seconds': '600',
  });
  assert.ok(!has(plan, 'changed', 'stickiness'));
  plan = sticky({ LBCookieStickinessPolicies: [{ PolicyName: 's' }] });
  assert.equal(attrs(plan.balancers[0].targetGroups[0].attributes)['stickiness.lb_cookie.duration_seconds'], '604800');
  assert.ok(has(plan, 'changed', 'stickiness', /session cookie/));
  plan = sticky({ LBCookieStickinessPolicies: [{ PolicyName: 's', CookieExpirationPeriod: 9999999 }] });
  assert.ok(has(plan, 'changed', 'stickiness', /clamped/));
  plan = sticky({ AppCookieStickinessPolicies: [{ PolicyName: 's', CookieName: 'JSESSIONID' }] });
  assert.equal(attrs(plan.balancers[0].targetGroups[0].attributes)['stickiness.app_cookie.cookie_name'], 'JSESSIONID');
  assert.ok(has(plan, 'changed', 'stickiness', /AWSALBAPP/));
  assert.ok(has(sticky({ AppCookieStickinessPolicies: [{ PolicyName: 's', CookieName: 'AWSALBTG-x' }] }), 'blocker', 'stickiness'));
  assert.ok(has(sticky({ LBCookieStickinessPolicies: [{ PolicyName: 's', CookieExpirationPeriod: 60 }] }, 'TCP'), 'dropped', 'stickiness'));
});

test('draining off is 0; idle timeout to an ALB as it is; cross-zone off kept on the ALB\'s target groups; access logs every 5 minutes kept; desync', () => {
  const plan = makePlan(source({
    attributes: {
      ConnectionDraining: { Enabled: false, Timeout: 300 },
      ConnectionSettings: { IdleTimeout: 1200 },
      CrossZoneLoadBalancing: { Enabled: false },
      AccessLog: { Enabled: true, S3BucketName: 'logs', S3BucketPrefix: 'web', EmitInterval: 5 },
      AdditionalAttributes: [{ Key: 'elb.http.desyncmitigationmode', Value: 'strictest' }],
    },
  }));
  const [alb] = plan.balancers;
  assert.equal(attrs(alb.targetGroups[0].attributes)['deregistration_delay.timeout_seconds'], '0');
  // An ALB target group can turn cross-zone off (since 2022): kept, not "always across zones".
  assert.equal(attrs(alb.targetGroups[0].attributes)['load_balancing.cross_zone.enabled'], 'false');
  assert.ok(has(plan, 'note', 'cross-zone', /off → load_balancing.cross_zone.enabled=false/));
  assert.ok(!plan.findings.some((f) => /always balances/.test(f.message)));
  assert.deepEqual(attrs(alb.attributes), {
    'idle_timeout.timeout_seconds': '1200', 'routing.http.desync_mitigation_mode': 'strictest',
    'access_logs.s3.enabled': 'true', 'access_logs.s3.bucket': 'logs', 'access_logs.s3.prefix': 'web',
  });
  // ELBv2 delivers every 5 minutes: 5 is kept, 60 becomes 5.
  assert.ok(has(plan, 'note', 'access logs', /every 5 minutes, as ELBv2 delivers them/));
  assert.ok(!has(plan, 'dropped', 'access logs'));
  assert.ok(has(plan, 'note', 'access logs', /bucket logs/));
  const hourly = makePlan(source({ attributes: { AccessLog: { Enabled: true, S3BucketName: 'logs', EmitInterval: 60 } } }));
  assert.ok(has(hourly, 'changed', 'access logs', /EmitInterval 60 min becomes 5/));
  // An NLB logs its TLS listeners only: a TCP-only one gets no log settings, said as a change.
  const tcpOnly = makePlan(source({
    description: { ListenerDescriptions: [listener('TCP', 25, 'TCP', 25)], HealthCheck: { Target: 'TCP:25', Interval: 10, Timeout: 5, UnhealthyThreshold: 2, HealthyThreshold: 2 } },
    attributes: { AccessLog: { Enabled: true, S3BucketName: 'logs', EmitInterval: 5 } },
  }));
  assert.ok(has(tcpOnly, 'changed', 'access logs', /logs TLS listeners only: its access logs stop/));
  assert.ok(!('access_logs.s3.enabled' in attrs(tcpOnly.balancers[0].attributes)));
  const tls = makePlan(source({
    description: { ListenerDescriptions: [listener('SSL', 443, 'TCP', 25, { listener: { SSLCertificateId: CERT } })], HealthCheck: { Target: 'TCP:25', Interval: 10, Timeout: 5, UnhealthyThreshold: 2, HealthyThreshold: 2 } },
    attributes: { AccessLog: { Enabled: true, S3BucketName: 'logs', EmitInterval: 5 } },
  }));
  assert.equal(attrs(tls.balancers[0].attributes)['access_logs.s3.enabled'], 'true');
});

test('back-end authentication is dropped loudly; aws: tags dropped, the rest carried; TCP health checks on an ALB become HTTP', () => {
  const plan = makePlan(source({
    description: { BackendServerDescriptions: [{ InstancePort: 8080, PolicyNames: ['auth'] }], HealthCheck: { Target: 'TCP:8080', Interval: 30, Timeout: 5, UnhealthyThreshold: 2, HealthyThreshold: 10 } },
    policies: [
      { PolicyName: 'key', PolicyTypeName: 'PublicKeyPolicyType', PolicyAttributeDescriptions: [{ AttributeName: 'PublicKey', AttributeValue: 'MIIB' }] },
      { PolicyName: 'auth', PolicyTypeName: 'BackendServerAuthenticationPolicyType', PolicyAttributeDescriptions: [{ AttributeName: 'PublicKeyPolicyName', AttributeValue: 'key' }] },
    ],
    tags: [{ Key: 'team', Value: 'web' }, { Key: 'aws:autoscaling:groupName', Value: 's' }],
  }));
  assert.ok(has(plan, 'dropped', 'back-end authentication', /auth/));
  assert.ok(has(plan, 'dropped', 'tags', /aws:autoscaling/));
  assert.deepEqual(plan.balancers[0].tags.map((t) => t.Key), ['team', PLAN_TAG, SOURCE_TAG]);
  const hc = plan.balancers[0].targetGroups[0].healthCheck;
  assert.deepEqual([hc.HealthCheckProtocol, hc.HealthCheckPath], ['HTTP', '/']);
  assert.ok(has(plan, 'changed', 'health check', /TCP:8080/));
});

test('blockers: one subnet to an ALB (unless more are named), no VPC, no listeners, a name in use', () => {
  const one = source({ description: { Subnets: ['subnet-a'] } });
  assert.ok(has(makePlan(one), 'blocker', 'subnets'));
  assert.ok(!has(makePlan(one, { subnets: ['subnet-b'] }), 'blocker', 'subnets'));
  assert.ok(has(makePlan(source({ description: { VPCId: undefined } })), 'blocker', 'vpc'));
  assert.ok(has(makePlan(source({ description: { ListenerDescriptions: [] } })), 'blocker', 'listener'));
  // A name the person chose, taken: a blocker. A derived one is made unique instead.
  assert.ok(has(makePlan(source(), { name: 'web', taken: { balancers: ['web'], targetGroups: [] } }), 'blocker', 'name'));
  const derived = makePlan(source(), { taken: { balancers: ['web'], targetGroups: ['web-http-8080'] } });
  assert.ok(!has(derived, 'blocker', 'name'), JSON.stringify(derived.findings));
  assert.match(derived.balancers[0].name, /^web-[0-9a-z]{4}$/);
  assert.match(derived.balancers[0].targetGroups[0].name, /^web-[0-9a-z]{4}-http-8080$/);
  // The script of a blocked plan refuses to run.
  assert.match(planToCli(makePlan(one)), /exit 2/);
});

test('names never collide: a 29-32 character mixed balancer, blue/green pairs, within a plan and against what exists; stable', () => {
  const both = (name) => source({ description: { LoadBalancerName: name, ListenerDescriptions: [listener('HTTP', 80, 'HTTP', 8080), listener('TCP', 25, 'TCP', 25)] } });
  for (const n of ['prod-checkout-service-web-abcde', 'prod-checkout-service-web-abcdef', 'prod-checkout-service-web-abcdefg', 'prod-checkout-service-web-abcdefgh']) {
    const plan = makePlan(both(n), { id: 'p' });
    const names = plan.balancers.map((b) => b.name);
    assert.equal(new Set(names).size, 2, `${n}: ${names}`);
    const groups = plan.balancers.flatMap((b) => b.targetGroups.map((t) => t.name));
    assert.equal(new Set(groups).size, groups.length, `${n}: ${groups}`);
    for (const x of [...names, ...groups]) assert.match(x, /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/);
    assert.deepEqual(makePlan(both(n), { id: 'p' }).balancers.map((b) => b.name), names, 'the same source gives the same names');
  }
  // Blue and green, planned apart, without seeing each other: their cut target group names differ.
  const blue = makePlan(both('prod-checkout-service-web-blue'), { id: 'b' });
  const green = makePlan(both('prod-checkout-service-web-green'), { id: 'g' });
  const tgNames = (p) => p.balancers.flatMap((b) => b.targetGroups.map((t) => t.name));
  assert.equal(new Set([...tgNames(blue), ...tgNames(green)]).size, tgNames(blue).length + tgNames(green).length, `${tgNames(blue)} ${tgNames(green)}`);
  // And when green's names are taken by blue's resources, still unique.
  const seen = makePlan(both('prod-checkout-service-web-green'), { id: 'g', taken: { balancers: blue.balancers.map((b) => b.name), targetGroups: tgNames(blue) } });
  assert.ok(!has(seen, 'blocker'), JSON.stringify(seen.findings));
});

test('owners (CloudFormation, Elastic Beanstalk, Kubernetes) block unless allowed, and their tags are never copied; too many tags block', () => {
  for (const [key, owner] of [['aws:cloudformation:stack-name', 'CloudFormation'], ['elasticbeanstalk:environment-name', 'Elastic Beanstalk'], ['kubernetes.io/cluster/prod', 'Kubernetes'], ['kubernetes.io/service-name', 'Kubernetes']]) {
    const owned = source({ tags: [{ Key: key, Value: 'x' }, { Key: 'team', Value: 'web' }] });
    const plan = makePlan(owned);
    assert.ok(has(plan, 'blocker', 'owner', new RegExp(`${owner} made this balancer`)), key);
    assert.ok(!plan.balancers[0].tags.some((t) => t.Key === key), `${key} copied`);
    const allowed = makePlan(owned, { allowOwned: true });
    assert.ok(!has(allowed, 'blocker') && has(allowed, 'changed', 'owner'), key);
  }
  const many = source({ tags: Array.from({ length: 49 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) });
  assert.ok(has(makePlan(many), 'blocker', 'tags', /49 tags and the plan's own 2 exceed ELBv2's 50/));
  assert.ok(!has(makePlan(source({ tags: Array.from({ length: 48 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) })), 'blocker', 'tags'));
});

test('TLS clients: a Classic policy that let TLS 1.0/1.1 in, replaced by the default, is said; a kept reference or a TLS 1.2 policy is not', () => {
  const https = (policies, names = ['tls']) => source({
    description: { ListenerDescriptions: [listener('HTTPS', 443, 'HTTP', 8080, { listener: { SSLCertificateId: CERT }, policies: names })] },
    policies,
  });
  const custom = (protocols) => [{ PolicyName: 'tls', PolicyTypeName: 'SSLNegotiationPolicyType', PolicyAttributeDescriptions: Object.entries(protocols).map(([k, v]) => ({ AttributeName: k, AttributeValue: v })) }];
  assert.ok(has(makePlan(https(custom({ 'Protocol-TLSv1': 'true', 'Protocol-TLSv1.2': 'true' }))), 'note', 'TLS clients', /clients on TLS 1.0\/1.1 \(or SSLv3\) will be refused/));
  assert.ok(!has(makePlan(https(custom({ 'Protocol-TLSv1': 'false', 'Protocol-TLSv1.2': 'true' }))), 'note', 'TLS clients'));
  const reference = (name) => [{ PolicyName: 'tls', PolicyTypeName: 'SSLNegotiationPolicyType', PolicyAttributeDescriptions: [{ AttributeName: 'Reference-Security-Policy', AttributeValue: name }] }];
  // Kept as it is (ELBv2 has it): the same clients get in.
  assert.ok(!has(makePlan(https(reference('ELBSecurityPolicy-2016-08'))), 'note', 'TLS clients'));
  // Not on ELBv2, and it allowed TLS 1.0: said.
  assert.ok(has(makePlan(https(reference('ELBSecurityPolicy-2015-05'))), 'note', 'TLS clients'));
  assert.ok(!has(makePlan(https(reference('ELBSecurityPolicy-TLS-1-2-2017-01-x'))), 'note', 'TLS clients'));
  // None read: ELB's default allowed TLS 1.0.
  assert.ok(has(makePlan(https([], [])), 'note', 'TLS clients', /was not read/));
});

test('an NLB with instance targets says the old instance families were not checked', () => {
  const tcp = makePlan(source({ description: { ListenerDescriptions: [listener('TCP', 25, 'TCP', 25)], HealthCheck: { Target: 'TCP:25', Interval: 10, Timeout: 5, UnhealthyThreshold: 2, HealthyThreshold: 2 } } }));
  assert.ok(has(tcp, 'note', 'instances', /not checked: .*M1, M2, M3, T1 cannot be web's targets by id/));
  assert.ok(!has(makePlan(source()), 'note', 'instances', /not checked/), 'an ALB takes any family');
});

test('a blocked plan with no balancer prints no follow-ups (no "move to , with new metric names")', () => {
  const none = makePlan(source({ description: { ListenerDescriptions: [] } }));
  assert.deepEqual(none.followUps, []);
  assert.doesNotMatch(planToCli(none), /move to ,/);
});

test('names: ELBv2 rules (≤ 32, letters, digits, hyphens, no double or edge hyphen); a plan survives JSON', () => {
  const plan = makePlan(source({ description: { LoadBalancerName: 'a-very-long-classic-balancer-name-x' } }), { id: 'p' });
  for (const n of [plan.balancers[0].name, plan.balancers[0].targetGroups[0].name]) {
    assert.match(n, /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/);
    assert.ok(!n.includes('--'), n);
  }
  const copy = JSON.parse(JSON.stringify(withCli(plan)));
  assert.deepEqual(copy, JSON.parse(JSON.stringify(plan)));
  assert.equal(planToCli(copy), withCli(plan).toCli());
});

test('toCli: every step as an aws elbv2 command, ARNs in variables, waits, arguments passed through', () => {
  const script = planToCli(makePlan(source(), { id: 'p1' }));
  assert.match(script, /^#!\/usr\/bin\/env bash/);
  assert.match(script, /elbv2\(\) \{ aws elbv2 "\$@" \$\{EXTRA\[@\]\+"\$\{EXTRA\[@\]\}"\}; \}/);
  // Found first (by name, and the plan's tag), made only when missing.
  assert.match(script, /TG_ALB_HTTP_8080=\$\(elbv2 describe-target-groups --names 'web-http-8080' --query 'TargetGroups\[0\]\.TargetGroupArn' --output text 2>\/dev\/null \|\| true\)\nif ! ours "\$TG_ALB_HTTP_8080"; then/);
  assert.match(script, /\n {2}TG_ALB_HTTP_8080=\$\(elbv2 create-target-group --name 'web-http-8080' --protocol 'HTTP' --port '8080'/);
  assert.match(script, /LISTENER_ALB_80=\$\(elbv2 describe-listeners --load-balancer-arn "\$LB_ALB" --query 'Listeners\[\?Port==`80`\]\.ListenerArn \| \[0\]' --output text\)/);
  assert.match(script, /^PLAN_ID='p1'$/m);
  assert.match(script, /--query 'TargetGroups\[0\]\.TargetGroupArn' --output text\)/);
  assert.match(script, /elbv2 wait load-balancer-available --load-balancer-arns "\$LB_ALB"/);
  assert.match(script, /--default-actions '\[\{"Type":"forward","TargetGroupArn":"'"\$TG_ALB_HTTP_8080"'"\}\]'/);
  assert.match(script, /--subnets 'subnet-a' 'subnet-b'/);
});

test('no health check read (moto): ELB\'s default TCP check, said as a note', () => {
  const plan = makePlan(source({ description: { HealthCheck: undefined } }));
  assert.ok(has(plan, 'note', 'health check', /TCP:8080/));
  const hc = plan.balancers[0].targetGroups[0].healthCheck;
  assert.deepEqual([hc.HealthCheckProtocol, hc.HealthCheckPath, hc.HealthCheckIntervalSeconds], ['HTTP', '/', 30]);
  assert.ok(!plan.findings.some((f) => f.severity === 'blocker'));
});

test('every Classic setting is accounted for: carried over, changed or dropped', () => {
  const plan = makePlan(source({
    description: { ListenerDescriptions: [listener('HTTP', 80, 'HTTP', 8080, { policies: ['s'] })], Policies: { AppCookieStickinessPolicies: [], LBCookieStickinessPolicies: [{ PolicyName: 's', CookieExpirationPeriod: 600 }], OtherPolicies: [] } },
    attributes: { AccessLog: { Enabled: true, S3BucketName: 'logs', S3BucketPrefix: 'web', EmitInterval: 60 }, AdditionalAttributes: [{ Key: 'elb.http.desyncmitigationmode', Value: 'defensive' }] },
    tags: [{ Key: 'team', Value: 'web' }],
  }));
  const said = new Set(plan.findings.map((f) => f.feature));
  for (const feature of ['listener', 'health check', 'stickiness', 'connection draining', 'idle timeout', 'cross-zone', 'access logs', 'desync mitigation', 'tags', 'instances', 'network']) {
    assert.ok(said.has(feature), `${feature} not accounted for: ${JSON.stringify(plan.findings)}`);
  }
  assert.ok(has(plan, 'note', 'listener', /carried over: HTTP:80 → HTTP:80 on web, forwarding to web-http-8080-s1/));
  assert.ok(has(plan, 'note', 'health check', /carried over: HTTP:8080\/health every 10 s/));
  assert.ok(has(plan, 'note', 'instances', /2 instance\(s\)/));
  assert.ok(has(makePlan(source(), { registerTargets: false }), 'note', 'instances', /not registered/));
});

test('a tampered plan is refused before anything is sent (InvalidPlan naming the step)', async () => {
  const { applyMigration } = await import('elb-wasm/migrate');
  const { ElbV2Client } = await import('elb-wasm/v2');
  let sent = 0;
  const v2 = new ElbV2Client({
    region: 'us-east-1', credentials: { accessKeyId: 'AKIDPLAN', secretAccessKey: 'plan-secret' },
    fetch: async () => { sent++; throw new Error('nothing may be sent'); },
  });
  const good = () => JSON.parse(JSON.stringify(makePlan(source({ description: { ListenerDescriptions: [listener('HTTP', 80, 'HTTP', 8080), listener('TCP', 25, 'TCP', 25)] } }), { id: 'web-0123456789ab' })));
  const FOREIGN = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/prod/50dc6c495c0c9188';
  const at = (plan, action) => plan.steps.findIndex((s) => s.action === action);
  const cases = [
    ['an empty list', () => [], /not a migration plan/],
    ['null', () => null, /not a migration plan/],
    ['no steps', () => ({ ...good(), steps: [] }), /no steps/],
    ['a step that is not one', () => { const p = good(); p.steps[1] = 'x'; return p; }, /step 2: not a step/],
    ['a delete', () => { const p = good(); p.steps.push({ action: 'DeleteLoadBalancer', input: { LoadBalancerArn: FOREIGN } }); return p; }, /"DeleteLoadBalancer" is not an action/],
    ['an unknown action', () => { const p = good(); p.steps[0].action = 'SetSecurityGroups'; return p; }, /step 1 \(SetSecurityGroups\).*not an action/],
    ['an inherited name', () => { const p = good(); p.steps[0].action = 'constructor'; return p; }, /not an action/],
    ['a foreign ARN', () => { const p = good(); p.steps[at(p, 'ModifyLoadBalancerAttributes')].input.LoadBalancerArn = FOREIGN; return p; }, /names a resource the plan does not create/],
    ['an ARN built around a placeholder', () => { const p = good(); const s = p.steps[at(p, 'CreateListener')]; s.input.LoadBalancerArn = `${s.input.LoadBalancerArn}x`; return p; }, /does not create/],
    ['a placeholder nothing makes', () => { const p = good(); p.steps[at(p, 'CreateListener')].input.DefaultActions[0].TargetGroupArn = '{{tg:elsewhere}}'; return p; }, /refers to tg:elsewhere, which no earlier step creates/],
    ['a placeholder used before it is made', () => { const p = good(); const i = at(p, 'CreateLoadBalancer'); p.steps.splice(i - 1, 0, p.steps.splice(at(p, 'WaitLoadBalancerAvailable'), 1)[0]); return p; }, /which no earlier step creates/],
    ['a name ELBv2 refuses', () => { const p = good(); p.steps[0].input.Name = 'web_tg'; return p; }, /"web_tg" is not a name ELBv2 accepts/],
    ['an internal- balancer name', () => { const p = good(); p.steps[at(p, 'CreateLoadBalancer')].input.Name = 'internal-web'; return p; }, /not internal-/],
    ['no plan tag', () => { const p = good(); p.steps[0].input.Tags = []; return p; }, /would not carry elb-wasm:migration=web-0123456789ab/],
    ['a reference made twice', () => { const p = good(); const s = p.steps[at(p, 'CreateLoadBalancer')]; s.ref = p.steps[0].ref; return p; }, /is created twice/],
    ['an input the model refuses', () => { const p = good(); p.steps[at(p, 'CreateListener')].input.Port = 70000; return p; }, /Port/],
    ['a member the model lacks', () => { const p = good(); p.steps[0].input.DeleteEverything = true; return p; }, /DeleteEverything/],
    ['a version from elsewhere', () => ({ ...good(), version: 2 }), /version/],
  ];
  for (const [what, make, message] of cases) {
    await assert.rejects(applyMigration(make(), { v2 }), (e) => {
      assert.equal(e.code, 'InvalidPlan', `${what}: ${e.code} ${e.message}`);
      assert.match(e.message, message, what);
      return true;
    });
  }
  assert.equal(sent, 0, 'nothing was sent');
  // The planner's own plan passes the check (and then sends: the first describe fails here).
  await assert.rejects(applyMigration(good(), { v2 }), (e) => e.code !== 'InvalidPlan');
  assert.ok(sent > 0);
});
