// ElbError: the one error class every rejection of elb-wasm uses. A real Error subclass, so
// `err instanceof ElbError` and `err instanceof Error` both hold and stack traces work.
// The wasm code creates these through makeElbError; the package entry re-exports the same class.

export class ElbError extends Error {
  constructor(message, fields) {
    super(message);
    // Only the members that apply are set, so `'statusCode' in err` tells whether a response came.
    if (fields) for (const key of Object.keys(fields)) if (fields[key] !== undefined) this[key] = fields[key];
    if (this.retryable === undefined) this.retryable = false;
    if (this.attempts === undefined) this.attempts = 0;
  }
}
Object.defineProperty(ElbError.prototype, 'name', { value: 'ElbError', writable: true, configurable: true });

export function makeElbError(message, code, statusCode, requestId, retryable, attempts, field) {
  return new ElbError(message, {
    code,
    statusCode: statusCode === 0 ? undefined : statusCode,
    requestId,
    retryable,
    attempts,
    field,
  });
}

/** `InvalidInput` on `field` ('' for the whole input), worded as the wasm words it: "field: message". */
export function invalidInput(field, message) {
  return new ElbError(field ? `${field}: ${message}` : message, { code: 'InvalidInput', field });
}

export function elbErrorClass() {
  return ElbError;
}
