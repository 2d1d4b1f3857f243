// elb-wasm for esbuild (--loader:.wasm=file) and bun build. Neither follows
// new URL('./x.wasm', import.meta.url), which the browser entry relies on (evanw/esbuild#795): here the
// wasm is imported, so the bundler copies it beside the bundle and hands back its URL. The same
// exports as the browser entry; v2_esbuild.js shares the one init (and the one .wasm).
import init from '../elb_wasm.js';
import wasmUrl from '../elb_wasm_bg.wasm';

await init({ module_or_path: new URL(wasmUrl, import.meta.url) });

export { ElbClient, ElbError, sign } from '../client/api.js';
export { ElbDriver, LoadBalancer, Member, State, Algorithm } from '../driver/driver.js';
