// The shared smoke scenario in Node, from the installed package, against moto.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as elbWasm from 'elb-wasm';
import * as elbV2 from 'elb-wasm/v2';
import * as elbServices from 'elb-wasm/services';
import { runScenario } from './scenario.mjs';
import { endpoint, credentials, region } from './env.mjs';

test('smoke scenario in Node', async () => {
  const steps = await runScenario(elbWasm, elbV2, elbServices, { endpoint, region, credentials, name: 'smoke-node' });
  assert.deepEqual(steps, ['create', 'describe', 'policy', 'set-policy', 'tag', 'delete', 'error', 'driver', 'elbv2', 'services']);
});
