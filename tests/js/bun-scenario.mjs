// The shared scenario under Bun (`bun run`), importing the installed package by its bare names.
// Usage: bun run bun-scenario.mjs <moto-url>
import * as elbWasm from 'elb-wasm';
import * as elbV2 from 'elb-wasm/v2';
import * as elbServices from 'elb-wasm/services';
import { readFileSync } from 'node:fs';
import { runScenario } from './scenario.mjs';

const endpoint = process.argv[2];
const credentials = JSON.parse(readFileSync(new URL('./credentials.json', import.meta.url), 'utf8'));
const steps = await runScenario(elbWasm, elbV2, elbServices, { endpoint, region: 'us-east-1', credentials, name: 'smoke-bun' });
console.log(`bun ${Bun.version}: scenario passed: ${steps.join(' ')}`);
