// A Cloudflare Worker built with the package: its fetch handler runs the shared scenario against
// the moto endpoint named in the request's query, with credentials from the Worker's bindings, and
// asks the file and metadata credential providers (which must refuse in a Worker).
import * as elbWasm from 'elb-wasm';
import * as elbV2 from 'elb-wasm/v2';
import * as elbServices from 'elb-wasm/services';
import { fromIni, fromInstanceMetadata, fromNodeProviderChain } from 'elb-wasm/credentials';
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
      // The providers that read files or the instance: a CredentialsError saying where they work.
      const refusals = await Promise.all([fromIni(), fromInstanceMetadata(), fromNodeProviderChain()].map((p) => p().then(() => 'gave credentials', (e) => `${e.code}: ${e.message}`)));
      return Response.json({ ok: true, steps, refusals });
    } catch (e) {
      return Response.json({ ok: false, error: String(e?.stack ?? e) }, { status: 500 });
    }
  },
};
