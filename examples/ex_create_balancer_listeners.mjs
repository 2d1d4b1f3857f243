// Tutorial step 6: an HTTPS listener, port 1024 to instance port 65533. libcloud returns False here
// without sending anything; this sends CreateLoadBalancerListeners. (On AWS, set
// ELB_EXAMPLE_CERT_ARN to a certificate you own: the tutorial's ARN is a placeholder.)
import { ElbDriver } from 'elb-wasm';
import { connection, show, certificateArn } from './_tutorial.mjs';

const driver = new ElbDriver(connection());

show(await driver.exCreateBalancerListeners('MyLB', [[1024, 65533, 'HTTPS', certificateArn]]));
