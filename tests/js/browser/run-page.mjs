// The page's side of the scenario: runs it with the entries the page imported and reports into
// window.__result (browser-scenario.mjs waits for it).
import { runScenario } from '../scenario.mjs';

export function runPage(elbWasm, elbV2, elbServices) {
  const params = new URLSearchParams(location.search);
  runScenario(elbWasm, elbV2, elbServices, {
    endpoint: params.get('endpoint'),
    region: 'us-east-1',
    credentials: JSON.parse(params.get('credentials')),
    name: params.get('name'),
    // The page's server passes /aws/* on to moto (same-origin-aws.mjs): Route 53 answers no CORS.
    route53Endpoint: `${location.origin}/aws`,
  }).then(
    (steps) => { window.__result = { ok: true, steps }; },
    (e) => { window.__result = { ok: false, error: String(e?.stack ?? e) }; },
  );
}
