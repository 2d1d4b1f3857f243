// Timing helpers shared by the benchmarks: fixed-duration loops, interleaved rounds, medians.

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Calls per second of `fn` (sync or async) over about `ms` milliseconds, after a short warm-up. */
export async function rate(fn, ms) {
  const warm = performance.now() + Math.min(100, ms / 4);
  while (performance.now() < warm) await fn();
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    // Batches of 16 keep the clock reads out of the measurement.
    for (let i = 0; i < 16; i++) await fn();
    n += 16;
    now = performance.now();
  }
  return (n * 1000) / (now - start);
}

/**
 * Runs each case `rounds` times, interleaved (A B C A B C ...), so drift in the machine's speed
 * hits every contender alike; returns the median per case.
 */
export async function interleaved(cases, { rounds = 5, ms = 400 } = {}) {
  const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (let r = 0; r < rounds; r++) {
    for (const [name, fn] of Object.entries(cases)) samples[name].push(await rate(fn, ms));
  }
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
}

export const fmt = (x, digits = 0) => x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
