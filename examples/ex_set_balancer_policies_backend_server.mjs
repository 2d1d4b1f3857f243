// Tutorial step 5: policies on the back-end port 80. libcloud's tutorial sets "MyDurationStickyPolicy",
// which it never creates, on a back-end port, which takes no stickiness policy (AWS answers
// InvalidConfigurationRequest). Proxy protocol is what a back-end port takes, so that is set here.
// An empty list disables the port's policies.
import { ElbDriver } from 'elb-wasm';
import { connection, show } from './_tutorial.mjs';

const driver = new ElbDriver(connection());

show(await driver.listBalancers());

await driver.exCreateBalancerPolicy('MyLB', 'EnableProxyProtocol', 'ProxyProtocolPolicyType', { ProxyProtocol: 'true' });
show(await driver.exSetBalancerPoliciesBackendServer('MyLB', 80, ['EnableProxyProtocol']));
