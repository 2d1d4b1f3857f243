// The web console: one page over ElbClient, the package used exactly as any page uses it.
// Credentials live in this module's memory only (never storage, never the URL). Every call goes
// through run(): the status shows what is in flight, the button that started it is disabled, and a
// failure shows the error's code, message and request id while the form keeps what was typed.
import { ElbClient } from 'elb-wasm';
import { ElbV2Client } from 'elb-wasm/v2';
import { planMigration, applyMigration, rollbackMigration } from 'elb-wasm/migrate';

const $ = (selector) => document.querySelector(selector);
let client = null;
let v2 = null;
let config = null;
let plan = null;
let balancers = [];
let selected = null;

/** Builds an element; strings become text nodes, so nothing from the service is parsed as HTML. */
function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c != null) el.append(c);
  return el;
}

// ELB's endpoint answers no CORS: the local server sends the request, signed here, unchanged.
function forwardingFetch(url, init) {
  const headers = new Headers(init.headers);
  headers.set('x-elb-forward-to', String(url));
  return fetch('/forward', { method: 'POST', headers, body: init.body, signal: init.signal });
}

let inFlight = 0;
async function run(label, fn, trigger) {
  const buttons = trigger ? [...(trigger.matches('form') ? trigger.querySelectorAll('button') : [trigger])] : [];
  buttons.forEach((b) => (b.disabled = true));
  inFlight++;
  const status = $('#status');
  status.className = 'busy';
  status.textContent = `${label}…`;
  try {
    const result = await fn();
    showError(null);
    return result;
  } catch (e) {
    showError(e, label);
    return undefined;
  } finally {
    buttons.forEach((b) => (b.disabled = false));
    if (--inFlight === 0) {
      status.className = '';
      status.textContent = client ? 'Ready' : '';
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

const list = (text) => text.split(',').map((s) => s.trim()).filter(Boolean);
const values = (form) => Object.fromEntries(new FormData(form));

// ---- connection ----------------------------------------------------------------------------

function connect({ region, accessKeyId, secretAccessKey, sessionToken }) {
  const credentials = { accessKeyId, secretAccessKey };
  if (sessionToken) credentials.sessionToken = sessionToken;
  client = new ElbClient({ region, endpoint: config.endpoint, credentials, fetch: forwardingFetch });
  v2 = new ElbV2Client({ region, endpoint: config.endpoint, credentials, fetch: forwardingFetch });
  // The secret stays in the client (in memory); the page does not keep showing it.
  const form = $('#credentials-form');
  form.secretAccessKey.value = '';
  form.sessionToken.value = '';
  form.secretAccessKey.required = false;
  form.secretAccessKey.placeholder = '(in memory)';
  $('main').hidden = false;
  return refresh();
}

$('#credentials-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const form = ev.currentTarget;
  run('Connecting', () => connect(values(form)), form);
});

$('#use-local').addEventListener('click', (ev) => {
  run(
    'Loading local default credentials',
    async () => {
      const res = await fetch('/local-credentials', { cache: 'no-store' });
      const body = await res.json();
      if (!res.ok) throw Object.assign(new Error(body.error), { code: 'CredentialsError' });
      $('#credentials-form').accessKeyId.value = body.accessKeyId;
      return connect({ region: $('#credentials-form').region.value || config.region, ...body });
    },
    ev.currentTarget,
  );
});

// ---- balancers table -----------------------------------------------------------------------

async function refresh() {
  const found = [];
  for await (const page of client.paginateDescribeLoadBalancers({})) found.push(...(page.LoadBalancerDescriptions ?? []));
  const health = await Promise.all(
    found.map((b) => (b.Instances?.length ? client.describeInstanceHealth({ LoadBalancerName: b.LoadBalancerName }).then((o) => o.InstanceStates ?? []) : [])),
  );
  balancers = found.map((b, i) => ({ ...b, health: health[i] }));
  renderTable();
  await refreshV2();
  if (selected && !balancers.some((b) => b.LoadBalancerName === selected)) selected = null;
  if (selected) await loadDetail(selected);
  else $('#detail').hidden = true;
}

const listenerText = (l) => `${l.Protocol}:${l.LoadBalancerPort} → ${l.InstanceProtocol ?? l.Protocol}:${l.InstancePort}`;

function policyNames(b) {
  const p = b.Policies ?? {};
  return [...(p.AppCookieStickinessPolicies ?? []), ...(p.LBCookieStickinessPolicies ?? [])].map((x) => x.PolicyName).concat(p.OtherPolicies ?? []);
}

function renderTable() {
  const rows = balancers.map((b) =>
    h(
      'tr',
      { 'data-name': b.LoadBalancerName, class: b.LoadBalancerName === selected ? 'selected' : '', onclick: () => run(`Loading ${b.LoadBalancerName}`, () => select(b.LoadBalancerName)) },
      h('td', {}, b.LoadBalancerName),
      h('td', {}, b.DNSName ?? ''),
      h('td', {}, h('ul', {}, (b.ListenerDescriptions ?? []).map((d) => h('li', {}, listenerText(d.Listener))))),
      h('td', {}, h('ul', {}, b.health.length ? b.health.map((s) => h('li', { class: `health-${s.State}` }, `${s.InstanceId} (${s.State})`)) : (b.Instances ?? []).map((i) => h('li', {}, i.InstanceId)))),
      h('td', {}, (b.AvailabilityZones ?? []).join(', ')),
      h('td', {}, policyNames(b).join(', ')),
    ),
  );
  $('#balancers tbody').replaceChildren(...(rows.length ? rows : [h('tr', {}, h('td', { colspan: '6' }, 'No load balancers.'))]));
}

$('#refresh').addEventListener('click', (ev) => run('Refreshing', refresh, ev.currentTarget));

$('#create-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const form = ev.currentTarget;
  const v = values(form);
  run(
    `Creating ${v.name}`,
    async () => {
      const input = {
        LoadBalancerName: v.name,
        Listeners: [{ Protocol: v.protocol, LoadBalancerPort: Number(v.port), InstancePort: Number(v.instancePort) }],
      };
      if (list(v.subnets).length) input.Subnets = list(v.subnets);
      else input.AvailabilityZones = list(v.zones).length ? list(v.zones) : [`${config.region}a`];
      await client.createLoadBalancer(input);
      form.reset();
      selected = v.name;
      await refresh();
    },
    form,
  );
});

// ---- one balancer ----------------------------------------------------------------------------

async function select(name) {
  selected = name;
  renderTable();
  await loadDetail(name);
}

async function loadDetail(name) {
  const [policies, tags, attributes] = await Promise.all([
    client.describeLoadBalancerPolicies({ LoadBalancerName: name }),
    client.describeTags({ LoadBalancerNames: [name] }),
    client.describeLoadBalancerAttributes({ LoadBalancerName: name }),
  ]);
  const b = balancers.find((x) => x.LoadBalancerName === name);
  if (!b) return;
  $('#detail').hidden = false;
  $('#detail-name').textContent = name;
  const act = (label, fn) => (ev) => run(label, async () => { await fn(); await refresh(); }, ev.currentTarget);

  $('#listeners').replaceChildren(
    ...(b.ListenerDescriptions ?? []).map((d) =>
      h('li', {}, listenerText(d.Listener), d.PolicyNames?.length ? ` [${d.PolicyNames.join(', ')}]` : '',
        h('button', { type: 'button', onclick: act(`Removing listener ${d.Listener.LoadBalancerPort}`, () => client.deleteLoadBalancerListeners({ LoadBalancerName: name, LoadBalancerPorts: [d.Listener.LoadBalancerPort] })) }, 'Remove')),
    ),
  );
  const backends = new Map((b.BackendServerDescriptions ?? []).map((d) => [d.InstancePort, d.PolicyNames ?? []]));
  $('#policies').replaceChildren(
    ...(policies.PolicyDescriptions ?? []).map((p) =>
      h('li', {}, `${p.PolicyName} (${p.PolicyTypeName})`,
        h('button', { type: 'button', onclick: act(`Deleting policy ${p.PolicyName}`, () => client.deleteLoadBalancerPolicy({ LoadBalancerName: name, PolicyName: p.PolicyName })) }, 'Delete')),
    ),
    ...[...backends].map(([port, names]) => h('li', {}, `back-end port ${port}: ${names.join(', ') || '(none)'}`)),
  );
  const health = new Map(b.health.map((s) => [s.InstanceId, s]));
  $('#instances').replaceChildren(
    ...(b.Instances ?? []).map((i) =>
      h('li', { class: `health-${health.get(i.InstanceId)?.State ?? ''}` }, `${i.InstanceId} ${health.get(i.InstanceId) ? `(${health.get(i.InstanceId).State})` : ''}`,
        h('button', { type: 'button', onclick: act(`Deregistering ${i.InstanceId}`, () => client.deregisterInstancesFromLoadBalancer({ LoadBalancerName: name, Instances: [{ InstanceId: i.InstanceId }] })) }, 'Deregister')),
    ),
  );
  const tagList = tags.TagDescriptions?.[0]?.Tags ?? [];
  $('#tags').replaceChildren(
    ...tagList.map((t) =>
      h('li', {}, `${t.Key} = ${t.Value ?? ''}`,
        h('button', { type: 'button', onclick: act(`Removing tag ${t.Key}`, () => client.removeTags({ LoadBalancerNames: [name], Tags: [{ Key: t.Key }] })) }, 'Remove')),
    ),
  );
  const hc = b.HealthCheck ?? {};
  const hf = $('#health-form');
  // The balancer's own values, or empty: never the previous balancer's.
  for (const k of ['Target', 'Interval', 'Timeout', 'UnhealthyThreshold', 'HealthyThreshold']) hf[k].value = hc[k] ?? '';
  const a = attributes.LoadBalancerAttributes ?? {};
  const af = $('#attributes-form');
  af.crossZone.checked = Boolean(a.CrossZoneLoadBalancing?.Enabled);
  af.draining.checked = Boolean(a.ConnectionDraining?.Enabled);
  af.drainingTimeout.value = a.ConnectionDraining?.Timeout ?? '';
  af.idleTimeout.value = a.ConnectionSettings?.IdleTimeout ?? '';
}

/** A detail form: its action runs against the selected balancer, then everything is re-read. */
function onSubmit(id, label, action) {
  $(id).addEventListener('submit', (ev) => {
    ev.preventDefault();
    const form = ev.currentTarget;
    const name = selected;
    run(`${label} (${name})`, async () => {
      await action(name, values(form), form);
      if (!form.matches('#health-form, #attributes-form')) form.reset();
      await refresh();
    }, form);
  });
}

onSubmit('#listener-form', 'Adding listener', (name, v) => {
  const listener = { Protocol: v.protocol, LoadBalancerPort: Number(v.port), InstancePort: Number(v.instancePort) };
  if (v.cert) listener.SSLCertificateId = v.cert;
  return client.createLoadBalancerListeners({ LoadBalancerName: name, Listeners: [listener] });
});

onSubmit('#policy-form', 'Creating policy', (name, v) => {
  const PolicyAttributes = v.attributes.split(/\n|,/).map((s) => s.trim()).filter(Boolean).map((pair) => {
    const [AttributeName, ...rest] = pair.split('=');
    return { AttributeName: AttributeName.trim(), AttributeValue: rest.join('=').trim() };
  });
  return client.createLoadBalancerPolicy({ LoadBalancerName: name, PolicyName: v.name, PolicyTypeName: v.type, PolicyAttributes });
});

onSubmit('#set-listener-policies', 'Setting listener policies', (name, v) =>
  client.setLoadBalancerPoliciesOfListener({ LoadBalancerName: name, LoadBalancerPort: Number(v.port), PolicyNames: list(v.names) }),
);

onSubmit('#set-backend-policies', 'Setting back-end policies', (name, v) =>
  client.setLoadBalancerPoliciesForBackendServer({ LoadBalancerName: name, InstancePort: Number(v.port), PolicyNames: list(v.names) }),
);

onSubmit('#register-form', 'Registering instances', (name, v) =>
  client.registerInstancesWithLoadBalancer({ LoadBalancerName: name, Instances: list(v.ids).map((InstanceId) => ({ InstanceId })) }),
);

onSubmit('#health-form', 'Saving health check', (name, v) =>
  client.configureHealthCheck({
    LoadBalancerName: name,
    HealthCheck: { Target: v.Target, Interval: Number(v.Interval), Timeout: Number(v.Timeout), UnhealthyThreshold: Number(v.UnhealthyThreshold), HealthyThreshold: Number(v.HealthyThreshold) },
  }),
);

onSubmit('#tag-form', 'Adding tag', (name, v) => client.addTags({ LoadBalancerNames: [name], Tags: [{ Key: v.key, Value: v.value }] }));

onSubmit('#attributes-form', 'Saving attributes', (name, v, form) => {
  const attrs = {
    CrossZoneLoadBalancing: { Enabled: form.crossZone.checked },
    ConnectionDraining: { Enabled: form.draining.checked, ...(v.drainingTimeout ? { Timeout: Number(v.drainingTimeout) } : {}) },
  };
  if (v.idleTimeout) attrs.ConnectionSettings = { IdleTimeout: Number(v.idleTimeout) };
  return client.modifyLoadBalancerAttributes({ LoadBalancerName: name, LoadBalancerAttributes: attrs });
});

$('#delete-balancer').addEventListener('click', (ev) => {
  const name = selected;
  if (!name || !confirm(`Delete load balancer ${name}?`)) return;
  run(`Deleting ${name}`, async () => {
    await client.deleteLoadBalancer({ LoadBalancerName: name });
    selected = null;
    await refresh();
  }, ev.currentTarget);
});

// ---- ALB/NLB (ELBv2) -------------------------------------------------------------------------

async function refreshV2() {
  const found = [];
  for await (const page of v2.paginateDescribeLoadBalancers({})) found.push(...(page.LoadBalancers ?? []));
  const rows = await Promise.all(found.map(async (lb) => {
    const [{ Listeners = [] }, { TargetGroups = [] }] = await Promise.all([
      v2.describeListeners({ LoadBalancerArn: lb.LoadBalancerArn }),
      v2.describeTargetGroups({ LoadBalancerArn: lb.LoadBalancerArn }),
    ]);
    const health = await Promise.all(TargetGroups.map((tg) => v2.describeTargetHealth({ TargetGroupArn: tg.TargetGroupArn }).then((o) => o.TargetHealthDescriptions ?? [])));
    const tgName = (arn) => TargetGroups.find((t) => t.TargetGroupArn === arn)?.TargetGroupName ?? arn?.split('/')[1] ?? '';
    return h('tr', { 'data-name': lb.LoadBalancerName },
      h('td', {}, lb.LoadBalancerName),
      h('td', {}, lb.Type ?? ''),
      h('td', {}, lb.State?.Code ?? ''),
      h('td', {}, lb.DNSName ?? ''),
      h('td', {}, h('ul', {}, Listeners.map((l) => h('li', {}, `${l.Protocol}:${l.Port} → ${(l.DefaultActions ?? []).map((a) => (a.Type === 'forward' ? tgName(a.TargetGroupArn ?? a.ForwardConfig?.TargetGroups?.[0]?.TargetGroupArn) : a.Type)).join(', ')}`)))),
      h('td', {}, h('ul', {}, TargetGroups.map((tg, i) => h('li', {}, `${tg.TargetGroupName} (${tg.Protocol}:${tg.Port}): `,
        health[i].length ? health[i].map((d, j) => h('span', { class: `health-${d.TargetHealth?.State ?? ''}` }, `${j ? ', ' : ''}${d.Target.Id} ${d.TargetHealth?.State ?? ''}`)) : 'no targets')))),
    );
  }));
  $('#v2-balancers tbody').replaceChildren(...(rows.length ? rows : [h('tr', {}, h('td', { colspan: '6' }, 'No ALB/NLB balancers.'))]));
}

$('#v2-refresh').addEventListener('click', (ev) => run('Refreshing ALB/NLB', refreshV2, ev.currentTarget));

// ---- migration to ALB/NLB --------------------------------------------------------------------

const classicListener = (l) => `${l.Protocol}:${l.LoadBalancerPort} → ${l.InstanceProtocol ?? l.Protocol}:${l.InstancePort}`;
const attrText = (list) => list.map((a) => `${a.Key}=${a.Value}`).join(', ');

/** Classic setting → new setting, one row each, from what the plan read and what it will create. */
function mappingRows(p) {
  const d = p.source.description;
  const rows = [];
  for (const ld of d.ListenerDescriptions ?? []) {
    const l = ld.Listener;
    const target = p.balancers.flatMap((b) => b.listeners.map((x) => ({ b, x }))).find(({ x }) => x.port === l.LoadBalancerPort);
    const tg = target && target.b.targetGroups.find((t) => t.key === target.x.targetGroup);
    rows.push([`listener ${classicListener(l)}${ld.PolicyNames?.length ? ` [${ld.PolicyNames.join(', ')}]` : ''}`,
      target ? `${target.b.type === 'application' ? 'ALB' : 'NLB'} ${target.b.name}: ${target.x.protocol}:${target.x.port}${target.x.sslPolicy ? ` (${target.x.sslPolicy})` : ''} → ${tg.name} (${tg.protocol}:${tg.port})` : '— not carried'] );
  }
  const hc = d.HealthCheck ?? {};
  for (const b of p.balancers) {
    for (const tg of b.targetGroups) {
      const c = tg.healthCheck;
      rows.push([hc.Target ? `health check ${hc.Target} every ${hc.Interval} s, timeout ${hc.Timeout} s, ${hc.HealthyThreshold}/${hc.UnhealthyThreshold}` : 'health check: none read (ELB\'s default)',
        `${tg.name}: ${c.HealthCheckProtocol}:${c.HealthCheckPort}${c.HealthCheckPath ?? ''} every ${c.HealthCheckIntervalSeconds} s, timeout ${c.HealthCheckTimeoutSeconds} s, ${c.HealthyThresholdCount}/${c.UnhealthyThresholdCount}`]);
      rows.push([`instances ${(d.Instances ?? []).map((i) => i.InstanceId).join(', ') || 'none'}`, `${tg.name}: ${tg.targets.length} target(s); ${attrText(tg.attributes)}`]);
    }
  }
  const a = p.source.attributes ?? {};
  rows.push([`draining ${a.ConnectionDraining?.Enabled ? `${a.ConnectionDraining.Timeout} s` : 'off'}, idle ${a.ConnectionSettings?.IdleTimeout} s, cross-zone ${a.CrossZoneLoadBalancing?.Enabled ? 'on' : 'off'}, access logs ${a.AccessLog?.Enabled ? a.AccessLog.S3BucketName : 'off'}`,
    p.balancers.map((b) => `${b.name}: ${attrText(b.attributes)}`).join('; ')]);
  rows.push([`tags ${(p.source.tags ?? []).map((t) => `${t.Key}=${t.Value ?? ''}`).join(', ') || 'none'}`, attrText(p.balancers[0]?.tags ?? [])]);
  return rows;
}

function renderPlan() {
  $('#migration').hidden = false;
  $('#migration-source').textContent = plan.source.name;
  $('#migration-id').textContent = `plan ${plan.id}`;
  $('#migration-map tbody').replaceChildren(...mappingRows(plan).map(([from, to]) => h('tr', {}, h('td', {}, from), h('td', {}, to))));
  const order = { blocker: 0, changed: 1, dropped: 2, note: 3 };
  $('#migration-findings').replaceChildren(...[...plan.findings].sort((x, y) => order[x.severity] - order[y.severity])
    .map((f) => h('li', { class: `severity-${f.severity}` }, `[${f.severity}] ${f.feature}: ${f.message}`)));
  $('#migration-followups').replaceChildren(...plan.followUps.map((f) => h('li', {}, f)));
  const blocked = plan.findings.some((f) => f.severity === 'blocker');
  $('#migration-apply').disabled = blocked;
  $('#migration-apply').title = blocked ? 'the plan has blockers' : '';
  $('#migration-script').hidden = true;
  $('#migration-progress').replaceChildren(...plan.steps.map((s) => h('li', { class: 'pending' }, `${s.action}: ${s.why}`)));
}

function migrationOptions() {
  const v = values($('#migration-form'));
  return { target: v.target, name: v.name || undefined, subnets: list(v.subnets ?? ''), registerTargets: $('#migration-form').register.checked };
}

async function planFor(name) {
  plan = await planMigration({ elb: client, v2 }, name, migrationOptions());
  renderPlan();
}

$('#migrate-open').addEventListener('click', (ev) => {
  $('#migration-form').reset();
  run(`Planning the migration of ${selected}`, () => planFor(selected), ev.currentTarget);
});

$('#migration-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  run(`Planning the migration of ${plan.source.name}`, () => planFor(plan.source.name), ev.currentTarget);
});

