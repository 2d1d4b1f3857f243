// Bundlers' and browsers' entry of elb-wasm/services: the same asset and the same one-time init as
// elb-wasm's web entry, so a page that imports both fetches and compiles one .wasm.
import init from '../elb_wasm.js';

await init({ module_or_path: new URL('../elb_wasm_bg.wasm', import.meta.url) });

export { AutoScalingClient, CloudWatchClient, Route53Client, StsClient, ElbError } from '../client/services_api.js';
