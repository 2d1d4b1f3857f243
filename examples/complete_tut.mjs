// The whole tutorial in one program, every step doing what the tutorial says it does, then the
// balancer is deleted again. Uses its own name (MyTutLB) so it can run beside the step examples.
import { ElbDriver, Member, Algorithm } from 'elb-wasm';
import { connection, show, exampleInstances, certificateArn } from './_tutorial.mjs';

const name = 'MyTutLB';
const driver = new ElbDriver(connection());

show(await driver.listBalancers());

// members associated with the load balancer
const ids = await exampleInstances(2);
const members = ids.map((id, i) => new Member(id, `192.168.88.${i + 1}`, 80));
// creates a new balancer
const newBalancer = await driver.createBalancer(name, 80, 'http', Algorithm.ROUND_ROBIN, members);
show(newBalancer);

// create, list and delete a load balancer policy; list the policy types
show(await driver.exCreateBalancerPolicy(name, 'EnableProxyProtocol', 'ProxyProtocolPolicyType', { ProxyProtocol: 'true' }));
show(await driver.exListBalancerPolicies(newBalancer));
const types = await driver.exListBalancerPolicyTypes();
show(types.includes('ProxyProtocolPolicyType'));
show(await driver.exDeleteBalancerPolicy(name, 'EnableProxyProtocol'));

// set load balancer policies for the back-end server (proxy protocol: what a back-end port takes)
await driver.exCreateBalancerPolicy(name, 'EnableProxyProtocol', 'ProxyProtocolPolicyType', { ProxyProtocol: 'true' });
show(await driver.exSetBalancerPoliciesBackendServer(name, 80, ['EnableProxyProtocol']));

// create the listeners for the balancer
show(await driver.exCreateBalancerListeners(name, [[1024, 65533, 'HTTPS', certificateArn]]));

// set the listener's policies (a sticky-session policy, created first)
await driver.exCreateBalancerPolicy(name, 'MyDurationStickyPolicy', 'LBCookieStickinessPolicyType', { CookieExpirationPeriod: 60 });
show(await driver.exSetBalancerPoliciesListener(name, 80, ['MyDurationStickyPolicy']));

// what the balancer looks like now, then clean up
const balancer = await driver.getBalancer(name);
show(balancer.extra.listeners.map((l) => `${l.Protocol}:${l.LoadBalancerPort} -> ${l.InstancePort} [${l.PolicyNames.join(' ')}]`));
show(await driver.destroyBalancer(balancer));
