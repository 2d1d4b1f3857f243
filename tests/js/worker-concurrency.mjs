// A Cloudflare Worker holding many calls at once on one client (tests/js/concurrency.mjs), run by
// workerd-scenario.mjs in workerd; it answers with the report, or the error that broke it.
import * as elbWasm from 'elb-wasm';
// The same glue module the package's workerd entry initialised (one instance): the heap probes.
import { wasmHeapBytes, wasmHeapPeakBytes, wasmMemoryBytes } from './node_modules/elb-wasm/dist/elb_wasm.js';
import { runConcurrency } from './concurrency.mjs';

const heap = { liveBytes: wasmHeapBytes, peakBytes: wasmHeapPeakBytes, memoryBytes: wasmMemoryBytes };

export default {
  async fetch(request) {
    const query = new URL(request.url).searchParams;
    const options = { calls: Number(query.get('calls')), throttleShare: Number(query.get('throttleShare')) };
    try {
      return Response.json({ ok: true, report: await runConcurrency(elbWasm, heap, options) });
    } catch (e) {
      return Response.json({ ok: false, error: String(e?.stack ?? e) }, { status: 500 });
    }
  },
};
