// One ALB or NLB: its listeners (forward, weighted forward, redirect, fixed-response; certificate and
// TLS policy), an ALB listener's rules (conditions, priorities moved through SetRulePriorities), its
// attributes; creating and deleting balancers.
import { $, action, fill, h, list, run, session, values } from './ui.js';
import { actionText, refresh, renderTable } from './balancers.js';
import { renderTargetGroups } from './target_groups.js';
import { editAttributes } from './attributes.js';
import { actionsFrom, conditionsFrom, conditionsText } from './actions.js';
import { showMetrics } from './metrics.js';

/** The listener whose rules are open. */
let openListener = null;

const balancer = () => session.v2Balancers.find((b) => b.LoadBalancerArn === session.selectedArn);

export async function selectV2(arn) {
  session.selectedArn = arn;
  session.selected = null;
  openListener = null;
  $('#detail').hidden = true;
  $('#rules').hidden = true;
  renderTable();
  renderTargetGroups();
  await loadV2Detail(arn);
  const b = balancer();
  editAttributes(`load balancer ${b.LoadBalancerName}`, (await session.v2.describeLoadBalancerAttributes({ LoadBalancerArn: arn })).Attributes ?? [],
    (changed) => session.v2.modifyLoadBalancerAttributes({ LoadBalancerArn: arn, Attributes: changed }));
  await showMetrics({ kind: b.Type, name: b.LoadBalancerName, arn, targetGroups: session.targetGroups.filter((g) => g.LoadBalancerArns?.includes(arn)) });
}

/** The target groups a listener or rule may forward to, as options of each form's selects. */
function groupOptions() {
  const options = () => session.targetGroups.map((g) => h('option', { value: g.TargetGroupArn }, g.TargetGroupName));
  for (const select of document.querySelectorAll('select.target-group')) {
    const was = select.value;
    select.replaceChildren(...(select.dataset.optional ? [h('option', { value: '' }, '(none)')] : []), ...options());
    if ([...select.options].some((o) => o.value === was)) select.value = was;
  }
}

export async function loadV2Detail(arn) {
  const b = balancer();
  if (!b) return;
  $('#v2-detail').hidden = false;
  $('#v2-detail-name').textContent = `${b.LoadBalancerName} (${b.Type}, ${b.Scheme ?? ''})`;
  groupOptions();
  const isAlb = b.Type === 'application';
  const rows = b.listeners.map((l) =>
    h('tr', { 'data-port': String(l.Port) },
      h('th', { scope: 'row' }, `${l.Protocol}:${l.Port}`),
      h('td', {}, (l.DefaultActions ?? []).map(actionText).join(', ')),
      h('td', {}, l.SslPolicy ?? ''),
      h('td', {}, (l.Certificates ?? []).map((c) => c.CertificateArn).join(', ')),
      h('td', { class: 'actions' },
        isAlb ? h('button', { type: 'button', onclick: (ev) => run(`Reading the rules of ${l.Protocol}:${l.Port}`, () => openRules(l), ev.currentTarget) }, 'Rules') : null,
        action('Delete listener', `Deleting listener ${l.Port}`, () => session.v2.deleteListener({ ListenerArn: l.ListenerArn }), refresh, { class: 'danger' })),
    ),
  );
  fill($('#v2-listeners tbody'), rows, 5, 'No listeners.');
  if (openListener) {
    const still = b.listeners.find((l) => l.ListenerArn === openListener.ListenerArn);
    if (still) await openRules(still);
    else $('#rules').hidden = true;
  }
}

/** The rules of `listener`, by priority (the default rule last, fixed). */
async function openRules(listener) {
  openListener = listener;
  const { Rules = [] } = await session.v2.describeRules({ ListenerArn: listener.ListenerArn });
  const ordered = Rules.filter((r) => !r.IsDefault).sort((a, b) => Number(a.Priority) - Number(b.Priority));
  $('#rules').hidden = false;
  $('#rules-of').textContent = `${listener.Protocol}:${listener.Port}`;
  const rows = ordered.map((r, i) =>
    h('tr', { 'data-priority': r.Priority },
      h('th', { scope: 'row' }, r.Priority),
      h('td', {}, conditionsText(r.Conditions)),
      h('td', {}, (r.Actions ?? []).map(actionText).join(', ')),
      h('td', { class: 'actions' },
        action('Move up', `Moving rule ${r.Priority} up`, () => swap(r, ordered[i - 1], ordered), refresh, i === 0 ? { disabled: '' } : {}),
        action('Move down', `Moving rule ${r.Priority} down`, () => swap(r, ordered[i + 1], ordered), refresh, i === ordered.length - 1 ? { disabled: '' } : {}),
        action('Delete rule', `Deleting rule ${r.Priority}`, () => session.v2.deleteRule({ RuleArn: r.RuleArn }), refresh, { class: 'danger' })),
    ),
  );
  const fallback = Rules.find((r) => r.IsDefault);
  if (fallback) rows.push(h('tr', {}, h('th', { scope: 'row' }, 'default'), h('td', {}, '(any request)'), h('td', {}, (fallback.Actions ?? []).map(actionText).join(', ')), h('td')));
  fill($('#rules-table tbody'), rows, 4, 'No rules.');
}

