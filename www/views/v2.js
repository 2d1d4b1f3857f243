// The ALB/NLB (ELBv2) table: each balancer with its listeners' default actions and its target
// groups' targets and health.
import { $, h, run, session } from './ui.js';

export async function refreshV2() {
  const { v2 } = session;
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

export function setUpV2() {
  $('#v2-refresh').addEventListener('click', (ev) => run('Refreshing ALB/NLB', refreshV2, ev.currentTarget));
}
