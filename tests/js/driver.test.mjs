// ElbDriver (libcloud's ELB driver in JS): every method against moto (SigV4 on), each effect read
// back through ElbClient; what moto lacks (DescribeLoadBalancerPolicyTypes) and what moto cannot
// produce (unhealthy instances, a second page) through an injected fetch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { ElbClient, ElbDriver, ElbError, LoadBalancer, Member, State, Algorithm } from 'elb-wasm';
import { endpoint, credentials, region, recordedFetch, vectorsDir } from './env.mjs';
import { query, all } from './aws-query.mjs';

const sent = [];
const recording = (url, init) => {
  sent.push(new URLSearchParams(init.body));
  return fetch(url, init);
};
const driver = new ElbDriver({ key: credentials.accessKeyId, secret: credentials.secretAccessKey, region, endpoint, fetch: recording });
const elb = new ElbClient({ region, endpoint, credentials });
const ec2 = (params) => query({ endpoint, region, credentials }, 'ec2', '2016-11-15', params);
const lastSent = () => Object.fromEntries(sent.at(-1));
const describe = async (name) => (await elb.describeLoadBalancers({ LoadBalancerNames: [name] })).LoadBalancerDescriptions[0];
const rejection = (promise) => promise.then(() => assert.fail('must reject'), (e) => e);

