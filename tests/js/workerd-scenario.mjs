// Bundles tests/js/worker.mjs with esbuild (conditions workerd/worker, the wasm kept as a module) and
// runs it in workerd through miniflare: no Cloudflare account, no network beyond loopback.
import { Miniflare } from 'miniflare';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundle } from './bundle.mjs';

// The bundle keeps `import … from './elb_wasm_bg.wasm'` (external); the wasm sits beside it.
const { out } = await bundle('./worker.mjs', 'worker-dist', {
  platform: 'neutral',
  conditions: ['workerd', 'worker'],
  external: ['*.wasm'],
});

const mf = new Miniflare({
  modules: [
    { type: 'ESModule', path: join(out, 'worker.js') },
    { type: 'CompiledWasm', path: join(out, 'elb_wasm_bg.wasm') },
  ],
  modulesRoot: out,
  compatibilityDate: '2025-01-01',
  bindings: { CREDENTIALS: readFileSync(new URL('./credentials.json', import.meta.url), 'utf8') },
});
try {
  const res = await mf.dispatchFetch(`http://worker.local/?endpoint=${encodeURIComponent(process.argv[2])}`);
  const body = await res.json();
  if (!body.ok) throw new Error(`scenario failed inside workerd:\n${body.error}`);
  console.log(`workerd: scenario passed: ${body.steps.join(' ')}`);
} finally {
  await mf.dispose();
}
