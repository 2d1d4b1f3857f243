// A line chart as plain SVG: this file is 1.5 KB brotli where uPlot is 19.8 KB (README, the console),
// and the metrics view needs only one or two series over a range, a zero baseline, the top value and
// the range's ends. The chart is an `img` named by its metric and last values; its points are a table
// a person can open ("Show data").
import { h } from './ui.js';

const SVG = 'http://www.w3.org/2000/svg';
const W = 360;
const H = 120;
const PAD = { left: 40, right: 8, top: 8, bottom: 18 };

function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.append(c);
  return el;
}

/** 1234.5 → `1.23k`; small fractions keep three significant digits. */
export function short(n) {
  if (n == null || Number.isNaN(n)) return '–';
  const abs = Math.abs(n);
  if (abs >= 1e6) return `${+(n / 1e6).toPrecision(3)}M`;
  if (abs >= 1e3) return `${+(n / 1e3).toPrecision(3)}k`;
  return String(+n.toPrecision(3));
}

const clock = (d) => d.toISOString().slice(11, 16);

/**
 * `{ title, unit, series: [{ label, points: [{ t: Date, v: number }] }], start, end }` as a figure:
 * the chart, its name stating the last values, and a "Show data" button opening the points' table.
 */
export function chart({ title, unit = '', series, start, end }) {
  const all = series.flatMap((s) => s.points.map((p) => p.v));
  // Headroom above the highest point; an empty or all-zero chart still has an axis from 0 to 1.
  const top = (Math.max(0, ...all) || 1) * 1.1;
  const x = (t) => PAD.left + ((t - start) / (end - start)) * (W - PAD.left - PAD.right);
  const y = (v) => H - PAD.bottom - (v / top) * (H - PAD.top - PAD.bottom);
  const last = series.map((s) => `${s.label ? `${s.label} ` : ''}${s.points.length ? `${short(s.points.at(-1).v)}${unit}` : 'no data'}`).join(', ');
  const name = `${title}: last value ${last}`;
  const picture = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': name, class: 'chart' },
    svg('line', { x1: PAD.left, x2: W - PAD.right, y1: y(0), y2: y(0), class: 'axis' }),
    svg('text', { x: PAD.left - 4, y: PAD.top + 8, 'text-anchor': 'end' }, short(top / 1.1)),
    svg('text', { x: PAD.left - 4, y: y(0), 'text-anchor': 'end' }, '0'),
    svg('text', { x: PAD.left, y: H - 4 }, clock(start)),
    svg('text', { x: W - PAD.right, y: H - 4, 'text-anchor': 'end' }, clock(end)),
    ...series.map((s, i) => svg('polyline', { class: `series series-${i}`, points: s.points.map((p) => `${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ') })),
  );
  const times = [...new Set(series.flatMap((s) => s.points.map((p) => +p.t)))].sort((a, b) => a - b);
  const data = h('table', { hidden: '', class: 'chart-data' },
    h('caption', {}, `${title} data`),
    h('thead', {}, h('tr', {}, h('th', {}, 'Time (UTC)'), ...series.map((s) => h('th', {}, s.label || title)))),
    h('tbody', {}, times.map((t) => h('tr', {}, h('td', {}, new Date(t).toISOString().slice(0, 16).replace('T', ' ')),
      ...series.map((s) => h('td', {}, short(s.points.find((p) => +p.t === t)?.v))))),
    ),
  );
  const toggle = h('button', { type: 'button', 'aria-expanded': 'false', 'aria-label': `Show data: ${title}` }, 'Show data');
  toggle.addEventListener('click', () => {
    data.hidden = !data.hidden;
    toggle.setAttribute('aria-expanded', String(!data.hidden));
    toggle.textContent = data.hidden ? 'Show data' : 'Hide data';
    toggle.setAttribute('aria-label', `${toggle.textContent}: ${title}`);
  });
  return h('figure', { class: 'metric' }, h('figcaption', {}, title), picture, toggle, data);
}