test('ElbDriver against moto: every method, each effect read back', async (t) => {
  const instances = all(await ec2({ Action: 'RunInstances', ImageId: 'ami-12c6146b', MinCount: '3', MaxCount: '3' }), 'instanceId');
  assert.equal(instances.length, 3);
  const name = 'driver-lb';
  let balancer;

  await t.test('listProtocols', () => {
    assert.deepEqual(driver.listProtocols(), ['tcp', 'ssl', 'http', 'https']);
  });

  await t.test('createBalancer registers its members and uses the zones given', async () => {
    const members = [new Member(instances[0], '10.0.0.1', 8080), new Member(instances[1], '10.0.0.2', 8080)];
    balancer = await driver.createBalancer(name, 80, 'http', Algorithm.ROUND_ROBIN, members, {
      instancePort: 8080,
      availabilityZones: ['us-east-1b', 'us-east-1c'],
    });
    assert.ok(balancer instanceof LoadBalancer);
    assert.equal(balancer.id, name);
    assert.equal(balancer.name, name);
    assert.equal(balancer.state, State.PENDING);
    assert.equal(balancer.port, 80);
    assert.match(balancer.ip, /elb\.amazonaws\.com$/);
    assert.equal(String(balancer), `<LoadBalancer: id=${name}, name=${name}, state=1>`);
    assert.deepEqual(balancer.members.map((m) => [m.id, m.port]), [[instances[0], 8080], [instances[1], 8080]]);
    const lb = await describe(name);
    assert.deepEqual(lb.AvailabilityZones.sort(), ['us-east-1b', 'us-east-1c']);
    assert.deepEqual(lb.Instances.map((i) => i.InstanceId).sort(), [instances[0], instances[1]].sort());
    assert.deepEqual(lb.ListenerDescriptions.map((d) => [d.Listener.Protocol, d.Listener.LoadBalancerPort, d.Listener.InstancePort]), [['HTTP', 80, 8080]]);
  });

  await t.test('getBalancer and listBalancers: port from the first listener, state from instance health', async () => {
    const got = await driver.getBalancer(name);
    assert.equal(got.port, 80);
    // moto reports its running instances InService.
    assert.equal(got.state, State.RUNNING);
    assert.equal(got.ip, balancer.ip);
    assert.deepEqual(got.extra.instances.sort(), [instances[0], instances[1]].sort());
    assert.ok(got.extra.createdTime instanceof Date);
    const listed = await driver.listBalancers();
    assert.ok(listed.some((b) => b.id === name && b.state === State.RUNNING && b.port === 80));
    assert.ok(listed.every((b) => b instanceof LoadBalancer && b.driver === driver));
  });

  await t.test('listBalancers/getBalancer with fetchTags', async () => {
    await elb.addTags({ LoadBalancerNames: [name], Tags: [{ Key: 'team', Value: 'web' }] });
    assert.deepEqual((await driver.getBalancer(name, { fetchTags: true })).extra.tags, { team: 'web' });
    const listed = await driver.listBalancers({ fetchTags: true });
    assert.deepEqual(listed.find((b) => b.id === name).extra.tags, { team: 'web' });
  });

  await t.test('balancerAttachMember, balancerAttachComputeNode, balancerListMembers, balancerDetachMember', async () => {
    const m = await driver.balancerAttachMember(balancer, new Member(instances[2], null, null));
    assert.ok(m instanceof Member);
    assert.equal(m.id, instances[2]);
    assert.equal(m.port, 8080);
    assert.ok((await describe(name)).Instances.some((i) => i.InstanceId === instances[2]));
    assert.equal(await driver.balancerDetachMember(balancer, m), true);
    assert.ok(!(await describe(name)).Instances.some((i) => i.InstanceId === instances[2]));
    const node = await balancer.attachComputeNode({ id: instances[2], public_ips: ['203.0.113.9'] });
    assert.equal(node.ip, '203.0.113.9');
    const members = await balancer.listMembers();
    assert.deepEqual(members.map((x) => x.id).sort(), [...instances].sort());
    assert.ok(members.every((x) => x.port === 8080 && x.balancer === balancer && x.extra.state === 'InService'));
    assert.equal(await balancer.detachMember(node), true);
    assert.equal((await driver.balancerListMembers(name)).length, 2);
  });

  await t.test('exCreateBalancerPolicy sends its attributes; exListBalancerPolicies; exDeleteBalancerPolicy', async () => {
    assert.equal(await driver.exCreateBalancerPolicy(name, 'EnableProxyProtocol', 'ProxyProtocolPolicyType', { ProxyProtocol: true }), true);
    const body = lastSent();
    assert.equal(body.Action, 'CreateLoadBalancerPolicy');
    assert.equal(body['PolicyAttributes.member.1.AttributeName'], 'ProxyProtocol');
    assert.equal(body['PolicyAttributes.member.1.AttributeValue'], 'true');
    const read = await elb.describeLoadBalancerPolicies({ LoadBalancerName: name, PolicyNames: ['EnableProxyProtocol'] });
    assert.deepEqual(read.PolicyDescriptions[0].PolicyAttributeDescriptions, [{ AttributeName: 'ProxyProtocol', AttributeValue: 'true' }]);
    // Pairs work too, as in libcloud's docstring.
    assert.equal(await driver.exCreateBalancerPolicy(name, 'MyDurationStickyPolicy', 'LBCookieStickinessPolicyType', [['CookieExpirationPeriod', 60]]), true);
    assert.deepEqual((await driver.exListBalancerPolicies(balancer)).sort(), ['EnableProxyProtocol', 'MyDurationStickyPolicy']);
    assert.equal(await driver.exDeleteBalancerPolicy(name, 'EnableProxyProtocol'), true);
    assert.deepEqual(await driver.exListBalancerPolicies(name), ['MyDurationStickyPolicy']);
  });

  await t.test('exSetBalancerPoliciesListener and exSetBalancerPoliciesBackendServer; [] disables', async () => {
    assert.equal(await driver.exSetBalancerPoliciesListener(name, 80, ['MyDurationStickyPolicy']), true);
    let lb = await describe(name);
    assert.deepEqual(lb.ListenerDescriptions.find((d) => d.Listener.LoadBalancerPort === 80).PolicyNames, ['MyDurationStickyPolicy']);
    await driver.exCreateBalancerPolicy(name, 'EnableProxyProtocol', 'ProxyProtocolPolicyType', { ProxyProtocol: 'true' });
    assert.equal(await driver.exSetBalancerPoliciesBackendServer(name, 8080, ['EnableProxyProtocol']), true);
    lb = await describe(name);
    assert.deepEqual(lb.BackendServerDescriptions, [{ InstancePort: 8080, PolicyNames: ['EnableProxyProtocol'] }]);
    assert.equal(await driver.exSetBalancerPoliciesListener(name, 80, []), true);
    assert.equal(lastSent().PolicyNames, '', 'an empty list is sent as PolicyNames=');
    lb = await describe(name);
    assert.deepEqual(lb.ListenerDescriptions.find((d) => d.Listener.LoadBalancerPort === 80).PolicyNames, []);
  });

  await t.test('exCreateBalancerListeners really creates them (libcloud returns False, sends nothing)', async () => {
    const arn = 'arn:aws:iam::123456789012:server-certificate/servercert';
    assert.equal(await driver.exCreateBalancerListeners(name, [[1024, 65533, 'https', arn], { Protocol: 'tcp', LoadBalancerPort: 2000, InstancePort: 2001 }]), true);
    const body = lastSent();
    assert.equal(body.Action, 'CreateLoadBalancerListeners');
    assert.equal(body['Listeners.member.1.SSLCertificateId'], arn);
    assert.equal(body['Listeners.member.1.Protocol'], 'HTTPS');
    const lb = await describe(name);
    const byPort = Object.fromEntries(lb.ListenerDescriptions.map((d) => [d.Listener.LoadBalancerPort, d.Listener]));
    assert.equal(byPort[1024].InstancePort, 65533);
    assert.equal(byPort[1024].SSLCertificateId, arn);
    assert.equal(byPort[2000].Protocol, 'TCP');
  });

  await t.test('createBalancer with subnets sends no zone; with neither, "<region>a"', async () => {
    const vpc = all(await ec2({ Action: 'CreateVpc', CidrBlock: '10.8.0.0/16' }), 'vpcId')[0];
    const subnet = all(await ec2({ Action: 'CreateSubnet', VpcId: vpc, CidrBlock: '10.8.1.0/24', AvailabilityZone: 'us-east-1a' }), 'subnetId')[0];
    const inVpc = await driver.createBalancer('driver-vpc', 443, 'tcp', null, [], { subnets: [subnet] });
    assert.ok(!Object.keys(lastSent()).some((k) => k.startsWith('AvailabilityZones')));
    assert.deepEqual((await describe('driver-vpc')).Subnets, [subnet]);
    assert.equal(inVpc.state, State.PENDING);
    await driver.createBalancer('driver-default', 80, 'http', Algorithm.ROUND_ROBIN, []);
    assert.equal(lastSent()['AvailabilityZones.member.1'], 'us-east-1a');
    const empty = await driver.getBalancer('driver-default');
    assert.equal(empty.state, State.PENDING, 'no instances: nothing to route to yet');
    assert.equal(await driver.destroyBalancer('driver-vpc'), true);
    assert.equal(await empty.destroy(), true);
  });

  await t.test('destroyBalancer: true, state DELETED, then LoadBalancerNotFound', async () => {
    assert.equal(await driver.destroyBalancer(balancer), true);
    assert.equal(balancer.state, State.DELETED);
    const e = await rejection(driver.getBalancer(name));
    assert.ok(e instanceof ElbError);
    assert.equal(e.code, 'LoadBalancerNotFound');
    assert.equal(e.statusCode, 400);
  });
});

