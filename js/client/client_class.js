// One client class per service over the wasm engine: a method per action, paginators and waiters,
// all read from the service's table (its generated model file holds it as text: one record a line,
// tab-separated, see src/model/text.rs), which is loaded into the engine when the first client is made. Loading the wasm is the entry's
// job (node.js, web.js, workerd.js and their v2 twins); nothing here touches it before then.

import { RawClient, loadTable } from '../elb_wasm.js';
import { ElbError } from './elb_error.js';
import { callState, run, sleep } from './call.js';

const raw = new WeakMap();
// client[CHECK](Operation, input) checks an awsQuery input, sending nothing (the migration's plan check).
const CHECK = Symbol.for('elb-wasm.checkInput');
const lowerFirst = (name) => name[0].toLowerCase() + name.slice(1);

/** The operations, paginators and waiters a table's `o`, `p`, `w` and `a` records name. */
function facts(table) {
  const operations = [];
  const paginators = [];
  const waiters = [];
  for (const line of table.split('\n')) {
    const [kind, ...f] = line.split('\t');
    if (kind === 'o') operations.push(f[0]);
    else if (kind === 'p') {
      // Tokens may be several (Route 53's record name, type and identifier), joined by `|`.
      paginators.push({ operation: f[0], inputTokens: f[1].split('|'), outputTokens: f[2].split('|'), moreResults: f[5] ?? '' });
    } else if (kind === 'w') waiters.push({ name: f[0], operation: f[1], delay: +f[2], maxAttempts: +f[3], acceptors: [] });
    else if (kind === 'a') waiters.at(-1).acceptors.push({ matcher: f[0], argument: f[1], expected: f[2], state: f[3] });
  }
  return { operations, paginators, waiters };
}

/**
 * The client class `name` for the service whose model file is `model` (its `table`, its outputs'
 * `leaves` and their `dateScale`); `protocol` makes, from the table, the codec for what of the
 * service's protocol is done in JS, not in the engine (restXml's writer: js/client/rest_xml.js;
 * awsJson's reader: js/client/aws_json.js).
 */
export function clientClass(name, model, protocol) {
  const { table, leaves, dateScale } = model;
  const { operations, paginators, waiters } = facts(table);
  let tableId;
  let codec;
  const Client = {
    [name]: class {
      constructor(config) {
        tableId ??= loadTable(new TextEncoder().encode(table));
        codec ??= protocol?.(table);
        // The wasm side keeps the configuration (credentials included); this object holds only a
        // handle in a WeakMap, so neither JSON.stringify nor util.inspect can reach a secret.
        raw.set(this, callState(new RawClient(config, tableId), config, codec, leaves, dateScale));
      }

      toJSON() {
        const { raw: r, shown } = raw.get(this);
        return { region: shown.region, endpoint: r.endpoint(), maxAttempts: shown.maxAttempts, timeoutMs: shown.timeoutMs };
      }

      [Symbol.for('nodejs.util.inspect.custom')]() {
        return `${name} ${JSON.stringify(this.toJSON())}`;
      }
    },
  }[name];
  const define = (method, value) =>
    Object.defineProperty(Client.prototype, method, { value, writable: true, configurable: true });

  for (const op of operations) {
    define(lowerFirst(op), function (input, options) {
      const state = raw.get(this);
      if (!state) return Promise.reject(new ElbError(`not an ${name}`, { code: 'InvalidInput', field: '' }));
      return run(state, op, input, options);
    });
  }
  define(CHECK, function (op, input) {
    raw.get(this).raw.begin(op, JSON.stringify(input)).free();
  });
  for (const p of paginators) define(`paginate${p.operation}`, paginator(p));
  for (const w of waiters) define(`waitUntil${w.name}`, waiter(w));
  return Client;
}

/**
 * `paginate<Operation>(input, options)`: an async iterable of pages, each request carrying the
 * previous page's output tokens as its input tokens, until the tokens run out or the output's
 * more-results member (Route 53's `IsTruncated`) says there are no more.
 */
