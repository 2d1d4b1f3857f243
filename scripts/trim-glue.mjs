// What wasm-bindgen's glue carries that this package never uses, taken out (issue 28): the
// warnings for the deprecated ways of calling init (the entries always pass an object), the
// TextEncoder.encodeInto fallback, wasm-bindgen's long MIME-type warning (said shorter), the
// handles' `Symbol.dispose` and RawClient's `free` (nothing calls them), and the
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
// Every engine that runs this wasm (it needs SIMD: Chrome 91, Firefox 89, Safari 16.4) has
// TextEncoder.encodeInto (Chrome 74, Firefox 66, Safari 14.1): the fallback never runs.
cut('encodeInto fallback', /\nif \(!\('encodeInto' in cachedTextEncoder\)\) \{\n[\s\S]*?\n\}\n/, '\n');
// The same advice in fewer words (a page served the wasm with the wrong type still loads it).
cut('instantiateStreaming warning', /console\.warn\("`WebAssembly\.instantiateStreaming` failed because your server does not serve Wasm with `application\/wasm` MIME type\. Falling back to `WebAssembly\.instantiate` which is slower\. Original error:\\n", e\);/, 'console.warn("elb-wasm: serve the .wasm as application/wasm to compile it while it downloads:", e);');
cut('RawCall registration', /\n\s*RawCallFinalization\.register\(obj, obj\.__wbg_ptr, obj\);/);
cut('RawCall unregistration', /\n\s*RawCallFinalization\.unregister\(this\);/);
cut('RawCall registry', /const RawCallFinalization = \(typeof FinalizationRegistry === 'undefined'\)\s*\? \{ register: \(\) => \{\}, unregister: \(\) => \{\} \}\s*: new FinalizationRegistry\(ptr => wasm\.\w+\(ptr, 1\)\);\n/);
// Nothing disposes of these handles with `using`, and a RawClient is only ever freed by its
// registry when the client object is collected: its free() has no caller.
cut('RawCall dispose', /\nif \(Symbol\.dispose\) RawCall\.prototype\[Symbol\.dispose\] = RawCall\.prototype\.free;/);
cut('RawClient dispose', /\nif \(Symbol\.dispose\) RawClient\.prototype\[Symbol\.dispose\] = RawClient\.prototype\.free;/);
cut('RawClient free', /(export class RawClient \{)\n    __destroy_into_raw\(\) \{\n[^}]*\}\n    free\(\) \{\n[^}]*\}/, '$1');
if (/RawCallFinalization/.test(glue)) {
  console.error('trim-glue: RawCallFinalization is still used');
  process.exit(1);
}
writeFileSync(gluePath, glue);
