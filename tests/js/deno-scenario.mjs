// The shared smoke scenario in Deno, importing the installed package by its bare names (Deno reads
// this project's package.json and node_modules). Run with --allow-net=127.0.0.1 and nothing else: the
// package's deno entry imports its .wasm as a module, which needs no read access.
// Usage: deno run --allow-net=127.0.0.1 deno-scenario.mjs <moto-url> <credentials JSON>
import * as elbWasm from 'elb-wasm';
import * as elbV2 from 'elb-wasm/v2';
import * as elbServices from 'elb-wasm/services';
import { runScenario } from './scenario.mjs';

const endpoint = Deno.args[0];
const credentials = JSON.parse(Deno.args[1]);
const steps = await runScenario(elbWasm, elbV2, elbServices, { endpoint, region: 'us-east-1', credentials, name: 'smoke-deno' });
console.log(`deno ${Deno.version.deno}: scenario passed: ${steps.join(' ')}`);