/**
 * Swaps two rules' priorities. AWS takes both in one SetRulePriorities; a service that checks each
 * pair alone (moto) answers PriorityInUse, and the swap goes through a free priority instead.
 */
async function swap(a, b, all) {
  const { v2 } = session;
  try {
    await v2.setRulePriorities({ RulePriorities: [{ RuleArn: a.RuleArn, Priority: Number(b.Priority) }, { RuleArn: b.RuleArn, Priority: Number(a.Priority) }] });
  } catch (e) {
    if (e?.code !== 'PriorityInUse') throw e;
    const free = Math.max(...all.map((r) => Number(r.Priority))) + 1;
    await v2.setRulePriorities({ RulePriorities: [{ RuleArn: a.RuleArn, Priority: free }] });
    await v2.setRulePriorities({ RulePriorities: [{ RuleArn: b.RuleArn, Priority: Number(a.Priority) }] });
    await v2.setRulePriorities({ RulePriorities: [{ RuleArn: a.RuleArn, Priority: Number(b.Priority) }] });
  }
}

/** A form's submit runs `fn(values)` through run(), then resets it and re-reads the page. */
function onSubmit(form, label, fn) {
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    run(label(), async () => {
      await fn(values(form));
      form.reset();
      form.hidden = true;
      await refresh();
    }, form);
  });
}

/** "Add listener" and the like: the button shows its form (and hides it again). */
function opens(buttonId, formId) {
  $(buttonId).addEventListener('click', () => {
    const form = $(formId);
    form.hidden = !form.hidden;
    if (!form.hidden) form.querySelector('input, select')?.focus();
  });
}

export function setUpV2Detail() {
  const v2 = () => session.v2;
  for (const slot of document.querySelectorAll('.action-fields')) slot.replaceWith($('#action-fields').content.cloneNode(true));
  opens('#create-lb-open', '#create-lb');
  opens('#add-listener-open', '#add-listener');
  opens('#add-rule-open', '#add-rule');

  $('#create-lb').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const form = ev.currentTarget;
    const v = values(form);
    run(`Creating ${v.Name}`, async () => {
      const made = await v2().createLoadBalancer({
        Name: v.Name,
        Type: v.Type,
        Scheme: v.Scheme,
        Subnets: list(v.Subnets),
        ...(list(v.SecurityGroups).length ? { SecurityGroups: list(v.SecurityGroups) } : {}),
      });
      form.reset();
      form.hidden = true;
      session.selected = null;
      session.selectedArn = null;
      await refresh();
      const arn = made.LoadBalancers?.[0]?.LoadBalancerArn;
      if (arn) await selectV2(arn);
    }, form);
  });

  onSubmit($('#add-listener'), () => `Adding listener ${$('#add-listener').Port.value}`, (v) =>
    v2().createListener({
      LoadBalancerArn: session.selectedArn,
      Protocol: v.Protocol,
      Port: Number(v.Port),
      DefaultActions: actionsFrom(v),
      ...(v.Certificate ? { Certificates: [{ CertificateArn: v.Certificate }] } : {}),
      ...(v.SslPolicy ? { SslPolicy: v.SslPolicy } : {}),
    }),
  );

  onSubmit($('#add-rule'), () => `Adding rule ${$('#add-rule').Priority.value}`, (v) =>
    v2().createRule({ ListenerArn: openListener.ListenerArn, Priority: Number(v.Priority), Conditions: conditionsFrom(v), Actions: actionsFrom(v) }),
  );

  $('#delete-lb').addEventListener('click', (ev) => {
    const b = balancer();
    if (!b || !confirm(`Delete load balancer ${b.LoadBalancerName}?`)) return;
    run(`Deleting ${b.LoadBalancerName}`, async () => {
      await v2().deleteLoadBalancer({ LoadBalancerArn: b.LoadBalancerArn });
      session.selectedArn = null;
      $('#attributes').hidden = true;
      await refresh();
    }, ev.currentTarget);
  });
}
