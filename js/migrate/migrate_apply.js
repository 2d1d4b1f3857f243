// Applying a plan (migrate_plan.js) with an ElbV2Client, and rolling it back. Every resource apply
// creates carries the tag PLAN_TAG = plan.id; apply looks for what exists with that tag before it
// creates anything, so a second run after a failure or an abort continues without duplicates, and
// rollback deletes exactly what carries the tag, newest first. The Classic balancer is never touched.
import { ElbError } from '../client/elb_error.js';
import { PLAN_TAG } from './migrate_plan.js';
import { allPages } from './migrate_read.js';
import { checkPlan } from './migrate_check.js';

const lowerFirst = (s) => s[0].toLowerCase() + s.slice(1);

/** `{{ref}}` placeholders in a step's input replaced by the ARNs known so far. */
function resolve(value, refs) {
  if (typeof value === 'string') {
    return value.replace(/\{\{([^}]+)\}\}/g, (_, ref) => {
      if (!(ref in refs)) throw new ElbError(`the plan refers to ${ref} before it exists`, { code: 'InvalidInput', field: 'steps' });
      return refs[ref];
    });
  }
  if (Array.isArray(value)) return value.map((v) => resolve(v, refs));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, refs)]));
  return value;
}

/** The ARNs among `arns` that carry this plan's tag. */
async function tagged(v2, arns, id, signal) {
  const out = new Set();
  for (let i = 0; i < arns.length; i += 20) {
    const { TagDescriptions = [] } = await v2.describeTags({ ResourceArns: arns.slice(i, i + 20) }, { signal });
    for (const d of TagDescriptions) if (d.Tags?.some((t) => t.Key === PLAN_TAG && t.Value === id)) out.add(d.ResourceArn);
  }
  return out;
}

/** The plan's resource named `name` of a kind, if it exists: its ARN; a same-named stranger is an error. */
async function existing(v2, kind, name, id, signal) {
  const [method, key, arnKey] = kind === 'balancer'
    ? ['describeLoadBalancers', 'LoadBalancers', 'LoadBalancerArn']
    : ['describeTargetGroups', 'TargetGroups', 'TargetGroupArn'];
  let found = [];
  try {
    found = (await v2[method]({ Names: [name] }, { signal }))[key] ?? [];
  } catch (e) {
    if (/NotFound$/.test(e?.code ?? '')) return undefined;
    throw e;
  }
  const arns = found.map((r) => r[arnKey]);
  const ours = await tagged(v2, arns, id, signal);
  const mine = arns.find((a) => ours.has(a));
  if (!mine && arns.length) {
    throw new ElbError(`a ${kind} named ${name} exists and is not this plan's (no ${PLAN_TAG}=${id} tag)`, { code: 'MigrationConflict' });
  }
  return mine;
}

/**
 * Runs the plan's steps in order. `onProgress({ index, total, step, state, arn })` is called as each
 * step starts ('start') and ends ('created', 'found' for a resource a previous run made, 'done').
 * Resolves to the plan with `applied: { refs }` (every ARN it created or found); rejects with the
 * step's ElbError (or AbortError) and can simply be called again.
 */
