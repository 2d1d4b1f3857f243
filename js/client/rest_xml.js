// restXml requests (Route 53), written from the service's table: the operation's method and URI
// template, its input's labels and query-string members on the request line, the other members as
// an XML body in the shape's order. The wasm validates the input first and signs what this writes
// (src/call/request.rs, `Written`); answers are XML the wasm reads as it reads awsQuery's.
//
// Why here and not in the wasm (src/codec/mod.rs): every page loads the one wasm, so a writer
// there costs ElbClient's bundle too; this file is in a bundle only when a restXml client is.

import { invalidInput } from './elb_error.js';

const URI = 4;
const QUERY = 8;
const utf8 = new TextEncoder();

/** RFC 3986: every byte but the unreserved set (and `/` when `keepSlash`) as `%XX`. */
function percent(text, keepSlash) {
  let out = '';
  for (const b of utf8.encode(text)) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9._~-]/.test(c) || (keepSlash && c === '/') ? c : `%${b < 16 ? '0' : ''}${b.toString(16).toUpperCase()}`;
  }
  return out;
}

function base64(value) {
  const bytes = typeof value === 'string' ? utf8.encode(value) : new Uint8Array(value);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** The table's shapes, operations and prefix strips, as this writer needs them. */
function read(table) {
  const shapes = [];
  const ops = new Map();
  const strips = new Map();
  let namespace = '';
  for (const line of table.split('\n')) {
    const [kind, ...f] = line.split('\t');
    if (kind === 'meta') namespace = f[1];
    else if (kind === 's') shapes.push({ kind: f[1], format: f[5], members: [] });
    else if (kind === 'm') shapes.at(-1).members.push({ name: f[0], target: +f[1], flags: +f[2] || 0, wire: f[3] || '', format: f[4] });
    else if (kind === 'o') ops.set(f[0], { input: f[1] ? +f[1] : -1, method: f[6], uri: f[7], root: f[8] || f[0] });
    else if (kind === 'x') strips.set(+f[0], f[1].split('|'));
  }
  return { shapes, ops, strips, namespace };
}

/** The writer for the service whose table is `table`: `strip` and `write`, both by operation. */
export function restXml(table) {
  const { shapes, ops, strips, namespace } = read(table);
  const inputShape = (op) => shapes[ops.get(op)?.input];

  /** `value` (of shape `ref`) with the prefixes the table strips (`/hostedzone/`) gone. */
  const stripped = (ref, value) => {
    const s = shapes[ref];
    if (value == null || !s) return value;
    if (typeof value === 'string') {
      const prefix = (strips.get(ref) ?? []).find((p) => value.startsWith(p));
      return prefix ? value.slice(prefix.length) : value;
    }
    if (Array.isArray(value)) return s.kind === 'list' ? value.map((v) => stripped(s.members[0].target, v)) : value;
    if (typeof value !== 'object' || s.kind !== 'structure') return value;
    const out = { ...value };
    for (const m of s.members) if (out[m.name] !== undefined) out[m.name] = stripped(m.target, out[m.name]);
    return out;
  };

  /** A scalar's text on the wire, as the member's (else its shape's) format says. */
  const text = (member, value) => {
    const s = shapes[member.target];
    if (s.kind === 'timestamp') {
      const date = new Date(value);
      const format = member.format || s.format;
      if (format === 'unixTimestamp') return String(date.getTime() / 1000);
      if (format === 'rfc822') return date.toUTCString();
      return date.toISOString().replace('.000Z', 'Z');
    }
    if (s.kind === 'blob') return base64(value);
    return String(value);
  };

  const escape = (value, path) => {
    // XML 1.0 cannot carry these, escaped or not: the service could not read them.
    if (/[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/.test(value)) throw invalidInput(path, 'holds a control character XML cannot carry');
    return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
  };

  /** `value` as the element `name`; `path` names it in an error. */
  const element = (name, member, value, path) => {
    const s = shapes[member.target];
    if (value == null) return '';
    if (s.kind === 'structure') {
      // In the shape's order, not the input's: the service reads the XML by its schema.
      let inner = '';
      for (const m of s.members) inner += element(m.wire || m.name, m, value[m.name], `${path}.${m.name}`);
      return `<${name}>${inner}</${name}>`;
    }
    if (s.kind === 'list') {
      const flat = (member.flags & 2) !== 0;
      const item = s.members[0];
      const items = value.map((v, i) => element(flat ? name : item.wire || 'member', item, v, `${path}[${i}]`)).join('');
      return flat ? items : `<${name}>${items}</${name}>`;
    }
    if (s.kind === 'map') {
      const [key, val] = s.members;
      const flat = (member.flags & 2) !== 0;
      let entries = '';
      for (const [k, v] of Object.entries(value)) {
        const keyName = key.wire || 'key';
        const entry = `<${keyName}>${escape(k, path)}</${keyName}>${element(val.wire || 'value', val, v, `${path}[${JSON.stringify(k)}]`)}`;
        entries += flat ? `<${name}>${entry}</${name}>` : `<entry>${entry}</entry>`;
      }
      return flat ? entries : `<${name}>${entries}</${name}>`;
    }
    return `<${name}>${escape(text(member, value), path)}</${name}>`;
  };

  return {
    /** The input as it is checked and sent: strings the table strips without their prefix. */
    strip(op, input) {
      const ref = ops.get(op)?.input;
      return strips.size && input && ref >= 0 ? stripped(ref, input) : input;
    },

    /** `[method, path?query, body]` for a validated `input` of `op`. */
    write(op, input = {}) {
      const o = ops.get(op);
      const members = inputShape(op)?.members ?? [];
      const [template, fixed = ''] = o.uri.split('?');
      const path = template.replace(/\{([^}+]+)(\+?)\}/g, (_, label, greedy) => {
        const m = members.find((x) => x.flags & URI && (x.wire || x.name) === label);
        const value = m && input[m.name] != null ? text(m, input[m.name]) : '';
        // Empty or a dot segment, a label would name another resource once a URL parser has
        // normalised the path.
        if (value === '' || value === '.' || value === '..') {
          throw invalidInput(m?.name ?? label, 'cannot be empty, "." or "..": it is a segment of the request\'s path');
        }
        return percent(value, greedy === '+');
      });
      const query = fixed ? [fixed] : [];
      let body = '';
      for (const m of members) {
        const value = input[m.name];
        if (value == null) continue;
        if (m.flags & QUERY) {
          const element = shapes[m.target].kind === 'list' ? shapes[m.target].members[0] : m;
          for (const v of Array.isArray(value) ? value : [value]) query.push(`${percent(m.wire || m.name)}=${percent(text(element, v))}`);
        } else if (!(m.flags & URI)) {
          body += element(m.wire || m.name, m, value, m.name);
        }
      }
      if (body) body = `<${o.root} xmlns="${namespace}">${body}</${o.root}>`;
      return [o.method, query.length ? `${path}?${query.join('&')}` : path, body];
    },
  };
}
