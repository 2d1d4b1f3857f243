// Tutorial step 1: a connection. libcloud's version passes no region and fails; the driver needs
// key, secret and region (connection() gives a local moto's, or yours from the environment).
import { ElbDriver } from 'elb-wasm';
import { connection } from './_tutorial.mjs';

const driver = new ElbDriver(connection());
// Nothing is sent until a method is called: no output means the driver is ready.
void driver;
