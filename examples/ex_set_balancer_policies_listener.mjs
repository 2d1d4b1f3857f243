// Tutorial step 6, continued: a duration-based sticky-session policy on the port 80 listener. The
// tutorial sets "MyDurationStickyPolicy" without creating it; it is created here first. An empty
// list disables the listener's policies.
import { ElbDriver } from 'elb-wasm';
import { connection, show } from './_tutorial.mjs';

const driver = new ElbDriver(connection());

await driver.exCreateBalancerPolicy('MyLB', 'MyDurationStickyPolicy', 'LBCookieStickinessPolicyType', { CookieExpirationPeriod: 60 });
show(await driver.exSetBalancerPoliciesListener('MyLB', 80, ['MyDurationStickyPolicy']));
