// Every ELB action moto implements (27 of 29), through the installed package, against moto_server
// with SigV4 verification on; each write is checked by reading it back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ElbClient, ElbError, sign } from 'elb-wasm';
import { endpoint, credentials, region, actionRecorder } from './env.mjs';
import { query, all } from './aws-query.mjs';

// Every action sent through `elb` is recorded, so the test can prove which ones it exercised.
const recorder = actionRecorder();
const sentActions = recorder.sent;
const elb = new ElbClient({ region, endpoint, credentials, fetch: recorder.fetch });

const ec2 = (params) => query({ endpoint, region, credentials }, 'ec2', '2016-11-15', params);

async function describe(name) {
  const out = await elb.describeLoadBalancers({ LoadBalancerNames: [name] });
  assert.equal(out.LoadBalancerDescriptions.length, 1);
  return out.LoadBalancerDescriptions[0];
}

test('27 actions against moto, each read back', async (t) => {
  // EC2 resources the balancer uses: a VPC with two subnets, a security group, two instances.
  const vpc = all(await ec2({ Action: 'CreateVpc', CidrBlock: '10.9.0.0/16' }), 'vpcId')[0];
  const subnetA = all(await ec2({ Action: 'CreateSubnet', VpcId: vpc, CidrBlock: '10.9.1.0/24', AvailabilityZone: 'us-east-1a' }), 'subnetId')[0];
  const subnetB = all(await ec2({ Action: 'CreateSubnet', VpcId: vpc, CidrBlock: '10.9.2.0/24', AvailabilityZone: 'us-east-1b' }), 'subnetId')[0];
  const sg = all(await ec2({ Action: 'CreateSecurityGroup', GroupName: 'elb-test', GroupDescription: 'elb test', VpcId: vpc }), 'groupId')[0];
  const instances = all(
    await ec2({ Action: 'RunInstances', ImageId: 'ami-12c6146b', MinCount: '2', MaxCount: '2' }),
    'instanceId',
  );
  assert.equal(instances.length, 2);

  const name = 'elb-wasm-all';
  await t.test('createLoadBalancer (classic, zones) and describeLoadBalancers', async () => {
    const out = await elb.createLoadBalancer({
      LoadBalancerName: name,
      Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstancePort: 8080 }],
      AvailabilityZones: ['us-east-1a'],
      Tags: [{ Key: 'env', Value: 'test' }],
    });
    assert.match(out.DNSName, /elb-wasm-all/);
    assert.equal(out.$metadata.httpStatusCode, 200);
    assert.equal(out.$metadata.attempts, 1);
    assert.equal(typeof out.$metadata.requestId, 'string');
    const lb = await describe(name);
    assert.equal(lb.LoadBalancerName, name);
    assert.deepEqual(lb.AvailabilityZones, ['us-east-1a']);
    assert.ok(lb.CreatedTime instanceof Date && !Number.isNaN(lb.CreatedTime.getTime()));
    assert.deepEqual(lb.ListenerDescriptions[0].Listener, {
      Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 8080,
    });
    assert.deepEqual(lb.ListenerDescriptions[0].PolicyNames, []);
    assert.ok(!('VPCId' in lb) || typeof lb.VPCId === 'string');
  });

  await t.test('createLoadBalancerListeners / deleteLoadBalancerListeners', async () => {
    await elb.createLoadBalancerListeners({
      LoadBalancerName: name,
      Listeners: [{ Protocol: 'TCP', LoadBalancerPort: 443, InstancePort: 8443, InstanceProtocol: 'TCP' }],
    });
    let ports = (await describe(name)).ListenerDescriptions.map((l) => l.Listener.LoadBalancerPort).sort((a, b) => a - b);
    assert.deepEqual(ports, [80, 443]);
    await elb.deleteLoadBalancerListeners({ LoadBalancerName: name, LoadBalancerPorts: [443] });
    ports = (await describe(name)).ListenerDescriptions.map((l) => l.Listener.LoadBalancerPort);
    assert.deepEqual(ports, [80]);
  });

  await t.test('setLoadBalancerListenerSSLCertificate', async () => {
    const arn = 'arn:aws:iam::123456789012:server-certificate/elb-wasm';
    await elb.createLoadBalancerListeners({
      LoadBalancerName: name,
      Listeners: [{ Protocol: 'HTTPS', LoadBalancerPort: 8443, InstancePort: 8080, SSLCertificateId: arn }],
    });
    const arn2 = 'arn:aws:iam::123456789012:server-certificate/elb-wasm-2';
    await elb.setLoadBalancerListenerSSLCertificate({ LoadBalancerName: name, LoadBalancerPort: 8443, SSLCertificateId: arn2 });
    const l = (await describe(name)).ListenerDescriptions.find((d) => d.Listener.LoadBalancerPort === 8443);
    assert.equal(l.Listener.SSLCertificateId, arn2);
  });

  await t.test('configureHealthCheck', async () => {
    const hc = { Target: 'HTTP:8080/health', Interval: 30, Timeout: 5, UnhealthyThreshold: 2, HealthyThreshold: 3 };
    const out = await elb.configureHealthCheck({ LoadBalancerName: name, HealthCheck: hc });
    assert.deepEqual(out.HealthCheck, hc);
    assert.deepEqual((await describe(name)).HealthCheck, hc);
  });

  await t.test('register / describeInstanceHealth / deregister', async () => {
    const reg = await elb.registerInstancesWithLoadBalancer({
      LoadBalancerName: name,
      Instances: instances.map((InstanceId) => ({ InstanceId })),
    });
    // moto answers <Instances/> here (AWS lists the registered instances); read back instead.
    assert.ok(Array.isArray(reg.Instances));
    assert.deepEqual((await describe(name)).Instances.map((i) => i.InstanceId).sort(), [...instances].sort());
    const health = await elb.describeInstanceHealth({
      LoadBalancerName: name,
      Instances: instances.map((InstanceId) => ({ InstanceId })),
    });
    assert.deepEqual(health.InstanceStates.map((s) => s.InstanceId).sort(), [...instances].sort());
    for (const s of health.InstanceStates) assert.equal(typeof s.State, 'string');
    const dereg = await elb.deregisterInstancesFromLoadBalancer({
      LoadBalancerName: name,
      Instances: [{ InstanceId: instances[0] }],
    });
    assert.ok(Array.isArray(dereg.Instances));
    assert.deepEqual((await describe(name)).Instances.map((i) => i.InstanceId), [instances[1]]);
  });

  await t.test('availability zones: enable / disable', async () => {
    const en = await elb.enableAvailabilityZonesForLoadBalancer({ LoadBalancerName: name, AvailabilityZones: ['us-east-1b'] });
    assert.deepEqual([...en.AvailabilityZones].sort(), ['us-east-1a', 'us-east-1b']);
    const dis = await elb.disableAvailabilityZonesForLoadBalancer({ LoadBalancerName: name, AvailabilityZones: ['us-east-1a'] });
    assert.deepEqual(dis.AvailabilityZones, ['us-east-1b']);
    assert.deepEqual((await describe(name)).AvailabilityZones, ['us-east-1b']);
  });

  await t.test('attributes: modify / describe', async () => {
    const attrs = {
      CrossZoneLoadBalancing: { Enabled: true },
      ConnectionDraining: { Enabled: true, Timeout: 120 },
      ConnectionSettings: { IdleTimeout: 90 },
      AccessLog: { Enabled: false },
    };
    const out = await elb.modifyLoadBalancerAttributes({ LoadBalancerName: name, LoadBalancerAttributes: attrs });
    assert.equal(out.LoadBalancerName, name);
    const read = (await elb.describeLoadBalancerAttributes({ LoadBalancerName: name })).LoadBalancerAttributes;
    assert.equal(read.CrossZoneLoadBalancing.Enabled, true);
    assert.deepEqual(read.ConnectionDraining, { Enabled: true, Timeout: 120 });
    assert.equal(read.ConnectionSettings.IdleTimeout, 90);
    assert.equal(read.AccessLog.Enabled, false);
  });

  await t.test('policies: create three kinds, list, set on listener and backend, delete', async () => {
    await elb.createAppCookieStickinessPolicy({ LoadBalancerName: name, PolicyName: 'app-cookie', CookieName: 'sid' });
    await elb.createLBCookieStickinessPolicy({ LoadBalancerName: name, PolicyName: 'lb-cookie', CookieExpirationPeriod: 60 });
    await elb.createLoadBalancerPolicy({
      LoadBalancerName: name,
      PolicyName: 'proxy',
      PolicyTypeName: 'ProxyProtocolPolicyType',
      PolicyAttributes: [{ AttributeName: 'ProxyProtocol', AttributeValue: 'true' }],
    });
    const lb = await describe(name);
    assert.deepEqual(lb.Policies.AppCookieStickinessPolicies, [{ PolicyName: 'app-cookie', CookieName: 'sid' }]);
    assert.deepEqual(lb.Policies.LBCookieStickinessPolicies, [{ PolicyName: 'lb-cookie', CookieExpirationPeriod: 60 }]);
    assert.ok(lb.Policies.OtherPolicies.includes('proxy'));

    const listed = await elb.describeLoadBalancerPolicies({ LoadBalancerName: name, PolicyNames: ['proxy'] });
    assert.equal(listed.PolicyDescriptions[0].PolicyTypeName, 'ProxyProtocolPolicyType');
    assert.deepEqual(listed.PolicyDescriptions[0].PolicyAttributeDescriptions, [
      { AttributeName: 'ProxyProtocol', AttributeValue: 'true' },
    ]);

    await elb.setLoadBalancerPoliciesOfListener({ LoadBalancerName: name, LoadBalancerPort: 80, PolicyNames: ['lb-cookie'] });
    const listener = (await describe(name)).ListenerDescriptions.find((d) => d.Listener.LoadBalancerPort === 80);
    assert.deepEqual(listener.PolicyNames, ['lb-cookie']);

    await elb.setLoadBalancerPoliciesForBackendServer({ LoadBalancerName: name, InstancePort: 8080, PolicyNames: ['proxy'] });
    const backend = (await describe(name)).BackendServerDescriptions;
    assert.deepEqual(backend, [{ InstancePort: 8080, PolicyNames: ['proxy'] }]);

    await elb.deleteLoadBalancerPolicy({ LoadBalancerName: name, PolicyName: 'app-cookie' });
    assert.deepEqual((await describe(name)).Policies.AppCookieStickinessPolicies, []);
  });

  await t.test('tags: add / describe / remove', async () => {
    await elb.addTags({ LoadBalancerNames: [name], Tags: [{ Key: 'team', Value: 'edge' }] });
    let tags = (await elb.describeTags({ LoadBalancerNames: [name] })).TagDescriptions[0];
    assert.equal(tags.LoadBalancerName, name);
    assert.deepEqual(
      Object.fromEntries(tags.Tags.map((t) => [t.Key, t.Value])),
      { env: 'test', team: 'edge' },
    );
    await elb.removeTags({ LoadBalancerNames: [name], Tags: [{ Key: 'env' }] });
    tags = (await elb.describeTags({ LoadBalancerNames: [name] })).TagDescriptions[0];
    assert.deepEqual(tags.Tags, [{ Key: 'team', Value: 'edge' }]);
  });

  const vpcName = 'elb-wasm-vpc';
  await t.test('VPC balancer: subnets attach / detach, security groups', async () => {
    await elb.createLoadBalancer({
      LoadBalancerName: vpcName,
      Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstancePort: 80 }],
      Subnets: [subnetA],
      Scheme: 'internal',
    });
    const att = await elb.attachLoadBalancerToSubnets({ LoadBalancerName: vpcName, Subnets: [subnetB] });
    assert.deepEqual([...att.Subnets].sort(), [subnetA, subnetB].sort());
    assert.deepEqual([...(await describe(vpcName)).Subnets].sort(), [subnetA, subnetB].sort());
    const det = await elb.detachLoadBalancerFromSubnets({ LoadBalancerName: vpcName, Subnets: [subnetA] });
    assert.deepEqual(det.Subnets, [subnetB]);
    assert.deepEqual((await describe(vpcName)).Subnets, [subnetB]);

    const sgs = await elb.applySecurityGroupsToLoadBalancer({ LoadBalancerName: vpcName, SecurityGroups: [sg] });
    assert.deepEqual(sgs.SecurityGroups, [sg]);
    const lb = await describe(vpcName);
    assert.deepEqual(lb.SecurityGroups, [sg]);
    assert.equal(lb.VPCId, vpc);
    assert.equal(lb.Scheme, 'internal');
  });

  await t.test('paginateDescribeLoadBalancers follows NextMarker', async () => {
    const seen = [];
    let pages = 0;
    for await (const page of elb.paginateDescribeLoadBalancers({ PageSize: 1 })) {
      pages++;
      seen.push(...page.LoadBalancerDescriptions.map((d) => d.LoadBalancerName));
      assert.ok(pages < 50, 'bounded');
    }
    assert.ok(seen.includes(name) && seen.includes(vpcName), String(seen));
    assert.equal(new Set(seen).size, seen.length, 'no balancer twice');
    assert.ok(pages >= 2, `PageSize 1 over ${seen.length} balancers gave ${pages} page(s)`);
  });

  await t.test('deleteLoadBalancer, then it is gone', async () => {
    for (const n of [name, vpcName]) {
      await elb.deleteLoadBalancer({ LoadBalancerName: n });
      await assert.rejects(elb.describeLoadBalancers({ LoadBalancerNames: [n] }), (e) => e.code === 'LoadBalancerNotFound');
    }
  });

  await t.test('every action moto implements was sent: 29 minus the two it lacks', () => {
    const lacking = ['DescribeAccountLimits', 'DescribeLoadBalancerPolicyTypes'];
    assert.equal(sentActions.size, 27, [...sentActions].sort().join(' '));
    for (const a of lacking) assert.ok(!sentActions.has(a));
  });
});

