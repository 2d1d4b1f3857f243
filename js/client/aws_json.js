// awsJson answers (Cognito Identity), read here by the runtime's JSON.parse: the engine does not
// read their bodies (src/codec/aws_json.rs; a reader there cost every page's wasm 0.9 KB brotli,
// ElbClient's included, for one credentials provider). A successful answer's object is the output
// (call.js adds the engine's `$metadata` and revives its epoch seconds); an error's code and message
// go to the engine, which decides on them (retries, the clock's correction, the ElbError). The
// request is written by the engine from the input it checked.

import { KIND_REFUSED } from './call.js';

const decoder = new TextDecoder(); // invalid UTF-8 as U+FFFD, as the engine reads every other answer

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const stringOf = (doc, keys) => keys.map((k) => doc[k]).find((v) => typeof v === 'string');

/**
 * `[what the engine is handed, the output]` for one attempt's answer (call.js's `attempt`): for
 * a 2xx JSON object, an empty body and the object; for an error, its code (`__type` without the
 * namespace some services put before `#` or the URL after `:`, the SDKs' rule) and message; for a
 * 2xx that is not a JSON object, the refusal.
 */
function read(answer) {
  if (answer[0] !== 0) return [answer];
  const [, status, requestId, date, body] = answer;
  const text = typeof body === 'string' ? body : decoder.decode(body);
  const ok = status >= 200 && status < 300;
  let doc;
  try {
    doc = text.trim() ? JSON.parse(text) : {};
  } catch (e) {
    if (ok) return [[KIND_REFUSED, `the answer is not JSON: ${e.message}`, status]];
  }
  if (ok) {
    return isObject(doc) ? [[0, status, requestId, date, ''], doc] : [[KIND_REFUSED, 'the answer is not a JSON object', status]];
  }
  const type = isObject(doc) ? stringOf(doc, ['__type', 'code']) : undefined;
  if (type === undefined) return [[0, status, requestId, date, '']];
  const code = type.slice(type.lastIndexOf('#') + 1).split(':')[0];
  return [[0, status, requestId, date, '', code, stringOf(doc, ['message', 'Message']) ?? '']];
}

/** The codec clientClass takes for an awsJson service: its answers' reader. */
export const awsJson = () => ({ read });
