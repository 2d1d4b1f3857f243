// Cloudflare Workers entry: a Worker imports wasm as a compiled WebAssembly.Module (wrangler and
// esbuild keep `.wasm` imports as modules), so it is instantiated synchronously at import.
import wasmModule from '../elb_wasm_bg.wasm';
import { initSync } from '../elb_wasm.js';

initSync({ module: wasmModule });

export { ElbClient, ElbError, sign } from '../client/api.js';
export { ElbDriver, LoadBalancer, Member, State, Algorithm } from '../driver/driver.js';