test('ElbDriver: bad input is refused before anything is sent', async () => {
  const { fetch, calls } = recordedFetch(200, '<CreateLoadBalancerResponse/>');
  const d = new ElbDriver({ key: 'AKID', secret: 'secret', region, endpoint: 'http://127.0.0.1:9', fetch });
  // libcloud's tutorial gives members by address only: ELB cannot register those.
  let e = await rejection(d.createBalancer('x', 80, 'http', Algorithm.ROUND_ROBIN, [new Member(null, '192.168.88.1', 8000)]));
  assert.equal(e.code, 'InvalidInput');
  assert.equal(e.field, 'members[0].id');
  assert.match(e.message, /192\.168\.88\.1:8000.*instance id/);
  e = await rejection(d.createBalancer('x', 80, 'http', 99, []));
  assert.equal(e.field, 'algorithm');
  e = await rejection(d.exCreateBalancerListeners('x', [[80, 'http']]));
  assert.equal(e.field, 'listeners[0]');
  e = await rejection(d.exCreateBalancerListeners('x', []));
  assert.equal(e.field, 'listeners');
  e = await rejection(d.exCreateBalancerPolicy('x', 'p', 'ProxyProtocolPolicyType', [['only-a-name']]));
  assert.equal(e.field, 'policyAttributes[0]');
  e = await rejection(d.exSetBalancerPoliciesListener('x', 'eighty', []));
  assert.equal(e.code, 'InvalidInput');
  e = await rejection(d.balancerAttachComputeNode('x', { public_ips: ['203.0.113.1'] }));
  assert.equal(e.field, 'node.id');
  e = await rejection(d.destroyBalancer(null));
  assert.equal(e.field, 'balancer');
  assert.equal(calls.length, 0);
});

test('ElbDriver: exListBalancerPolicyTypes (moto lacks it) on libcloud\'s recorded reply', async (t) => {
  const dir = vectorsDir('elb-xml/libcloud');
  const { fetch, calls } = recordedFetch(200, readFileSync(join(dir, 'describe_load_balancers_policy_types.xml'), 'utf8'));
  const d = new ElbDriver({ key: 'AKID', secret: 'secret', region, fetch });
  const types = await d.exListBalancerPolicyTypes();
  assert.ok(types.length > 0 && types.every((x) => typeof x === 'string'));
  assert.ok(types.includes('ProxyProtocolPolicyType'), String(types));
  assert.equal(new URLSearchParams(calls[0].init.body).get('Action'), 'DescribeLoadBalancerPolicyTypes');
  assert.equal(calls[0].url, 'https://elasticloadbalancing.us-east-1.amazonaws.com/');
});

