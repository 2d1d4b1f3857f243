// A Cloudflare Worker built with the package: its fetch handler runs the shared scenario against
// the moto endpoint named in the request's query, with credentials from the Worker's bindings.
import * as elbWasm from 'elb-wasm';
import * as elbV2 from 'elb-wasm/v2';
import * as elbServices from 'elb-wasm/services';
import { runScenario } from './scenario.mjs';

export default {
  async fetch(request, env) {
    const endpoint = new URL(request.url).searchParams.get('endpoint');
    try {
      const steps = await runScenario(elbWasm, elbV2, elbServices, {
        endpoint,
        region: 'us-east-1',
        credentials: JSON.parse(env.CREDENTIALS),
        name: 'smoke-workerd',
      });
      return Response.json({ ok: true, steps });
    } catch (e) {
      return Response.json({ ok: false, error: String(e?.stack ?? e) }, { status: 500 });
    }
  },
};