function paginator(p) {
  const method = lowerFirst(p.operation);
  return function (input = {}, options) {
    const client = this;
    return {
      async *[Symbol.asyncIterator]() {
        const seen = new Set();
        for (let request = input; ; ) {
          const page = await client[method](request, options);
          yield page;
          const tokens = p.outputTokens.map((k) => page[k]);
          if ((p.moreResults && !page[p.moreResults]) || tokens.every((t) => t == null || t === '')) return;
          // A service that hands back tokens it already gave would loop forever.
          const key = JSON.stringify(tokens);
          if (seen.has(key)) {
            throw new ElbError(`${p.operation} returned the same ${p.outputTokens.join(', ')} twice`, { code: 'InvalidResponse' });
          }
          seen.add(key);
          // A token the page did not give stays undefined, which JSON leaves out: the one before
          // is not carried over.
          request = { ...input };
          p.inputTokens.forEach((k, i) => (request[k] = tokens[i]));
        }
      },
    };
  };
}

/** The values a waiter argument such as `InstanceStates[].State` selects from an output. */
function select(output, argument) {
  let current = [output];
  let projected = false;
  for (const part of argument.split('.')) {
    const flatten = part.endsWith('[]');
    const key = flatten ? part.slice(0, -2) : part;
    const next = [];
    for (const v of current) {
      const child = v == null ? undefined : v[key];
      if (flatten) {
        if (Array.isArray(child)) next.push(...child);
      } else if (child !== undefined) {
        next.push(child);
      }
    }
    current = next;
    projected ||= flatten;
  }
  return { values: current, projected };
}

/** Which state the acceptors put a result (or an error) in, or undefined when none matches. */
export function acceptorState(acceptors, output, error) {
  for (const a of acceptors) {
    if (a.matcher === 'error') {
      if (error && error.code === a.expected) return a.state;
      continue;
    }
    if (a.matcher === 'status') {
      const status = error ? error.statusCode : output?.$metadata?.httpStatusCode;
      if (String(status) === a.expected) return a.state;
      continue;
    }
    if (error) continue;
    const { values, projected } = select(output, a.argument);
    const same = (v) => String(v) === a.expected;
    if (a.matcher === 'pathAll' && values.length > 0 && values.every(same)) return a.state;
    if (a.matcher === 'pathAny' && values.some(same)) return a.state;
    if (a.matcher === 'path' && !projected && values.length === 1 && same(values[0])) return a.state;
  }
  return undefined;
}

function abortError(signal) {
  const reason = signal?.reason;
  return new ElbError(`the wait was aborted${reason?.message ? `: ${reason.message}` : ''}`, { code: 'AbortError' });
}

/** `waitUntil<Name>(input, options)`: polls until the acceptors say success, failure or time is up. */
function waiter(w) {
  const method = lowerFirst(w.operation);
  return async function (input, options = {}) {
    const { signal } = options;
    const delayMs = options.delayMs ?? w.delay * 1000;
    const maxWaitMs = options.maxWaitMs ?? w.delay * 1000 * w.maxAttempts;
    const deadline = Date.now() + maxWaitMs;
    for (let attempt = 1; ; attempt++) {
      let output;
      let error;
      try {
        output = await this[method](input, { signal });
      } catch (e) {
        if (!(e instanceof ElbError) || e.code === 'AbortError' || e.code === 'InvalidInput') throw e;
        error = e;
      }
      const state = acceptorState(w.acceptors, output, error);
      if (state === 'success') return { state: 'SUCCESS', reason: output ?? error };
      if (state === 'failure') {
        throw new ElbError(`${w.name}: the resource reached a state the waiter cannot leave`, {
          code: 'WaiterFailure',
          attempts: attempt,
        });
      }
      if (error && state !== 'retry') throw error;
      if (attempt >= w.maxAttempts || Date.now() + delayMs > deadline) {
        throw new ElbError(`${w.name}: not reached after ${attempt} attempts`, {
          code: 'WaiterTimeout',
          attempts: attempt,
        });
      }
      if (!(await sleep(delayMs, signal))) throw abortError(signal);
    }
  };
}
