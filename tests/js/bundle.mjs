// Bundles a Worker test entry with esbuild into ./<dir>/entry/ and puts the package's wasm in
// ./<dir>/: the Worker entry (dist/entries/workerd.js) imports it as a module from one folder up,
// `../elb_wasm_bg.wasm`, and that import stays in the bundle (workerd is given both, the module
// names keep the folders; pages use the elb-wasm/esbuild entries instead, which have esbuild copy
// the wasm itself).
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export async function bundle(entry, dir, options) {
  const out = new URL(`./${dir}/`, import.meta.url).pathname;
  mkdirSync(out, { recursive: true });
  mkdirSync(join(out, 'entry'), { recursive: true });
  const outfile = join(out, 'entry', entry.replace(/^.*\//, '').replace(/\.mjs$/, '.js'));
  await build({
    entryPoints: [new URL(entry, import.meta.url).pathname],
    bundle: true,
    format: 'esm',
    outfile,
    logLevel: 'warning',
    ...options,
  });
  const pkgDir = dirname(createRequire(import.meta.url).resolve('elb-wasm/package.json'));
  copyFileSync(join(pkgDir, 'dist', 'elb_wasm_bg.wasm'), join(out, 'elb_wasm_bg.wasm'));
  return { out, outfile };
}