test('ElbDriver: state from health, pages followed, what a printed driver shows', async () => {
  const lb = (name, ids) => `<member><LoadBalancerName>${name}</LoadBalancerName><DNSName>${name}.elb</DNSName>
    <ListenerDescriptions><member><Listener><Protocol>HTTP</Protocol><LoadBalancerPort>8000</LoadBalancerPort><InstancePort>80</InstancePort></Listener><PolicyNames/></member></ListenerDescriptions>
    <Instances>${ids.map((i) => `<member><InstanceId>${i}</InstanceId></member>`).join('')}</Instances></member>`;
  const pages = [
    `<DescribeLoadBalancersResponse><DescribeLoadBalancersResult><LoadBalancerDescriptions>${lb('failing', ['i-1'])}${lb('joining', ['i-2'])}</LoadBalancerDescriptions><NextMarker>m2</NextMarker></DescribeLoadBalancersResult></DescribeLoadBalancersResponse>`,
    `<DescribeLoadBalancersResponse><DescribeLoadBalancersResult><LoadBalancerDescriptions>${lb('serving', ['i-3', 'i-4'])}</LoadBalancerDescriptions></DescribeLoadBalancersResult></DescribeLoadBalancersResponse>`,
  ];
  const health = {
    failing: [['i-1', 'OutOfService', 'Instance']],
    joining: [['i-2', 'OutOfService', 'ELB']],
    serving: [['i-3', 'OutOfService', 'Instance'], ['i-4', 'InService', 'N/A']],
  };
  const markers = [];
  const fetch = async (url, init) => {
    const p = new URLSearchParams(init.body);
    if (p.get('Action') === 'DescribeLoadBalancers') {
      markers.push(p.get('Marker'));
      return new Response(pages[markers.length - 1]);
    }
    const states = health[p.get('LoadBalancerName')].map(([id, s, r]) => `<member><InstanceId>${id}</InstanceId><State>${s}</State><ReasonCode>${r}</ReasonCode></member>`);
    return new Response(`<DescribeInstanceHealthResponse><DescribeInstanceHealthResult><InstanceStates>${states.join('')}</InstanceStates></DescribeInstanceHealthResult></DescribeInstanceHealthResponse>`);
  };
  const d = new ElbDriver({ key: 'AKIDEXAMPLE', secret: 'do-not-print-me', region, fetch });
  const balancers = await d.listBalancers();
  assert.deepEqual(markers, [null, 'm2']);
  assert.deepEqual(balancers.map((b) => [b.name, b.state, b.port]), [['failing', State.ERROR, 8000], ['joining', State.PENDING, 8000], ['serving', State.RUNNING, 8000]]);
  assert.equal(inspect(balancers), '[\n  <LoadBalancer: id=failing, name=failing, state=3>,\n  <LoadBalancer: id=joining, name=joining, state=1>,\n  <LoadBalancer: id=serving, name=serving, state=0>\n]');
  for (const shown of [JSON.stringify(d), inspect(d), JSON.stringify(balancers), inspect(balancers[0])]) {
    assert.ok(!shown.includes('do-not-print-me'), shown);
  }
  assert.equal(String(new Member('i-9', '10.0.0.9', 80)), '<Member: id=i-9, address=10.0.0.9:80>');
});

test('ElbDriver: libcloud positional constructor and a session token', async () => {
  const { fetch, calls } = recordedFetch(200, '<DescribeLoadBalancersResponse><DescribeLoadBalancersResult><LoadBalancerDescriptions/></DescribeLoadBalancersResult></DescribeLoadBalancersResponse>');
  const d = new ElbDriver({ key: 'AKID', secret: 's', region: 'eu-west-1', token: 'TOKEN', fetch });
  assert.deepEqual(await d.listBalancers(), []);
  assert.equal(calls[0].url, 'https://elasticloadbalancing.eu-west-1.amazonaws.com/');
  assert.equal(new Headers(calls[0].init.headers).get('x-amz-security-token'), 'TOKEN');
  const positional = new ElbDriver('AKID', 's', 'ap-south-1');
  assert.equal(positional.region, 'ap-south-1');
  assert.equal(positional.toJSON().endpoint, 'https://elasticloadbalancing.ap-south-1.amazonaws.com/');
  assert.throws(() => new ElbDriver({ key: 'AKID', secret: 's' }), (e) => e instanceof ElbError && e.code === 'InvalidInput');
});
