// A call's I/O. The wasm is sans-IO: it signs each request a call asks for and decides what the
// answer means (output, failure, or a retry after a wait); this file sends over the runtime's
// fetch, waits on its timers, follows the caller's AbortSignal and asks a credentials provider.
// Promises, timers and AbortController stay the runtime's own, and the wasm carries no async
// runtime.

import { ElbError, invalidInput as invalid } from './elb_error.js';
import { revive } from './revive.js';

const KIND_NETWORK = 1;
const KIND_TIMEOUT = 2;
const KIND_ABORT = 3;
// An answer refused on the JS side: too large here, or not what a codec's reader can read.
export const KIND_REFUSED = 4;

// No ELB answer comes near this (400 balancers with everything set are ~2 MB); a body beyond it
// is refused before it is copied into the wasm instance, whose memory would otherwise balloon.
const MAX_BODY_BYTES = 32 << 20;

const messageOf = (e) => {
  try {
    return String((e && e.message) || e);
  } catch {
    return 'unknown error';
  }
};

const credentialsError = (message) => new ElbError(message, { code: 'CredentialsError' });

/** A Date, ms since the epoch or a date string as ms, else NaN (an `expiration`, sign()'s `date`). */
export const epochMs = (value) =>
  value instanceof Date ? value.getTime() : typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : NaN;

/** Provided credentials are asked for again this long before they expire (the AWS SDKs' margin). */
const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * The I/O side of one client: `raw` (a RawClient) and what its configuration gives call.js:
 * `fetch`, `timeoutMs` and a credentials provider, if `credentials` is a function; `codec` is the
 * part of a protocol done here, not in the engine: restXml's `strip` and `write` of requests
 * (js/client/rest_xml.js), awsJson's `read` of answers (js/client/aws_json.js); `leaves` and
 * `dateScale` are the model file's, for js/client/revive.js.
 */
export function callState(raw, config, codec, leaves, dateScale) {
  // Read as the wasm read them (it checked them): a getter that throws counts as absent.
  const read = (key) => {
    try {
      return config[key] ?? undefined;
    } catch {
      return undefined;
    }
  };
  const credentials = read('credentials');
  const provider = typeof credentials === 'function' ? credentials : undefined;
  // What only this file uses is checked here, worded as the wasm words the rest.
  const fetchFn = read('fetch');
  if (fetchFn !== undefined && typeof fetchFn !== 'function') throw invalid('fetch', 'must be a function');
  const timeoutMs = read('timeoutMs');
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs >= 1 && timeoutMs <= 3_600_000)) {
    throw invalid('timeoutMs', 'must be a whole number from 1 to 3600000');
  }
  // What toJSON shows beside the resolved endpoint; 3: the engine's default (a test holds both).
  const shown = { region: read('region'), maxAttempts: read('maxAttempts') ?? 3, timeoutMs };
  return { raw, codec, leaves, dateScale, shown, fetch: fetchFn, timeoutMs: timeoutMs ?? 0, provider, expires: undefined, pending: undefined };
}

/**
 * Has the wasm hold fresh provided credentials. What a provider gives is kept until shortly before
 * it expires; while a refresh is under way every call that needs one waits on it (single flight).
 */
async function refresh(state) {
  if (state.expires !== undefined && Date.now() < state.expires - REFRESH_MARGIN_MS) return;
  let pending = state.pending;
  if (!pending) {
    let result;
    try {
      result = state.provider();
    } catch (e) {
      throw credentialsError(`the credentials provider threw: ${messageOf(e)}`);
    }
    pending = state.pending = Promise.resolve(result);
  }
  let provided;
  try {
    provided = await pending;
  } catch (e) {
    throw credentialsError(`the credentials provider failed: ${messageOf(e)}`);
  } finally {
    // Whichever waiter wakes first retires this refresh; a later one may already have begun.
    if (state.pending === pending) state.pending = undefined;
  }
  state.raw.useCredentials(provided);
  state.expires = expiryOf(provided);
}

/** When provided credentials expire, in ms since the epoch (`Infinity` when they do not say). */
function expiryOf(provided) {
  let at;
  try {
    at = provided.expiration ?? undefined;
  } catch {}
  if (at === undefined) return Infinity;
  const ms = epochMs(at);
  if (!Number.isFinite(ms)) throw credentialsError('the credentials provider returned an `expiration` that is not a date');
  return ms;
}

