// ELB's neighbours (elb-wasm/services): Auto Scaling, CloudWatch, Route 53 and STS clients from their
// generated tables (only the operations the package uses), on the same engine and ElbError. Each
// client is marked pure, so a bundle keeps only the clients, and the tables, a page uses.
import { clientClass } from './client_class.js';
import { restXml } from './rest_xml.js';
import * as autoscaling from '../autoscaling_model.js';
import * as cloudwatch from '../cloudwatch_model.js';
import * as route53 from '../route53_model.js';
import * as sts from '../sts_model.js';

export { ElbError } from './elb_error.js';

export const AutoScalingClient = /* @__PURE__ */ clientClass('AutoScalingClient', autoscaling);
export const CloudWatchClient = /* @__PURE__ */ clientClass('CloudWatchClient', cloudwatch);
export const Route53Client = /* @__PURE__ */ clientClass('Route53Client', route53, restXml);
export const StsClient = /* @__PURE__ */ clientClass('StsClient', sts);
