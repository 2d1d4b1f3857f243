// Tutorial step 2: the existing balancers, printed as [<LoadBalancer: id=..., name=..., state=...>].
import { ElbDriver } from 'elb-wasm';
import { connection, show } from './_tutorial.mjs';

const driver = new ElbDriver(connection());

show(await driver.listBalancers());
