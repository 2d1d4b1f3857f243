// Short import, export and module names for the wasm and its glue (issue 17): wasm-bindgen names
// each import `__wbg_<name>_<16 hex digits>` under the module "./elb_wasm_bg.js", and the hashes
// do not compress. binaryen renames them in the wasm; this applies the same renames to the glue
// (the import object's keys and module name, and every `wasm.<export>`), then checks that the
// glue provides exactly what the wasm imports. Usage: node scripts/minify-wasm-names.mjs <dist>
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';

const dist = process.argv[2];
const wasmPath = join(dist, 'elb_wasm_bg.wasm');
const gluePath = join(dist, 'elb_wasm.js');
const names = (bytes) => {
  const m = new WebAssembly.Module(bytes);
  return { imports: WebAssembly.Module.imports(m), exports: WebAssembly.Module.exports(m) };
};
const fail = (why) => {
  console.error(`minify-wasm-names: ${why}`);
  process.exit(1);
};

const before = names(readFileSync(wasmPath));
// The features the package's wasm uses, named (the build strips its target_features section).
const features = ['simd', 'reference-types', 'bulk-memory', 'nontrapping-float-to-int', 'sign-ext', 'multivalue', 'mutable-globals'];
// build.sh says which wasm-opt (node_modules' or target/build-tools').
execFileSync(process.env.WASM_OPT ?? 'node_modules/.bin/wasm-opt', [wasmPath, ...features.map((f) => `--enable-${f}`),
  '--minify-imports-and-exports-and-modules', '-o', `${wasmPath}.min`], { stdio: ['ignore', 'ignore', 'inherit'] });
const after = names(readFileSync(`${wasmPath}.min`));
// The pass renames in place: the n-th import or export is the same one, renamed.
if (before.imports.length !== after.imports.length || before.exports.length !== after.exports.length) {
  fail('the pass changed how many imports or exports there are');
}

let glue = readFileSync(gluePath, 'utf8');
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const modules = new Set(before.imports.map((i) => i.module));
if (modules.size !== 1) fail(`expected one import module, found ${[...modules].join(', ')}`);
const [oldModule] = modules;
const newModule = after.imports[0]?.module;
const moduleKey = `"${oldModule}": import0`;
if (!glue.includes(moduleKey)) fail(`the glue has no ${moduleKey}`);
glue = glue.replace(moduleKey, () => `"${newModule}": import0`);
before.imports.forEach((imp, n) => {
  const key = new RegExp(`^(\\s+)${escape(imp.name)}:`, 'm');
  if (!key.test(glue)) fail(`the glue does not provide ${imp.name}`);
  glue = glue.replace(key, (_, indent) => `${indent}${after.imports[n].name}:`);
});
before.exports.forEach((exp, n) => {
  glue = glue.replace(new RegExp(`\\bwasm\\.${escape(exp.name)}\\b`, 'g'), () => `wasm.${after.exports[n].name}`);
});

// What the wasm imports, the glue now provides, and no old export name is left.
for (const imp of after.imports) {
  if (!new RegExp(`^\\s+${escape(imp.name)}:`, 'm').test(glue)) fail(`import ${imp.name} has no provider`);
}
const stale = before.exports.filter((e) => new RegExp(`\\bwasm\\.${escape(e.name)}\\b`).test(glue) && !after.exports.some((a) => a.name === e.name));
if (stale.length) fail(`exports still named the old way: ${stale.map((e) => e.name).join(', ')}`);
writeFileSync(gluePath, glue);
renameSync(`${wasmPath}.min`, wasmPath);
