// Node (and Deno) entry: the wasm file sits next to this one; it is compiled synchronously at
// import, so no init call is needed.
import { readFileSync } from 'node:fs';
import { initSync } from '../elb_wasm.js';

initSync({ module: readFileSync(new URL('../elb_wasm_bg.wasm', import.meta.url)) });

export { ElbClient, ElbError, sign } from '../client/api.js';
export { ElbDriver, LoadBalancer, Member, State, Algorithm } from '../driver/driver.js';
