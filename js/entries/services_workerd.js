// Cloudflare Workers entry of elb-wasm/services: the compiled module, instantiated once (initSync does
// nothing when elb-wasm's entry did it already).
import wasmModule from '../elb_wasm_bg.wasm';
import { initSync } from '../elb_wasm.js';

initSync({ module: wasmModule });

export { AutoScalingClient, CloudWatchClient, Route53Client, StsClient, ElbError } from '../client/services_api.js';
