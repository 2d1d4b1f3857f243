// One attempt over the runtime's fetch, and the wait between attempts, for the wasm's retry loop.
// Promises, timers and AbortController are the runtime's own; doing this in JS keeps the wasm
// free of closures and event-listener glue.
//
// Neither function rejects: each resolves to a small array the wasm reads by position, so a
// failure is data ([kind, message]) and never an exception crossing into the instance.

const KIND_NETWORK = 1;
const KIND_TIMEOUT = 2;
const KIND_ABORT = 3;
const KIND_TOO_LARGE = 4;

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

/**
 * Sends one request. Resolves to [0, status, requestId, date, body] or [kind, message, status?].
 * The attempt ends when `timeoutMs` passes or `signal` fires, even if an injected fetch ignores
 * its signal: the race below does not wait for it.
 */
export async function attempt(fetchFn, url, headers, body, timeoutMs, signal) {
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
      const init = { method: 'POST', headers, body, signal: controller.signal };
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
        return [KIND_TOO_LARGE, `the response body is ${answer.length} bytes, over the ${MAX_BODY_BYTES} limit`, res.status];
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
      return [KIND_NETWORK, `fetch failed: ${messageOf(e)}`];
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
