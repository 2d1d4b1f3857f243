// The page's script: the shared scenario in the browser, reporting into window.__result. It imports
// both entries: the page must still fetch exactly one .wasm (browser-scenario.mjs counts).
import * as elbWasm from 'elb-wasm';
import * as elbV2 from 'elb-wasm/v2';
import { runScenario } from '../scenario.mjs';

const params = new URLSearchParams(location.search);
runScenario(elbWasm, elbV2, {
  endpoint: params.get('endpoint'),
  region: 'us-east-1',
  credentials: JSON.parse(params.get('credentials')),
  name: params.get('name'),
}).then(
  (steps) => { window.__result = { ok: true, steps }; },
  (e) => { window.__result = { ok: false, error: String(e?.stack ?? e) }; },
);
