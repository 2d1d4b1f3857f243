// Entry for bundlers and browsers: the bundler turns the URL below into an asset; top-level
// await fetches and compiles it once, before any export is used.
import init from '../elb_wasm.js';

await init({ module_or_path: new URL('../elb_wasm_bg.wasm', import.meta.url) });

export { ElbClient, ElbError, sign } from '../client/api.js';
export { ElbDriver, LoadBalancer, Member, State, Algorithm } from '../driver/driver.js';