/** Runs `action` with `input`: resolves to the output object, rejects with an ElbError. */
export async function run(state, action, input, options) {
  const signal = options?.signal ?? undefined;
  if (signal !== undefined && !(signal instanceof AbortSignal)) throw invalid('signal', 'must be an AbortSignal');
  if (signal?.aborted) throw new ElbError('the call was aborted before it was sent', { code: 'AbortError' });
  const codec = state.codec;
  let json;
  if (input != null) {
    try {
      json = JSON.stringify(codec?.strip ? codec.strip(action, input) : input);
    } catch (e) {
      throw invalid('', `the input cannot be read as data: ${messageOf(e)}`);
    }
  }
  // Checked before credentials are awaited: bad input fails at once, even with a slow provider.
  const call = state.raw.begin(action, json);
  try {
    // restXml: the request line and body, written from the very data the wasm checked.
    if (codec?.write) call.write(codec.write(action, json === undefined ? {} : JSON.parse(json)).join('\0'));
    if (state.provider) await refresh(state);
    for (;;) {
      const [method, url, body, ...flat] = call.request().split('\0');
      const headers = {};
      for (let i = 0; i + 1 < flat.length; i += 2) headers[flat[i]] = flat[i + 1];
      let answer = await attempt(state.fetch, method, url, headers, body, state.timeoutMs, signal);
      let output;
      if (codec?.read) [answer, output] = codec.read(answer);
      const next = call.answer(answer);
      // `next` is the engine's output: with a codec's, only its `$metadata`.
      if (typeof next !== 'number') return revive(output ? Object.assign(output, next) : next, state.leaves[action], state.dateScale);
      // Even a 0 ms wait yields to the event loop, where an abort may be waiting.
      // An abort is never tried again: the engine's answer to it throws the call's ElbError.
      if (!(await sleep(next, signal))) throw call.answer([KIND_ABORT, 'the call was aborted']);
    }
  } catch (e) {
    // The service says the provided credentials lapsed: the next call asks again.
    if (state.provider && e instanceof ElbError && String(e.code).startsWith('ExpiredToken')) state.expires = undefined;
    throw e;
  } finally {
    call.free();
  }
}

/**
 * Sends one request. Resolves to [0, status, requestId, date, body] or [kind, message, status?].
 * The attempt ends when `timeoutMs` passes or `signal` fires, even if an injected fetch ignores
 * its signal: the race below does not wait for it.
 */
export async function attempt(fetchFn, method, url, headers, body, timeoutMs, signal) {
  if (signal && signal.aborted) return [KIND_ABORT, 'the call was aborted before it was sent'];
  const controller = new AbortController();
  let stop;
  const stopped = new Promise((resolve) => (stop = resolve));
  // stop() before abort(): the race must settle on the reason, not on fetch's own rejection.
  const onAbort = () => {
    stop([KIND_ABORT, 'the call was aborted']);
    controller.abort();
  };
  if (signal) signal.addEventListener('abort', onAbort, { once: true });
  const timer =
    timeoutMs > 0
      ? setTimeout(() => {
          stop([KIND_TIMEOUT, `the attempt took longer than timeoutMs (${timeoutMs} ms)`]);
          controller.abort();
        }, timeoutMs)
      : undefined;
  const work = (async () => {
    try {
      // A restXml GET carries no body: fetch refuses one, even empty.
      const init = { method, headers, body: body || undefined, signal: controller.signal };
      const res = await (fetchFn ? fetchFn(url, init) : fetch(url, init));
      if (!res || typeof res.status !== 'number' || (typeof res.arrayBuffer !== 'function' && typeof res.text !== 'function')) {
        return [KIND_NETWORK, 'fetch resolved to something that is not a Response'];
      }
      const h = res.headers;
      const header = (name) => (h && typeof h.get === 'function' ? h.get(name) : null);
      // Bytes, not text: they are copied into the wasm as they are, where decoding them from
      // text would cost a UTF-8 decode here and a re-encode on the way in.
      const answer =
        typeof res.arrayBuffer === 'function' ? new Uint8Array(await res.arrayBuffer()) : String(await res.text());
      if (answer.length > MAX_BODY_BYTES) {
        return [KIND_REFUSED, `the response body is ${answer.length} bytes, over the ${MAX_BODY_BYTES} limit`, res.status];
      }
      return [0, res.status, header('x-amzn-requestid'), header('date'), answer];
    } catch (e) {
      // A fetch that aborts or times out by its own means (a wrapper's AbortSignal.timeout...)
      // says so in the DOMException's name.
      let name = '';
      try {
        name = String(e && e.name);
      } catch {}
      if (name === 'AbortError') return [KIND_ABORT, `the call was aborted: ${messageOf(e)}`];
      if (name === 'TimeoutError') return [KIND_TIMEOUT, messageOf(e)];
      // Node's fetch keeps the cause (ECONNREFUSED...) apart.
      const cause = e?.cause ? `: ${e.cause.code ?? messageOf(e.cause)}` : '';
      return [KIND_NETWORK, `fetch ${new URL(url).origin} failed: ${messageOf(e)}${cause}`];
    }
  })();
  try {
    return await Promise.race([work, stopped]);
  } finally {
    clearTimeout(timer);
    if (signal) signal.removeEventListener('abort', onAbort);
  }
}

/** Waits `ms`; resolves true, or false at once when `signal` fires. */
export function sleep(ms, signal) {
  if (signal && signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      if (signal) signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    if (signal) signal.addEventListener('abort', onAbort, { once: true });
  });
}
