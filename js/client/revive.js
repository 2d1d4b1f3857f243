// What JSON cannot carry, put back into an output after the engine's JSON text was parsed: along
// the operation's leaf paths (generated from the table by src/model/leaves.rs into the model
// file), a timestamp's number becomes a Date and a double's "NaN", "Infinity" or "-Infinity" a
// number. Walking a few known paths here costs less than the wasm walking the whole shape
// through Reflect (issue 28).

/**
 * Revives `out`'s leaves at `paths` in place and returns it. A path is steps joined by `.`: a
 * member name, `[]` (every item of a list) or `{}` (every value of a map); `#` starts a double's.
 * `scale`: milliseconds per unit of a timestamp's number (1 for the engine's epoch milliseconds,
 * 1000 for awsJson's seconds).
 */
export function revive(out, paths, scale) {
  for (const path of paths ?? []) {
    const double = path[0] === '#';
    const leaf = double
      ? (v) => (typeof v === 'string' ? Number(v) : v)
      : (v) => (typeof v === 'number' ? new Date(v * scale) : v);
    walk(out, (double ? path.slice(1) : path).split('.'), 0, leaf);
  }
  return out;
}

/** Applies `leaf` to what `steps[i..]` reach below `node`; what is not of the path's form is left as it is. */
function walk(node, steps, i, leaf) {
  if (node === null || typeof node !== 'object') return;
  const step = steps[i];
  const last = i + 1 === steps.length;
  if (step === '[]' || step === '{}') {
    // A list's items by index (no key strings made), a map's values by key.
    const keys = Array.isArray(node) ? undefined : Object.keys(node);
    const n = keys ? keys.length : node.length;
    for (let j = 0; j < n; j++) {
      const k = keys ? keys[j] : j;
      if (last) node[k] = leaf(node[k]);
      else walk(node[k], steps, i + 1, leaf);
    }
  } else if (Object.hasOwn(node, step)) {
    if (last) node[step] = leaf(node[step]);
    else walk(node[step], steps, i + 1, leaf);
  }
}
