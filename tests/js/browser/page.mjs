// The page's script: the shared scenario in the browser, reporting into window.__result.
import * as elbWasm from 'elb-wasm';
import { runScenario } from '../scenario.mjs';

const params = new URLSearchParams(location.search);
runScenario(elbWasm, {
  endpoint: params.get('endpoint'),
  region: 'us-east-1',
  credentials: JSON.parse(params.get('credentials')),
  name: params.get('name'),
}).then(
  (steps) => { window.__result = { ok: true, steps }; },
  (e) => { window.__result = { ok: false, error: String(e?.stack ?? e) }; },
);
