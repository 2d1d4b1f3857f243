// Bundles tests/js/worker.mjs with esbuild (conditions workerd/worker, the wasm kept as a module) and
// runs it in workerd through miniflare: no Cloudflare account, no network beyond loopback.
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { copyFileSync, readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const out = new URL('./worker-dist/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [new URL('./worker.mjs', import.meta.url).pathname],
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  conditions: ['workerd', 'worker'],
  external: ['*.wasm'],
  outfile: join(out, 'worker.js'),
  logLevel: 'warning',
});
// The bundle keeps `import … from './elb_wasm_bg.wasm'`: put the package's wasm beside it.
const pkgDir = dirname(createRequire(import.meta.url).resolve('elb-wasm/package.json'));
copyFileSync(join(pkgDir, 'dist', 'elb_wasm_bg.wasm'), join(out, 'elb_wasm_bg.wasm'));

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
