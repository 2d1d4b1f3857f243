// The Classic balancers table: every balancer with its listeners and instances' health; creating
// one. A refresh re-reads everything the page shows (the ALB/NLB table, the open balancer).
import { $, h, list, listenerText, run, session, values } from './ui.js';
import { loadDetail, select } from './detail.js';
import { refreshV2 } from './v2.js';

export async function refresh() {
  const { client } = session;
  const found = [];
  for await (const page of client.paginateDescribeLoadBalancers({})) found.push(...(page.LoadBalancerDescriptions ?? []));
  const health = await Promise.all(
    found.map((b) => (b.Instances?.length ? client.describeInstanceHealth({ LoadBalancerName: b.LoadBalancerName }).then((o) => o.InstanceStates ?? []) : [])),
  );
  session.balancers = found.map((b, i) => ({ ...b, health: health[i] }));
  renderTable();
  await refreshV2();
  if (session.selected && !session.balancers.some((b) => b.LoadBalancerName === session.selected)) session.selected = null;
  if (session.selected) await loadDetail(session.selected);
  else $('#detail').hidden = true;
}

function policyNames(b) {
  const p = b.Policies ?? {};
  return [...(p.AppCookieStickinessPolicies ?? []), ...(p.LBCookieStickinessPolicies ?? [])].map((x) => x.PolicyName).concat(p.OtherPolicies ?? []);
}

export function renderTable() {
  const rows = session.balancers.map((b) =>
    h(
      'tr',
      { 'data-name': b.LoadBalancerName, class: b.LoadBalancerName === session.selected ? 'selected' : '', onclick: () => run(`Loading ${b.LoadBalancerName}`, () => select(b.LoadBalancerName)) },
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

export function setUpBalancers() {
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
        else input.AvailabilityZones = list(v.zones).length ? list(v.zones) : [`${session.config.region}a`];
        await session.client.createLoadBalancer(input);
        form.reset();
        session.selected = v.name;
        await refresh();
      },
      form,
    );
  });
}
