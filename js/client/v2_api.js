// The ELBv2 API (Application, Network and Gateway Load Balancers): ElbV2Client from ELBv2's
// generated model, on the same engine and the same ElbError as ElbClient.
import { clientClass } from './client_class.js';
import * as model from '../v2_model.js';

export { ElbError } from './elb_error.js';

export const ElbV2Client = clientClass('ElbV2Client', model);
