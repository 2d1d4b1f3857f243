// Bundles tests/js/worker.mjs with esbuild (conditions workerd/worker, the wasm kept as a module) and
// runs it in workerd through miniflare: no Cloudflare account, no network beyond loopback. Then the
// same for worker-concurrency.mjs: 200 calls at once on one client inside one Worker request.
import { Miniflare } from 'miniflare';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundle } from './bundle.mjs';

// The bundle keeps `import … from '../elb_wasm_bg.wasm'` (external); the wasm sits one folder up.
async function worker(entry, dir, bindings = {}) {
  const { out, outfile } = await bundle(entry, dir, {
    platform: 'neutral',
    conditions: ['workerd', 'worker'],
    external: ['*.wasm'],
  });
  return new Miniflare({
    modules: [
      { type: 'ESModule', path: outfile },
      { type: 'CompiledWasm', path: join(out, 'elb_wasm_bg.wasm') },
    ],
    modulesRoot: out,
    compatibilityDate: '2025-01-01',
    bindings,
  });
}

let mf = await worker('./worker.mjs', 'worker-dist', { CREDENTIALS: readFileSync(new URL('./credentials.json', import.meta.url), 'utf8') });
try {
  const res = await mf.dispatchFetch(`http://worker.local/?endpoint=${encodeURIComponent(process.argv[2])}`);
  const body = await res.json();
  if (!body.ok) throw new Error(`scenario failed inside workerd:\n${body.error}`);
  for (const r of body.refusals) {
    if (!/^CredentialsError: .*Node, Deno or Bun/.test(r)) throw new Error(`a file or metadata provider in workerd: ${r}`);
  }
  console.log(`workerd: scenario passed: ${body.steps.join(' ')}; fromIni, fromInstanceMetadata and fromNodeProviderChain refuse (Node, Deno or Bun only)`);
} finally {
  await mf.dispose();
}

mf = await worker('./worker-concurrency.mjs', 'worker-concurrency-dist');
try {
  // 200 calls: a larger throttled share than Node's 1,000 so that the retry quota (500 tokens, 5
  // a retry) runs out here too.
  const res = await mf.dispatchFetch('http://worker.local/?calls=200&throttleShare=0.8');
  const body = await res.json();
  if (!body.ok) throw new Error(`concurrency failed inside workerd:\n${body.error}`);
  const r = body.report;
  if (r.heap.keptBySecond !== 0 || !(r.heap.keptByFirst >= 0 && r.heap.keptByFirst < 1024)) {
    throw new Error(`workerd: the heap did not come back: ${JSON.stringify(r.heap)}`);
  }
  console.log(`concurrency (workerd): ${JSON.stringify(r)}`);
} finally {
  await mf.dispose();
}