export async function applyMigration(plan, { v2, autoscaling } = {}, { signal, onProgress, delayMs } = {}) {
  // The whole plan, before anything is sent: a file cannot make apply call what a planner does not.
  checkPlan(plan, { v2, autoscaling });
  const blockers = (plan.findings ?? []).filter((f) => f.severity === 'blocker');
  if (blockers.length) {
    throw new ElbError(`the plan has ${blockers.length} blocker(s): ${blockers.map((b) => b.message).join('; ')}`, { code: 'MigrationBlocked' });
  }
  const refs = {};
  const total = plan.steps.length;
  for (const [index, step] of plan.steps.entries()) {
    if (signal?.aborted) throw new ElbError('the migration was aborted', { code: 'AbortError' });
    onProgress?.({ index, total, step, state: 'start' });
    const input = resolve(step.input, refs);
    const options = { signal };
    let state = 'done';
    let arn;
    switch (step.action) {
      case 'CreateTargetGroup':
        arn = await existing(v2, 'target group', input.Name, plan.id, signal);
        if (arn) state = 'found';
        else arn = (await v2.createTargetGroup(input, options)).TargetGroups[0].TargetGroupArn;
        break;
      case 'CreateLoadBalancer':
        arn = await existing(v2, 'balancer', input.Name, plan.id, signal);
        if (arn) state = 'found';
        else arn = (await v2.createLoadBalancer(input, options)).LoadBalancers[0].LoadBalancerArn;
        break;
      case 'CreateListener': {
        const { Listeners = [] } = await v2.describeListeners({ LoadBalancerArn: input.LoadBalancerArn }, options);
        arn = Listeners.find((l) => l.Port === input.Port)?.ListenerArn;
        if (arn) state = 'found';
        else arn = (await v2.createListener(input, options)).Listeners[0].ListenerArn;
        break;
      }
      case 'WaitLoadBalancerAvailable':
        await v2.waitUntilLoadBalancerAvailable(input, { signal, delayMs });
        break;
      case 'WaitTargetInService':
        await v2.waitUntilTargetInService(input, { signal, delayMs });
        break;
      default:
        // Attribute changes and registrations (checkPlan let only the planner's through): the same
        // call twice leaves the same state.
        await v2[lowerFirst(step.action)](input, options);
    }
    if (step.ref) {
      refs[step.ref] = arn;
      if (state === 'done') state = 'created';
    }
    onProgress?.({ index, total, step, state, arn });
  }
  return { ...JSON.parse(JSON.stringify(plan)), applied: { refs } };
}

/**
 * Deletes every ELBv2 resource tagged with the plan's id: balancers (their listeners go with them),
 * then target groups, newest first. Resolves to { deleted: [arn...] }. Works from the plan alone,
 * applied or not (after a failed apply too).
 */
export async function rollbackMigration(plan, { v2 }, { signal, onProgress, delayMs = 1000 } = {}) {
  const deleted = [];
  const balancers = await allPages((i) => v2.describeLoadBalancers(i, { signal }), {}, 'LoadBalancers');
  const ourBalancers = await tagged(v2, balancers.map((b) => b.LoadBalancerArn), plan.id, signal);
  // Newest first: balancers by creation time, target groups in the reverse of the plan's order.
  const time = (b) => (b.CreatedTime instanceof Date ? b.CreatedTime.getTime() : 0);
  const byTime = (a, b) => time(b) - time(a);
  const ours = balancers.filter((b) => ourBalancers.has(b.LoadBalancerArn)).sort(byTime).map((b) => b.LoadBalancerArn);
  for (const arn of ours) {
    onProgress?.({ action: 'DeleteLoadBalancer', arn });
    await v2.deleteLoadBalancer({ LoadBalancerArn: arn }, { signal });
    deleted.push(arn);
  }
  const groups = await allPages((i) => v2.describeTargetGroups(i, { signal }), {}, 'TargetGroups');
  const ourGroups = await tagged(v2, groups.map((g) => g.TargetGroupArn), plan.id, signal);
  const order = plan.steps.filter((s) => s.action === 'CreateTargetGroup').map((s) => s.input.Name);
  const rank = (g) => order.indexOf(g.TargetGroupName);
  const ourTgs = groups.filter((g) => ourGroups.has(g.TargetGroupArn)).sort((a, b) => rank(b) - rank(a)).map((g) => g.TargetGroupArn);
  for (const arn of ourTgs) {
    onProgress?.({ action: 'DeleteTargetGroup', arn });
    // A balancer just deleted may hold its target groups a moment longer.
    for (let attempt = 1; ; attempt++) {
      try {
        await v2.deleteTargetGroup({ TargetGroupArn: arn }, { signal });
        break;
      } catch (e) {
        if (e?.code !== 'ResourceInUse' || attempt >= 10) throw e;
        await new Promise((r) => setTimeout(r, delayMs));
      }
    }
    deleted.push(arn);
  }
  return { deleted };
}
