// Applying a plan (migrate_plan.js) with an ElbV2Client, and rolling it back. Every resource apply
// creates carries the tag PLAN_TAG = plan.id; apply looks for what exists with that tag before it
// creates anything, so a second run after a failure or an abort continues without duplicates, and
// rollback deletes exactly what carries the tag, newest first. The Classic balancer is never touched.
import { ElbError } from '../client/elb_error.js';
import { PLAN_TAG } from './migrate_plan.js';
import { inventory, readClassicByName, fingerprint, scalingGroups } from './migrate_read.js';
import { checkPlan } from './migrate_check.js';

const lowerFirst = (s) => s[0].toLowerCase() + s.slice(1);

/** A CloudWatch dimension's value for an ELBv2 ARN: `app/name/id` (a balancer), `targetgroup/name/id`. */
export function dimensionOf(arn) {
  const resource = String(arn).split(':').slice(5).join(':');
  return resource.replace(/^loadbalancer\//, '');
}

/**
 * `{{ref}}` placeholders in a step's input replaced by the ARNs known so far; `{{dim:ref}}` by the
 * CloudWatch dimension value of that ARN.
 */
function resolve(value, refs) {
  if (typeof value === 'string') {
    return value.replace(/\{\{([^}]+)\}\}/g, (_, placeholder) => {
      const dim = placeholder.startsWith('dim:');
      const ref = dim ? placeholder.slice(4) : placeholder;
      if (!(ref in refs)) throw new ElbError(`the plan refers to ${ref} before it exists`, { code: 'InvalidInput', field: 'steps' });
      return dim ? dimensionOf(refs[ref]) : refs[ref];
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

const stale = (why) => new ElbError(`the plan is stale: ${why}`, { code: 'StalePlan' });

/** What differs between the Classic balancer a plan was made from and the one read now. */
function changes(then, now) {
  const parts = {
    listeners: (s) => s.description?.ListenerDescriptions,
    instances: (s) => (s.description?.Instances ?? []).map((i) => i.InstanceId).sort(),
    'health check': (s) => s.description?.HealthCheck,
    subnets: (s) => s.description?.Subnets,
    'security groups': (s) => s.description?.SecurityGroups,
    scheme: (s) => s.description?.Scheme,
    'back-end policies': (s) => s.description?.BackendServerDescriptions,
    stickiness: (s) => s.description?.Policies,
    attributes: (s) => s.attributes,
    policies: (s) => s.policies,
    tags: (s) => s.tags,
  };
  const differ = Object.entries(parts).filter(([, get]) => JSON.stringify(get(then)) !== JSON.stringify(get(now))).map(([k]) => k);
  return differ.length ? differ.join(', ') : 'its description';
}

/**
 * Refuses a plan made elsewhere or from a Classic balancer that has changed since (`force` skips
 * the latter only): an instance gone, a listener added, would leave apply half-way.
 */
async function checkFresh(plan, { elb, v2, sts, autoscaling }, { signal, force }) {
  const region = v2.toJSON?.().region;
  if (plan.region && region !== plan.region) throw stale(`it was made in ${plan.region}; the clients reach ${region}`);
  if (plan.account) {
    if (!sts) throw new ElbError('applyMigration needs sts (an StsClient) to check the plan\'s account', { code: 'InvalidInput', field: 'sts' });
    const { Account } = await sts.getCallerIdentity({}, { signal });
    if (Account !== plan.account) throw stale(`it was made in account ${plan.account}; the credentials are account ${Account}'s`);
  }
  if (!plan.fingerprint || force) return;
  if (!elb) throw new ElbError('applyMigration needs elb (an ElbClient) to check the plan is not stale', { code: 'InvalidInput', field: 'elb' });
  const groups = plan.source.autoScalingGroups;
  if (groups?.length && !autoscaling) throw new ElbError('applyMigration needs autoscaling (an AutoScalingClient): the plan attaches Auto Scaling groups', { code: 'InvalidInput', field: 'autoscaling' });
  const now = await readClassicByName(elb, plan.source.name, { signal });
  if (groups) now.autoScalingGroups = await scalingGroups(autoscaling, plan.source.name, { signal });
  if ((await fingerprint(now)) !== plan.fingerprint) {
    throw stale(`the Classic balancer ${plan.source.name} changed since ${plan.createdAt ?? 'the plan was made'} (${changes(plan.source, now)}): plan again, or apply with force`);
  }
}

/**
 * Runs the plan's steps in order. `onProgress({ index, total, step, state, arn })` is called as each
 * step starts ('start') and ends ('created', 'found' for a resource a previous run made, 'done').
 * Resolves to the plan with `applied: { refs }` (every ARN it created or found); rejects with the
 * step's ElbError (or AbortError) and can simply be called again.
 */
export async function applyMigration(plan, { elb, v2, autoscaling, sts, cloudwatch } = {}, { signal, onProgress, delayMs, force } = {}) {
  // The whole plan, before anything is sent: a file cannot make apply call what a planner does not.
  checkPlan(plan, { v2, autoscaling, cloudwatch });
  const blockers = (plan.findings ?? []).filter((f) => f.severity === 'blocker');
  if (blockers.length) {
    throw new ElbError(`the plan has ${blockers.length} blocker(s): ${blockers.map((b) => b.message).join('; ')}`, { code: 'MigrationBlocked' });
  }
  await checkFresh(plan, { elb, v2, sts, autoscaling }, { signal, force });
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
      case 'PutMetricAlarm':
        // Put again, the same alarm: nothing changes.
        await cloudwatch.putMetricAlarm(input, options);
        break;
      case 'AttachLoadBalancerTargetGroups':
        // Attaching what is attached already changes nothing.
        await autoscaling.attachLoadBalancerTargetGroups(input, options);
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
 * newest first, then target groups in the reverse of the plan's order. Resolves to
 * `{ deleted: [arn...] }`, or with `dryRun` to `{ deleted: [], wouldDelete: [{ kind, name, arn }] }`
 * having deleted nothing. Works from the plan alone, applied or not (after a failed apply too).
 * When nothing carries the tag: `NothingToRollBack`, naming the tag and the migrations of the same
 * Classic balancer that do exist (a plan file of another run).
 */
export async function rollbackMigration(plan, { v2, autoscaling, cloudwatch }, { signal, onProgress, delayMs = 1000, dryRun = false } = {}) {
  if (!plan || typeof plan.id !== 'string') throw new ElbError('not a migration plan (no id)', { code: 'InvalidPlan' });
  const { balancers, targetGroups } = await inventory(v2, { signal });
  const mine = (r) => r.plan === plan.id;
  // Newest first: balancers by creation time, target groups in the reverse of the plan's order.
  const ourBalancers = balancers.filter(mine).sort((a, b) => (b.created ?? 0) - (a.created ?? 0));
  const order = (plan.steps ?? []).filter((s) => s.action === 'CreateTargetGroup').map((s) => s.input?.Name);
  const ourGroups = targetGroups.filter(mine).sort((a, b) => order.indexOf(b.name) - order.indexOf(a.name));
  // The plan's alarms that exist (by the names the plan lists: CloudWatch alarms are found by name).
  const alarmNames = (plan.alarms ?? []).map((a) => a.name).filter((n) => typeof n === 'string');
  if (alarmNames.length && !cloudwatch) throw new ElbError('rollbackMigration needs cloudwatch (a CloudWatchClient): the plan made alarms', { code: 'InvalidInput', field: 'cloudwatch' });
  const ourAlarms = [];
  for (let i = 0; i < alarmNames.length; i += 100) {
    const { MetricAlarms = [] } = await cloudwatch.describeAlarms({ AlarmNames: alarmNames.slice(i, i + 100) }, { signal });
    ourAlarms.push(...MetricAlarms.map((a) => ({ kind: 'alarm', name: a.AlarmName, arn: a.AlarmArn })));
  }
  const ours = [...ourBalancers, ...ourGroups, ...ourAlarms];
  if (!ours.length) {
    const others = [...new Set([...balancers, ...targetGroups].filter((r) => r.source === plan.source?.name && r.plan).map((r) => r.plan))];
    throw new ElbError(
      `nothing carries ${PLAN_TAG}=${plan.id}: nothing to roll back${others.length ? `; migrations of ${plan.source.name} that exist: ${others.join(', ')}` : ''}`,
      { code: 'NothingToRollBack' },
    );
  }
  // The Auto Scaling groups the plan attached its target groups to: detached first.
  const groups = plan.source?.autoScalingGroups ?? [];
  if (groups.length && !autoscaling) throw new ElbError('rollbackMigration needs autoscaling (an AutoScalingClient): the plan attached Auto Scaling groups', { code: 'InvalidInput', field: 'autoscaling' });
  const ourArns = new Set(ourGroups.map((g) => g.arn));
  const detach = [];
  for (const g of groups) {
    const { LoadBalancerTargetGroups = [] } = await autoscaling.describeLoadBalancerTargetGroups({ AutoScalingGroupName: g.name }, { signal });
    const arns = LoadBalancerTargetGroups.map((t) => t.LoadBalancerTargetGroupARN).filter((a) => ourArns.has(a));
    if (arns.length) detach.push({ group: g.name, arns });
  }
  if (dryRun) {
    return {
      deleted: [],
      wouldDelete: ours.map(({ kind, name, arn }) => ({ kind, name, arn })),
      wouldDetach: detach.map(({ group, arns }) => ({ group, targetGroups: arns })),
    };
  }
  for (let i = 0; i < ourAlarms.length; i += 100) {
    const names = ourAlarms.slice(i, i + 100).map((a) => a.name);
    onProgress?.({ action: 'DeleteAlarms', arn: names.join(', ') });
    await cloudwatch.deleteAlarms({ AlarmNames: names }, { signal });
  }
  for (const { group, arns } of detach) {
    onProgress?.({ action: 'DetachLoadBalancerTargetGroups', arn: group });
    await autoscaling.detachLoadBalancerTargetGroups({ AutoScalingGroupName: group, TargetGroupARNs: arns }, { signal });
  }
  const deleted = [];
  for (const { arn } of ourBalancers) {
    onProgress?.({ action: 'DeleteLoadBalancer', arn });
    // A plan made with deletionProtection protects its own balancers: lifted for them, and only them.
    if (plan.balancers?.some((b) => b.attributes?.some((a) => a.Key === 'deletion_protection.enabled' && a.Value === 'true'))) {
      await v2.modifyLoadBalancerAttributes({ LoadBalancerArn: arn, Attributes: [{ Key: 'deletion_protection.enabled', Value: 'false' }] }, { signal });
    }
    await v2.deleteLoadBalancer({ LoadBalancerArn: arn }, { signal });
    deleted.push(arn);
  }
  for (const { arn } of ourGroups) {
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
  return { deleted: [...ourAlarms.map((a) => a.arn ?? a.name), ...deleted] };
}
