// Deno entry of elb-wasm/services: the same wasm module as elb-wasm's Deno entry (initSync does nothing the
// second time), no file access needed.
import source wasmModule from '../elb_wasm_bg.wasm';
import { initSync } from '../elb_wasm.js';

initSync({ module: wasmModule });

export { AutoScalingClient, CloudWatchClient, Route53Client, StsClient, ElbError } from '../client/services_api.js';
