// Tutorial: delete the policy made in step 4.
import { ElbDriver } from 'elb-wasm';
import { connection, show } from './_tutorial.mjs';

const driver = new ElbDriver(connection());

show(await driver.exDeleteBalancerPolicy('MyLB', 'EnableProxyProtocol'));
