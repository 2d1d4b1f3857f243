// The shared smoke scenario in Deno, importing the installed package by its bare name (Deno reads
// this project's package.json and node_modules). Run with only --allow-net=127.0.0.1 and
// --allow-read of this directory. Usage: deno run ... deno-scenario.mjs <moto-url>
import * as elbWasm from 'elb-wasm';
import * as elbV2 from 'elb-wasm/v2';
import { runScenario } from './scenario.mjs';

const endpoint = Deno.args[0];
const credentials = JSON.parse(await Deno.readTextFile(new URL('./credentials.json', import.meta.url)));
const steps = await runScenario(elbWasm, elbV2, { endpoint, region: 'us-east-1', credentials, name: 'smoke-deno' });
console.log(`deno ${Deno.version.deno}: scenario passed: ${steps.join(' ')}`);
