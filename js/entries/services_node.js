// Node (and Deno) entry of elb-wasm/services: the same wasm as elb-wasm's (initSync does nothing when
// that entry loaded it already).
import { readFileSync } from 'node:fs';
import { initSync } from '../elb_wasm.js';

initSync({ module: readFileSync(new URL('../elb_wasm_bg.wasm', import.meta.url)) });

export { AutoScalingClient, CloudWatchClient, Route53Client, StsClient, ElbError } from '../client/services_api.js';