test('unknown balancer: LoadBalancerNotFound as an ElbError', async () => {
  const err = await elb.describeLoadBalancers({ LoadBalancerNames: ['no-such-balancer'] }).then(
    () => assert.fail('must reject'),
    (e) => e,
  );
  assert.ok(err instanceof ElbError);
  assert.ok(err instanceof Error);
  assert.equal(err.name, 'ElbError');
  assert.equal(err.code, 'LoadBalancerNotFound');
  assert.equal(err.statusCode, 400);
  assert.equal(err.retryable, false);
  assert.equal(err.attempts, 1);
  assert.equal(typeof err.requestId, 'string');
  assert.match(err.message, /LoadBalancerNotFound/);
  assert.ok(typeof err.stack === 'string');
});

test('a wrong secret is SignatureDoesNotMatch; an unknown key InvalidClientTokenId', async () => {
  const wrong = new ElbClient({ region, endpoint, credentials: { ...credentials, secretAccessKey: 'not-the-secret' } });
  const e1 = await wrong.describeLoadBalancers().then(() => assert.fail('must reject'), (e) => e);
  assert.ok(e1 instanceof ElbError);
  assert.equal(e1.code, 'SignatureDoesNotMatch');
  assert.equal(e1.statusCode, 403);
  assert.ok(!e1.message.includes('not-the-secret'), 'the secret never appears in a message');

  const unknown = new ElbClient({ region, endpoint, credentials: { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x' } });
  const e2 = await unknown.describeLoadBalancers().then(() => assert.fail('must reject'), (e) => e);
  assert.equal(e2.code, 'InvalidClientTokenId');
  assert.equal(e2.statusCode, 403);
});

test('a credentials provider function is used', async () => {
  let calls = 0;
  const client = new ElbClient({ region, endpoint, credentials: async () => { calls++; return credentials; } });
  const out = await client.describeLoadBalancers();
  assert.ok(Array.isArray(out.LoadBalancerDescriptions));
  assert.ok(calls >= 1);
});

test('invalid input is refused before sending, with the member path', async () => {
  let sent = 0;
  const client = new ElbClient({ region, endpoint, credentials, fetch: async (...a) => { sent++; return fetch(...a); } });
  const cases = [
    [() => client.createLoadBalancer({ Listeners: [] }), 'LoadBalancerName'],
    [() => client.createLoadBalancer({ LoadBalancerName: 'x', Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstancePort: 65536 }] }), 'Listeners[0].InstancePort'],
    [() => client.describeLoadBalancers({ LoadBalancerNames: 'x' }), 'LoadBalancerNames'],
    [() => client.describeLoadBalancers({ LoadBalancerName: ['x'] }), 'LoadBalancerName'],
    [() => client.describeLoadBalancers({ PageSize: 401 }), 'PageSize'],
    [() => client.addTags({ LoadBalancerNames: ['x'], Tags: [{ Key: 'k'.repeat(129) }] }), 'Tags[0].Key'],
    [() => client.deleteLoadBalancer({ LoadBalancerName: null }), 'LoadBalancerName'],
  ];
  for (const [call, field] of cases) {
    const e = await call().then(() => assert.fail(`must reject: ${field}`), (e) => e);
    assert.ok(e instanceof ElbError, String(e));
    assert.equal(e.code, 'InvalidInput', e.message);
    assert.equal(e.field, field, e.message);
    assert.equal(e.attempts, 0);
    assert.ok(!('statusCode' in e));
  }
  assert.equal(sent, 0, 'nothing was sent');
});

test('JSON.stringify and util.inspect of a client show no secret', async () => {
  const { inspect } = await import('node:util');
  const text = JSON.stringify(elb) + inspect(elb, { showHidden: true, depth: 10 });
  assert.ok(!text.includes(credentials.secretAccessKey));
  assert.match(JSON.stringify(elb), /"region":"us-east-1"/);
});
