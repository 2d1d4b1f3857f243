// The Classic ELB API: ElbClient from ELB's generated model, sign and ElbError.
import { clientClass } from './client_class.js';
import * as model from '../model.js';

export { ElbError } from './elb_error.js';
export { sign } from './sign.js';

export const ElbClient = clientClass('ElbClient', model);
