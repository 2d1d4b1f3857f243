// What wasm-bindgen's glue carries that this package never uses, taken out (issue 28): the
// warnings for the deprecated ways of calling init (the entries always pass an object), and the
// FinalizationRegistry of RawCall (js/client/call.js frees every call in a `finally`, so the
// registry only cost bytes and a register/unregister per call; RawClient keeps its registry:
// a client is freed by the garbage collector). Each cut must match exactly once, so a new
// wasm-bindgen that writes the glue differently fails the build instead of shipping it half-cut.
// Usage: node scripts/trim-glue.mjs <dist>
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const gluePath = join(process.argv[2], 'elb_wasm.js');
let glue = readFileSync(gluePath, 'utf8');

const cut = (what, pattern, by = '') => {
  const found = glue.match(new RegExp(pattern.source, 'g')) ?? [];
  if (found.length !== 1) {
    console.error(`trim-glue: ${what}: expected once, found ${found.length} times`);
    process.exit(1);
  }
  glue = glue.replace(pattern, by);
};

cut('initSync deprecated-parameters warning', /\s*else \{\s*console\.warn\('using deprecated parameters for `initSync\(\)`; pass a single object instead'\)\s*\}/);
cut('init deprecated-parameters warning', /\s*else \{\s*console\.warn\('using deprecated parameters for the initialization function; pass a single object instead'\)\s*\}/);
cut('RawCall registration', /\n\s*RawCallFinalization\.register\(obj, obj\.__wbg_ptr, obj\);/);
cut('RawCall unregistration', /\n\s*RawCallFinalization\.unregister\(this\);/);
cut('RawCall registry', /const RawCallFinalization = \(typeof FinalizationRegistry === 'undefined'\)\s*\? \{ register: \(\) => \{\}, unregister: \(\) => \{\} \}\s*: new FinalizationRegistry\(ptr => wasm\.\w+\(ptr, 1\)\);\n/);
if (/RawCallFinalization/.test(glue)) {
  console.error('trim-glue: RawCallFinalization is still used');
  process.exit(1);
}
writeFileSync(gluePath, glue);
