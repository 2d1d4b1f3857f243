// The migration of the open Classic balancer to ALB/NLB: the plan (what maps to what, findings,
// follow-ups), its AWS CLI script, applying it step by step, and rolling it back.
import { planMigration, applyMigration, rollbackMigration } from 'elb-wasm/migrate';
import { $, h, list, listenerText, run, session, values } from './ui.js';
import { refresh } from './balancers.js';

const attrText = (list) => list.map((a) => `${a.Key}=${a.Value}`).join(', ');

/** Classic setting → new setting, one row each, from what the plan read and what it will create. */
function mappingRows(p) {
  const d = p.source.description;
  const rows = [];
  for (const ld of d.ListenerDescriptions ?? []) {
    const l = ld.Listener;
    const target = p.balancers.flatMap((b) => b.listeners.map((x) => ({ b, x }))).find(({ x }) => x.port === l.LoadBalancerPort);
    const tg = target && target.b.targetGroups.find((t) => t.key === target.x.targetGroup);
    rows.push([`listener ${listenerText(l)}${ld.PolicyNames?.length ? ` [${ld.PolicyNames.join(', ')}]` : ''}`,
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
  const { plan } = session;
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
  session.plan = await planMigration({ elb: session.client, v2: session.v2 }, name, migrationOptions());
  renderPlan();
}

export function setUpMigration() {
  $('#migrate-open').addEventListener('click', (ev) => {
    $('#migration-form').reset();
    run(`Planning the migration of ${session.selected}`, () => planFor(session.selected), ev.currentTarget);
  });

  $('#migration-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    run(`Planning the migration of ${session.plan.source.name}`, () => planFor(session.plan.source.name), ev.currentTarget);
  });

  $('#migration-cli').addEventListener('click', (ev) => run('Writing the AWS CLI script', async () => {
    const script = session.plan.toCli();
    const box = $('#migration-script');
    box.value = script;
    box.hidden = false;
    box.select();
    // The clipboard may be refused (no focus, no permission): the script stays selected in the box.
    await navigator.clipboard?.writeText(script).catch(() => {});
  }, ev.currentTarget));

  $('#migration-apply').addEventListener('click', (ev) => run(`Applying the migration of ${session.plan.source.name}`, async () => {
    const items = [...$('#migration-progress').children];
    try {
      await applyMigration(session.plan, { elb: session.client, v2: session.v2 }, {
        delayMs: session.config.mode === 'moto' ? 200 : undefined,
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
    await refresh();
  }, ev.currentTarget));

  $('#migration-rollback').addEventListener('click', (ev) => {
    const { plan } = session;
    if (!confirm(`Delete every ALB/NLB resource of plan ${plan.id}?`)) return;
    run(`Rolling back ${plan.id}`, async () => {
      const done = [];
      await rollbackMigration(plan, { v2: session.v2 }, { onProgress: (p) => { done.push(h('li', { class: 'done' }, `${p.action} ${p.arn}`)); $('#migration-progress').replaceChildren(...done); } });
      await refresh();
    }, ev.currentTarget);
  });
}
