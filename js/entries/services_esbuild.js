// elb-wasm/services for esbuild (--loader:.wasm=file) and bun build: see esbuild.js.
import init from '../elb_wasm.js';
import wasmUrl from '../elb_wasm_bg.wasm';

await init({ module_or_path: new URL(wasmUrl, import.meta.url) });

export { AutoScalingClient, CloudWatchClient, Route53Client, StsClient, ElbError } from '../client/services_api.js';
