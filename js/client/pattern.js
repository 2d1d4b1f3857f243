// The models' pattern constraints, for the wasm's validator: the runtime's own regex engine knows
// \p{L}, \p{Z} and \p{N} (the 'u' flag), so the wasm carries no matcher and no Unicode tables.
// Each pattern is compiled once and matched whole, as the service does.
const compiled = new Map();

export function patternMatches(pattern, value) {
  let re = compiled.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(`^(?:${pattern})$`, 'u');
    } catch {
      // A pattern this engine cannot read constrains nothing here; the service still checks it.
      re = null;
    }
    compiled.set(pattern, re);
  }
  return re === null || re.test(value);
}
