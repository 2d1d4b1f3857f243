// Tutorial step 3: a balancer named MyLB listening on HTTP port 80, with two members registered.
// Classic ELB registers EC2 instances by id, so each Member carries one (libcloud's tutorial gives
// addresses only, and libcloud drops the members anyway).
import { ElbDriver, Member, Algorithm } from 'elb-wasm';
import { connection, show, exampleInstances } from './_tutorial.mjs';

const driver = new ElbDriver(connection());

show(await driver.listBalancers());

// members associated with the load balancer
const [first, second] = await exampleInstances(2);
const members = [first, second].filter(Boolean).map((id, i) => new Member(id, `192.168.88.${i + 1}`, 80));
const newBalancer = await driver.createBalancer('MyLB', 80, 'http', Algorithm.ROUND_ROBIN, members);

show(newBalancer);
