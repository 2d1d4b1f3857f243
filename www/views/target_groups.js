// Every target group of the region (a new one, or one whose listener was deleted, serves no balancer
// yet) with its targets' health rolled up; selecting an ALB/NLB narrows the table to its groups and
// the unused ones.
// Creating one, registering and deregistering targets, its health check, its attributes, deleting it.
import { $, action, fill, h, list, run, session, values } from './ui.js';
import { refresh } from './balancers.js';
import { editAttributes } from './attributes.js';

/** All target groups with `health`: DescribeTargetHealth of each (one call a group, in parallel). */
export async function readTargetGroups() {
  const { v2 } = session;
  const groups = [];
  for await (const page of v2.paginateDescribeTargetGroups({})) groups.push(...(page.TargetGroups ?? []));
  const health = await Promise.all(groups.map((g) => v2.describeTargetHealth({ TargetGroupArn: g.TargetGroupArn }).then((o) => o.TargetHealthDescriptions ?? [])));
  return groups.map((g, i) => ({ ...g, health: health[i] }));
}

/** `2 healthy, 1 unhealthy, 0 draining` (and any other state seen). */
export function rollUp(health) {
  const counts = { healthy: 0, unhealthy: 0, draining: 0 };
  for (const t of health) {
    const state = t.TargetHealth?.State ?? 'unknown';
    counts[state] = (counts[state] ?? 0) + 1;
  }
  return Object.entries(counts).map(([state, n]) => `${n} ${state}`).join(', ');
}

const balancerNames = (g) => [...new Set(g.LoadBalancerArns ?? [])].map((arn) => session.v2Balancers.find((b) => b.LoadBalancerArn === arn)?.LoadBalancerName ?? arn.split('/')[2]);

function healthCheckText(g) {
  const where = g.HealthCheckProtocol === 'TCP' ? 'TCP' : `${g.HealthCheckProtocol ?? ''} ${g.HealthCheckPath ?? ''}`.trim();
  return `${where} every ${g.HealthCheckIntervalSeconds ?? '?'} s`;
}

/** The register and health-check forms act on this group (set by its row's buttons). */
let chosen = null;

function choose(group, formId) {
  chosen = group.TargetGroupArn;
  for (const id of ['#register-targets', '#health-check-form']) $(id).hidden = id !== formId;
  const form = $(formId);
  form.querySelector('.for').textContent = group.TargetGroupName;
  if (formId === '#health-check-form') {
    form.HealthCheckPath.value = group.HealthCheckPath ?? '';
    form.HealthCheckIntervalSeconds.value = group.HealthCheckIntervalSeconds ?? '';
    form.HealthCheckTimeoutSeconds.value = group.HealthCheckTimeoutSeconds ?? '';
    form.HealthyThresholdCount.value = group.HealthyThresholdCount ?? '';
    form.UnhealthyThresholdCount.value = group.UnhealthyThresholdCount ?? '';
  }
  form.querySelector('input:not([type=hidden])')?.focus();
}

