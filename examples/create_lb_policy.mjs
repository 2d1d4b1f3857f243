// Tutorial step 4: a proxy-protocol policy on MyLB, its attribute really sent (libcloud's stray
// spaces in the parameter names lose it).
import { ElbDriver } from 'elb-wasm';
import { connection, show } from './_tutorial.mjs';

const driver = new ElbDriver(connection());

show(await driver.listBalancers());

// create load balancer policy
show(await driver.exCreateBalancerPolicy('MyLB', 'EnableProxyProtocol', 'ProxyProtocolPolicyType', { ProxyProtocol: 'true' }));
