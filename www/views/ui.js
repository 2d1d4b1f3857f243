// What every view shares: the session (clients, configuration, the selection), element building,
// and run(), through which every call goes: the status shows what is in flight, the button that
// started it is disabled, and a failure shows the error's code, message and request id while the
// form keeps what was typed. Credentials live in the clients' memory only (never storage, never
// the URL).

/** The page's state: set by the connection view, read by the others. */
export const session = {
  client: null,
  v2: null,
  cloudwatch: null,
  config: null,
  plan: null,
  balancers: [],
  /** ELBv2 balancers with their listeners; target groups with their targets' health. */
  v2Balancers: [],
  targetGroups: [],
  selected: null,
  /** The selected ALB/NLB's ARN (session.selected names a Classic one); one of the two is set. */
  selectedArn: null,
};

export const $ = (selector) => document.querySelector(selector);
export const list = (text) => text.split(',').map((s) => s.trim()).filter(Boolean);
export const values = (form) => Object.fromEntries(new FormData(form));

/** Builds an element; strings become text nodes, so nothing from the service is parsed as HTML. */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c != null) el.append(c);
  return el;
}

let inFlight = 0;
export async function run(label, fn, trigger) {
  const buttons = trigger ? [...(trigger.matches('form') ? trigger.querySelectorAll('button') : [trigger])] : [];
  buttons.forEach((b) => (b.disabled = true));
  inFlight++;
  const status = $('#status');
  status.className = 'busy';
  status.textContent = `${label}…`;
  const form = trigger?.closest?.('form');
  form?.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
  try {
    const result = await fn();
    showError(null);
    return result;
  } catch (e) {
    showError(e, label);
    // The package refused the input before sending: the field it names is marked in the form.
    const top = e?.code === 'InvalidInput' && e.field ? e.field.split(/[.[]/)[0] : '';
    const field = top && form ? form.querySelector(`[data-field="${CSS.escape(top)}"]`) ?? form.elements.namedItem(top) : null;
    field?.setAttribute('aria-invalid', 'true');
    field?.focus();
    return undefined;
  } finally {
    buttons.forEach((b) => (b.disabled = false));
    if (--inFlight === 0) {
      status.className = '';
      status.textContent = session.client ? 'Ready' : '';
    }
  }
}

function showError(e, label) {
  const box = $('#error');
  box.replaceChildren();
  box.hidden = !e;
  if (!e) return;
  box.append(
    h('div', {}, `${label} failed: `, h('span', { class: 'code' }, e.code ?? e.name ?? 'Error')),
    // ElbError messages start with the code, already shown above.
    h('div', { class: 'message' }, String(e.message ?? e).replace(`${e.code}: `, '')),
  );
  if (e.requestId) box.append(h('div', { class: 'request-id' }, `Request id: ${e.requestId}`));
  if (e.field) box.append(h('div', {}, `Field: ${e.field}`));
}

/** A listener of a Classic balancer as text: `HTTP:80 → HTTP:8080`. */
export const listenerText = (l) => `${l.Protocol}:${l.LoadBalancerPort} → ${l.InstanceProtocol ?? l.Protocol}:${l.InstancePort}`;

/** A table's body rows, or one row saying there are none. */
export function fill(tbody, rows, columns, none) {
  tbody.replaceChildren(...(rows.length ? rows : [h('tr', {}, h('td', { colspan: String(columns) }, none))]));
}

/** A button that runs `fn` through run() with its label, then `after` (a refresh). */
export const action = (text, label, fn, after, props = {}) =>
  h('button', { type: 'button', ...props, onclick: (ev) => run(label, async () => { await fn(); await after?.(); }, ev.currentTarget) }, text);