export function renderTargetGroups() {
  const { v2 } = session;
  const arn = session.selectedArn;
  // A selected balancer's groups, and those serving none yet (a new group waits there for a listener).
  const shown = arn ? session.targetGroups.filter((g) => g.LoadBalancerArns?.includes(arn) || !g.LoadBalancerArns?.length) : session.targetGroups;
  $('#target-groups-scope').textContent = arn ? `of ${session.v2Balancers.find((b) => b.LoadBalancerArn === arn)?.LoadBalancerName ?? ''}, and unused` : 'of the region';
  const rows = shown.map((g) =>
    h('tr', { 'data-name': g.TargetGroupName },
      h('th', { scope: 'row' }, g.TargetGroupName),
      h('td', {}, `${g.Protocol ?? ''}:${g.Port ?? ''}`),
      h('td', {}, healthCheckText(g)),
      h('td', {}, rollUp(g.health),
        h('ul', {}, g.health.map((t) => h('li', { class: `health-${t.TargetHealth?.State ?? ''}` }, `${t.Target.Id}${t.Target.Port ? `:${t.Target.Port}` : ''} ${t.TargetHealth?.State ?? ''}`,
          action('Deregister', `Deregistering ${t.Target.Id}`, () => v2.deregisterTargets({ TargetGroupArn: g.TargetGroupArn, Targets: [t.Target] }), refresh, { 'aria-label': `Deregister ${t.Target.Id}` }))))),
      h('td', {}, balancerNames(g).join(', ')),
      h('td', { class: 'actions' },
        h('button', { type: 'button', onclick: () => choose(g, '#register-targets') }, 'Register targets'),
        h('button', { type: 'button', onclick: () => choose(g, '#health-check-form') }, 'Edit health check'),
        action('Attributes', `Reading the attributes of ${g.TargetGroupName}`, async () => {
          const { Attributes = [] } = await v2.describeTargetGroupAttributes({ TargetGroupArn: g.TargetGroupArn });
          editAttributes(`target group ${g.TargetGroupName}`, Attributes, (changed) => v2.modifyTargetGroupAttributes({ TargetGroupArn: g.TargetGroupArn, Attributes: changed }));
        }),
        h('button', {
          type: 'button',
          class: 'danger',
          onclick: (ev) => {
            if (!confirm(`Delete target group ${g.TargetGroupName}?`)) return;
            run(`Deleting ${g.TargetGroupName}`, async () => {
              await v2.deleteTargetGroup({ TargetGroupArn: g.TargetGroupArn });
              await refresh();
            }, ev.currentTarget);
          },
        }, 'Delete target group'),
      ),
    ),
  );
  fill($('#target-groups tbody'), rows, 6, arn ? 'This balancer serves no target group.' : 'No target groups.');
}

/** A form's submit runs `fn(values, form)` through run(); done, the form closes and the page is re-read. */
function onSubmit(form, label, fn) {
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    run(label(), async () => {
      await fn(values(form), form);
      form.reset();
      form.hidden = true;
      await refresh();
    }, form);
  });
}

const number = (v) => (v === '' || v == null ? undefined : Number(v));

export function setUpTargetGroups() {
  const v2 = () => session.v2;
  $('#create-target-group-open').addEventListener('click', () => {
    const form = $('#create-target-group');
    form.hidden = !form.hidden;
    if (!form.hidden) form.Name.focus();
  });
  onSubmit($('#create-target-group'), () => `Creating target group ${$('#create-target-group').Name.value}`, (v) =>
    v2().createTargetGroup({
      Name: v.Name,
      Protocol: v.Protocol,
      Port: number(v.Port),
      VpcId: v.VpcId || undefined,
      TargetType: v.TargetType,
      HealthCheckPath: v.Protocol.startsWith('HTTP') ? v.HealthCheckPath || undefined : undefined,
      HealthCheckIntervalSeconds: number(v.HealthCheckIntervalSeconds),
    }),
  );
  onSubmit($('#register-targets'), () => 'Registering targets', (v) =>
    v2().registerTargets({ TargetGroupArn: chosen, Targets: list(v.ids).map((id) => {
      const [Id, port] = id.split(':');
      return port ? { Id, Port: Number(port) } : { Id };
    }) }),
  );
  onSubmit($('#health-check-form'), () => 'Saving the health check', (v) =>
    v2().modifyTargetGroup({
      TargetGroupArn: chosen,
      HealthCheckPath: v.HealthCheckPath || undefined,
      HealthCheckIntervalSeconds: number(v.HealthCheckIntervalSeconds),
      HealthCheckTimeoutSeconds: number(v.HealthCheckTimeoutSeconds),
      HealthyThresholdCount: number(v.HealthyThresholdCount),
      UnhealthyThresholdCount: number(v.UnhealthyThresholdCount),
    }));
}
