// What the tests share: the moto endpoint, the IAM key moto-setup.mjs made, the test data (tests/vectors).
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const endpoint = process.env.MOTO_URL;
export const credentials = JSON.parse(readFileSync(new URL('./credentials.json', import.meta.url), 'utf8'));
export const region = 'us-east-1';

/** A folder of the test data the repository keeps (tests/vectors, copied beside these tests). Missing is a failure. */
export function vectorsDir(sub) {
  const dir = fileURLToPath(new URL(`./vectors/${sub}`, import.meta.url));
  if (!existsSync(dir)) throw new Error(`${dir} is missing: test-js.sh copies the repository's tests/vectors here`);
  return dir;
}

/** A variable test-js.sh sets (a server it started): its absence fails the test, never skips it. */
export function requiredEnv(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through scripts/test-js.sh (npm test)`);
  return value;
}

/** The moto the soak and the fault tests use. */
export const soakMotoUrl = () => requiredEnv('SOAK_MOTO_URL');

/** A fetch that answers every request with `body` and records what was sent. */
export function recordedFetch(status, body, headers = {}) {
  const calls = [];
  const fetch = async (url, init) => {
    calls.push({ url, init });
    return new Response(body, { status, headers: { 'content-type': 'text/xml', ...headers } });
  };
  return { fetch, calls };
}

/** A fetch that records the `Action` of each request it passes on: proof of what a test exercised. */
export function actionRecorder() {
  const sent = new Set();
  const fetch = (url, init) => {
    sent.add(new URLSearchParams(init.body).get('Action'));
    return globalThis.fetch(url, init);
  };
  return { sent, fetch };
}
