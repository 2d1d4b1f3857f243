// Tutorial: the policies of the first balancer.
import { ElbDriver } from 'elb-wasm';
import { connection, show } from './_tutorial.mjs';

const driver = new ElbDriver(connection());

const [balancer] = await driver.listBalancers();
const policies = await driver.exListBalancerPolicies(balancer);

show(balancer);
show(policies);
