// A fleet's readiness report (planFleet's result) as a string: `json`, `markdown`, `csv`, or `html`
// (one self-contained file: a summary chart, one row per balancer, sortable and filterable; no
// network, no script or style from anywhere else).
import { ElbError } from '../client/elb_error.js';

/** A plan's standing in a fleet: migrated (its resources exist), blocked, changed or ready. */
export function statusOf(plan) {
  if (plan.existing) return 'migrated';
  const has = (severity) => plan.findings.some((f) => f.severity === severity);
  if (has('blocker')) return 'blocked';
  if (has('changed') || has('dropped')) return 'changed';
  return 'ready';
}

const STATUSES = ['ready', 'changed', 'blocked', 'migrated'];

/** One row per balancer: what a person decides on. */
function rows(fleet) {
  const of = (p, severity) => p.findings.filter((f) => f.severity === severity).map((f) => `${f.feature}: ${f.message}`);
  return fleet.plans.map((p) => ({
    name: p.source.name,
    status: statusOf(p),
    types: p.balancers.map((b) => `${b.type} ${b.name}`).join(' + '),
    id: p.id,
    blockers: of(p, 'blocker'),
    changes: [...of(p, 'changed'), ...of(p, 'dropped')],
    followUps: p.followUps,
  }));
}

/** What the fleet asked of the services: the limit a fleet meets is their request rates. */
const requestsLine = (r) => `Planning made ${r.total} requests (${Object.entries(r.byOperation).sort().map(([k, n]) => `${k} ${n}`).join(', ')}; retries not counted): a fleet's pace is the services' API rate limits.`;

const csvCell = (v) => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const mdCell = (v) => v.replaceAll('|', '\\|').replace(/\r?\n/g, ' ');
const html = (v) => String(v).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** The report of `fleet` in `format`. */
export function fleetReport(fleet, { format = 'markdown' } = {}) {
  const list = rows(fleet);
  const { summary, errors = [] } = fleet;
  if (format === 'json') return `${JSON.stringify({ account: fleet.account, region: fleet.region, summary, balancers: list, errors, requests: fleet.requests }, null, 2)}\n`;
  if (format === 'csv') {
    const head = ['name', 'status', 'types', 'plan id', 'blockers', 'changes', 'follow-ups'];
    const body = list.map((r) => [r.name, r.status, r.types, r.id, r.blockers.join('; '), r.changes.join('; '), r.followUps.join('; ')]);
    const unread = errors.map((e) => [e.name, 'unreadable', '', '', `${e.error.code}: ${e.error.message}`, '', '']);
    return `${[head, ...body, ...unread].map((r) => r.map((c) => csvCell(String(c))).join(',')).join('\r\n')}\r\n`;
  }
  if (format === 'markdown') {
    const out = [
      `# Migration readiness${fleet.region ? ` (${fleet.account ? `${fleet.account}, ` : ''}${fleet.region})` : ''}`,
      '',
      `${summary.total} Classic balancers: ${STATUSES.map((s) => `${summary[s]} ${s}`).join(', ')}${errors.length ? `; ${errors.length} could not be read` : ''}.`,
      '',
      '| balancer | status | becomes | blockers | changes |',
      '|---|---|---|---|---|',
      ...list.map((r) => `| ${mdCell(r.name)} | ${r.status} | ${mdCell(r.types)} | ${mdCell(r.blockers.join('; '))} | ${mdCell(r.changes.join('; '))} |`),
    ];
    if (errors.length) out.push('', '## Could not be read', '', ...errors.map((e) => `- ${mdCell(e.name)}: ${mdCell(`${e.error.code}: ${e.error.message}`)}`));
    if (fleet.requests) out.push('', requestsLine(fleet.requests));
    return `${out.join('\n')}\n`;
  }
  if (format === 'html') return htmlReport(fleet, list, errors);
  throw new ElbError(`format must be html, markdown, csv or json, not ${JSON.stringify(format)}`, { code: 'InvalidInput', field: 'format' });
}

function htmlReport(fleet, list, errors) {
  const { summary } = fleet;
  const colors = { ready: '#2e7d32', changed: '#f9a825', blocked: '#c62828', migrated: '#1565c0' };
  const width = 600;
  let x = 0;
  const bars = STATUSES.filter((s) => summary[s]).map((s) => {
    const w = summary.total ? (summary[s] / summary.total) * width : 0;
    const rect = `<rect x="${x.toFixed(1)}" y="0" width="${w.toFixed(1)}" height="28" fill="${colors[s]}"><title>${s}: ${summary[s]}</title></rect>`;
    x += w;
    return rect;
  });
  const label = `${summary.total} balancers: ${STATUSES.map((s) => `${summary[s]} ${s}`).join(', ')}`;
  const li = (items) => (items.length ? `<ul>${items.map((i) => `<li>${html(i)}</li>`).join('')}</ul>` : '');
  const body = list.map((r) => `<tr data-status="${r.status}"><td>${html(r.name)}</td><td class="s-${r.status}">${r.status}</td><td>${html(r.types)}</td><td>${li(r.blockers)}</td><td>${li(r.changes)}</td><td>${li(r.followUps)}</td></tr>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Migration readiness</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:1.5rem}table{border-collapse:collapse;width:100%}
th,td{border:1px solid #ccc;padding:.3rem .5rem;vertical-align:top;text-align:left}th{cursor:pointer;background:#f4f4f4}
ul{margin:0;padding-left:1.1rem}${STATUSES.map((s) => `.s-${s}{color:${colors[s]};font-weight:600}`).join('')}
</style></head><body>
<h1>Migration readiness${fleet.region ? ` — ${html(fleet.account ? `${fleet.account}, ` : '')}${html(fleet.region)}` : ''}</h1>
<svg role="img" aria-label="${html(label)}" width="${width}" height="28" viewBox="0 0 ${width} 28">${bars.join('')}</svg>
<p>${html(label)}${errors.length ? `; ${errors.length} could not be read` : ''}.</p>
${fleet.requests ? `<p>${html(requestsLine(fleet.requests))}</p>` : ''}
<p><label>Filter <input id="filter" type="search" placeholder="name, status, finding"></label>
<label>Status <select id="status"><option value="">all</option>${STATUSES.map((s) => `<option>${s}</option>`).join('')}</select></label></p>
<table id="report"><thead><tr><th>Balancer</th><th>Status</th><th>Becomes</th><th>Blockers</th><th>Changes</th><th>Follow-ups</th></tr></thead>
<tbody>
${body}
</tbody></table>
${errors.length ? `<h2>Could not be read</h2><ul>${errors.map((e) => `<li>${html(e.name)}: ${html(`${e.error.code}: ${e.error.message}`)}</li>`).join('')}</ul>` : ''}
<script>
const rows = [...document.querySelectorAll('#report tbody tr')];
const show = () => {
  const text = document.getElementById('filter').value.toLowerCase();
  const status = document.getElementById('status').value;
  for (const r of rows) r.hidden = (status && r.dataset.status !== status) || (text && !r.textContent.toLowerCase().includes(text));
};
document.getElementById('filter').addEventListener('input', show);
document.getElementById('status').addEventListener('change', show);
document.querySelectorAll('#report th').forEach((th, i) => th.addEventListener('click', () => {
  const up = th.dataset.up !== 'true';
  th.dataset.up = String(up);
  const tbody = document.querySelector('#report tbody');
  rows.sort((a, b) => a.cells[i].textContent.localeCompare(b.cells[i].textContent) * (up ? 1 : -1)).forEach((r) => tbody.append(r));
}));
</script>
</body></html>
`;
}
