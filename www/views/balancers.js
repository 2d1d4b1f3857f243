// The one table of every balancer — Classic, Application, Network, Gateway — with its targets'
// health rolled up (`2/3 healthy`), unhealthy ones first, narrowed by the filter; creating a
// Classic balancer. A refresh re-reads everything the page shows (target groups, the open balancer).
import { $, fill, h, list, listenerText, run, session, values } from './ui.js';
import { loadDetail, select } from './detail.js';
import { loadV2Detail, selectV2 } from './v2_detail.js';
import { readTargetGroups, renderTargetGroups } from './target_groups.js';

/** ELBv2 balancers with their listeners (the target groups and their health are read once for all). */
async function readV2() {
  const { v2 } = session;
  const found = [];
  for await (const page of v2.paginateDescribeLoadBalancers({})) found.push(...(page.LoadBalancers ?? []));
  return Promise.all(found.map(async (lb) => {
    const { Listeners = [] } = await v2.describeListeners({ LoadBalancerArn: lb.LoadBalancerArn });
    return { ...lb, listeners: Listeners.sort((a, b) => a.Port - b.Port) };
  }));
}

async function readClassic() {
  const { client } = session;
  const found = [];
  for await (const page of client.paginateDescribeLoadBalancers({})) found.push(...(page.LoadBalancerDescriptions ?? []));
  const health = await Promise.all(
    found.map((b) => (b.Instances?.length ? client.describeInstanceHealth({ LoadBalancerName: b.LoadBalancerName }).then((o) => o.InstanceStates ?? []) : [])),
  );
  return found.map((b, i) => ({ ...b, health: health[i] }));
}

export async function refresh() {
  const [classic, v2, groups] = await Promise.all([readClassic(), readV2(), readTargetGroups()]);
  session.balancers = classic;
  session.v2Balancers = v2;
  session.targetGroups = groups;
  if (session.selected && !classic.some((b) => b.LoadBalancerName === session.selected)) session.selected = null;
  if (session.selectedArn && !v2.some((b) => b.LoadBalancerArn === session.selectedArn)) session.selectedArn = null;
  renderTable();
  renderTargetGroups();
  $('#detail').hidden = !session.selected;
  $('#v2-detail').hidden = !session.selectedArn;
  if (session.selected) await loadDetail(session.selected);
  if (session.selectedArn) await loadV2Detail(session.selectedArn);
  if (!session.selected && !session.selectedArn) $('#metrics').hidden = true;
}

const tgName = (arn) => session.targetGroups.find((t) => t.TargetGroupArn === arn)?.TargetGroupName ?? arn?.split('/')[1] ?? '';

/** A listener's default action in a few words: `forward web`, `forward a 80 / b 20`, `redirect`. */
export function actionText(a) {
  if (a.Type === 'forward') {
    const groups = a.ForwardConfig?.TargetGroups ?? [{ TargetGroupArn: a.TargetGroupArn }];
    return `forward ${groups.map((g) => (groups.length > 1 ? `${tgName(g.TargetGroupArn)} ${g.Weight ?? 1}` : tgName(g.TargetGroupArn))).join(' / ')}`;
  }
  if (a.Type === 'redirect') return `redirect ${a.RedirectConfig?.StatusCode ?? ''}`.trim();
  if (a.Type === 'fixed-response') return `fixed-response ${a.FixedResponseConfig?.StatusCode ?? ''}`.trim();
  return a.Type;
}

/** Every balancer as one row's facts; healthy and total count each registered target once. */
function rows() {
  const classic = session.balancers.map((b) => ({
    name: b.LoadBalancerName,
    type: 'classic',
    state: '',
    dns: b.DNSName ?? '',
    listeners: (b.ListenerDescriptions ?? []).map((d) => listenerText(d.Listener)),
    healthy: b.health.filter((s) => s.State === 'InService').length,
    total: (b.Instances ?? []).length,
    zones: b.AvailabilityZones ?? [],
    selected: b.LoadBalancerName === session.selected,
    open: () => select(b.LoadBalancerName),
  }));
  const v2 = session.v2Balancers.map((b) => {
    const targets = session.targetGroups.filter((g) => g.LoadBalancerArns?.includes(b.LoadBalancerArn)).flatMap((g) => g.health);
    return {
      name: b.LoadBalancerName,
      type: b.Type ?? '',
      state: b.State?.Code ?? '',
      dns: b.DNSName ?? '',
      listeners: b.listeners.map((l) => `${l.Protocol}:${l.Port} → ${(l.DefaultActions ?? []).map(actionText).join(', ')}`),
      healthy: targets.filter((t) => t.TargetHealth?.State === 'healthy').length,
      total: targets.length,
      zones: (b.AvailabilityZones ?? []).map((z) => z.ZoneName),
      selected: b.LoadBalancerArn === session.selectedArn,
      open: () => selectV2(b.LoadBalancerArn),
    };
  });
  const needle = $('#balancer-filter').value.trim().toLowerCase();
  const shown = [...classic, ...v2].filter((r) => !needle || [r.name, r.type, r.dns].some((s) => s.toLowerCase().includes(needle)));
  // Unhealthy first (some target not healthy), then by name and type.
  return shown.sort((a, b) => (b.total - b.healthy > 0) - (a.total - a.healthy > 0) || a.name.localeCompare(b.name) || a.type.localeCompare(b.type));
}

export function renderTable() {
  const trs = rows().map((r) =>
    h('tr', { 'data-name': r.name, 'data-type': r.type, class: r.selected ? 'selected' : '', onclick: () => run(`Loading ${r.name}`, r.open) },
      h('td', {}, h('button', { type: 'button', class: 'link', 'aria-pressed': String(r.selected) }, r.name)),
      h('td', {}, r.type),
      h('td', {}, r.state),
      h('td', {}, r.dns),
      h('td', {}, h('ul', {}, r.listeners.map((l) => h('li', {}, l)))),
      h('td', { class: r.healthy < r.total ? 'health-unhealthy' : '' }, r.total ? `${r.healthy}/${r.total} healthy` : 'no targets'),
      h('td', {}, r.zones.join(', ')),
    ),
  );
  fill($('#balancers tbody'), trs, 7, session.balancers.length + session.v2Balancers.length ? 'None matches the filter.' : 'No load balancers.');
}

export function setUpBalancers() {
  $('#refresh').addEventListener('click', (ev) => run('Refreshing', refresh, ev.currentTarget));
  $('#balancer-filter').addEventListener('input', renderTable);

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
        else input.AvailabilityZones = list(v.zones).length ? list(v.zones) : [`${session.config.region}a`];
        await session.client.createLoadBalancer(input);
        form.reset();
        session.selected = null;
        session.selectedArn = null;
        await refresh();
        await select(v.name);
      },
      form,
    );
  });
}
