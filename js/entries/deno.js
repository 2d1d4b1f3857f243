// Deno entry: the wasm as a module import (`import source`, Deno 2.x), so a program that only talks to
// the network needs only --allow-net: reading the .wasm with readFileSync wanted read access to Deno's
// npm cache.
import source wasmModule from '../elb_wasm_bg.wasm';
import { initSync } from '../elb_wasm.js';

initSync({ module: wasmModule });

export { ElbClient, ElbError, sign } from '../client/api.js';
export { ElbDriver, LoadBalancer, Member, State, Algorithm } from '../driver/driver.js';
