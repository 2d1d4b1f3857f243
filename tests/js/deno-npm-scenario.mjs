// The shared scenario in Deno as Deno users import packages: `npm:` specifiers, resolved from the
// registry NPM_CONFIG_REGISTRY names (a local verdaccio in the tests), with --allow-net for the endpoint
// and no other permission. Usage: deno run --allow-net=127.0.0.1 deno-npm-scenario.mjs <moto-url> <credentials JSON>
import * as elbWasm from 'npm:elb-wasm';
import * as elbV2 from 'npm:elb-wasm/v2';
import * as elbServices from 'npm:elb-wasm/services';
import { runScenario } from './scenario.mjs';
const steps = await runScenario(elbWasm, elbV2, elbServices, { endpoint: Deno.args[0], region: 'us-east-1', credentials: JSON.parse(Deno.args[1]), name: 'smoke-deno-npm' });
console.log(`deno ${Deno.version.deno} (npm: specifiers): scenario passed: ${steps.join(' ')}`);
