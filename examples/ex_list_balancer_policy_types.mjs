// Tutorial: the policy types ELB offers.
import { ElbDriver } from 'elb-wasm';
import { connection, show } from './_tutorial.mjs';

const driver = new ElbDriver(connection());

show(await driver.exListBalancerPolicyTypes());