$('#migration-cli').addEventListener('click', (ev) => run('Writing the AWS CLI script', async () => {
  const script = plan.toCli();
  const box = $('#migration-script');
  box.value = script;
  box.hidden = false;
  box.select();
  // The clipboard may be refused (no focus, no permission): the script stays selected in the box.
  await navigator.clipboard?.writeText(script).catch(() => {});
}, ev.currentTarget));

$('#migration-apply').addEventListener('click', (ev) => run(`Applying the migration of ${plan.source.name}`, async () => {
  const items = [...$('#migration-progress').children];
  try {
    await applyMigration(plan, { v2 }, {
      delayMs: config.mode === 'moto' ? 200 : undefined,
      onProgress: (p) => {
        const li = items[p.index];
        li.className = p.state === 'start' ? 'running' : p.state;
        li.textContent = `${p.step.action}: ${p.step.why} — ${p.state === 'start' ? 'running…' : p.state}${p.arn ? ` ${p.arn}` : ''}`;
      },
    });
  } catch (e) {
    items.find((li) => li.className === 'running')?.classList.replace('running', 'failed');
    throw e;
  }
  await refreshV2();
}, ev.currentTarget));

$('#migration-rollback').addEventListener('click', (ev) => {
  if (!confirm(`Delete every ALB/NLB resource of plan ${plan.id}?`)) return;
  run(`Rolling back ${plan.id}`, async () => {
    const done = [];
    await rollbackMigration(plan, { v2 }, { onProgress: (p) => { done.push(h('li', { class: 'done' }, `${p.action} ${p.arn}`)); $('#migration-progress').replaceChildren(...done); } });
    await refreshV2();
  }, ev.currentTarget);
});

// ---- start -----------------------------------------------------------------------------------

const configResponse = await fetch('/config', { cache: 'no-store' });
if (configResponse.status === 401 || configResponse.status === 403) {
  // Opened without (or with a stale) token: the server's API is closed to this page.
  $('#target').textContent = 'Not signed in: open the URL that npm start printed (it carries this run\'s token).';
  $('#status').textContent = 'Locked';
  $('#connect').hidden = true;
} else {
  config = await configResponse.json();
  $('#target').textContent = `${config.mode === 'moto' ? 'local moto' : 'AWS'} · ${config.endpoint}`;
  $('#credentials-form').region.value = config.region;
}
