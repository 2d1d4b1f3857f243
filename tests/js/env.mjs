// What the tests share: the moto endpoint, the IAM key moto-setup.mjs made, ../shared.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export const endpoint = process.env.MOTO_URL;
export const credentials = JSON.parse(readFileSync(new URL('./credentials.json', import.meta.url), 'utf8'));
export const region = 'us-east-1';

/** A directory of ../shared, or null (and a SKIPPED line) when absent outside CI. */
export function sharedDir(sub) {
  const dir = join(process.env.ELB_WASM_SHARED ?? '../shared', sub);
  if (existsSync(dir)) return dir;
  if (process.env.CI) throw new Error(`CI is set but ${dir} is missing`);
  console.log(`SKIPPED: ${dir} not found (set ELB_WASM_SHARED)`);
  return null;
}

/** The moto the soak and the fault tests use, or null (and a SKIPPED line) when absent outside CI. */
export function soakMotoUrl() {
  const url = process.env.SOAK_MOTO_URL;
  if (url) return url;
  if (process.env.CI) throw new Error('CI is set but SOAK_MOTO_URL is not');
  console.log('SKIPPED: SOAK_MOTO_URL not set');
  return null;
}

/** A fetch that answers every request with `body` and records what was sent. */
export function recordedFetch(status, body, headers = {}) {
  const calls = [];
  const fetch = async (url, init) => {
    calls.push({ url, init });
    return new Response(body, { status, headers: { 'content-type': 'text/xml', ...headers } });
  };
  return { fetch, calls };
}
