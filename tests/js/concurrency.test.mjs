// 1,000 calls at once on one client in Node (tests/js/concurrency.mjs): each resolves to its own
// answer or a typed Throttling error, the credentials provider runs once, the heap comes back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as elbWasm from 'elb-wasm';
// The glue the package's entry already initialised (same module URL, same instance): the heap
// probes are diagnostics, not in the public entry.
import { wasmHeapBytes, wasmHeapPeakBytes, wasmMemoryBytes } from './node_modules/elb-wasm/dist/elb_wasm.js';
import { runConcurrency } from './concurrency.mjs';

const heap = { liveBytes: wasmHeapBytes, peakBytes: wasmHeapPeakBytes, memoryBytes: wasmMemoryBytes };

test('1,000 concurrent calls on one client: own answers or typed errors, one credentials fetch, heap back to rest', async () => {
  const r = await runConcurrency(elbWasm, heap, { calls: 1000 });
  console.log(`concurrency (node): ${JSON.stringify(r)}`);
  // Nothing a burst allocates outlives it: the heap after the second burst is where the first left it,
  // and the first kept only the credentials the provider gave (cached for later calls).
  assert.equal(r.heap.keptBySecond, 0, 'heap grew across the second burst');
  assert.ok(r.heap.keptByFirst >= 0 && r.heap.keptByFirst < 1024, `the first burst kept ${r.heap.keptByFirst} B`);
  assert.ok(r.heap.peakOverResting > 0, 'the peak was measured');
});
