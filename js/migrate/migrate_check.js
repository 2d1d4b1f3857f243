// The whole plan checked before apply writes anything (../shared/API.md, "Migration you can run on
// production"): a plan is a file a person may edit, keep for weeks or receive from someone else, and
// apply runs what it says. So only the calls a planner emits, every resource it names one the plan
// itself creates (a `{{ref}}` an earlier step makes), names ELBv2 accepts, this plan's tag on all it
// creates, and every input valid by the model; otherwise `InvalidPlan` naming the step, and nothing
// is sent. A plan file cannot delete or change anything else.
import { ElbError } from '../client/elb_error.js';
import { PLAN_TAG } from './migrate_plan.js';

const CHECK = Symbol.for('elb-wasm.checkInput');

/** What a planner emits, with the client and operation each runs as (waiters: the call they poll). */
export const PLAN_ACTIONS = {
  CreateTargetGroup: ['v2', 'CreateTargetGroup'],
  ModifyTargetGroupAttributes: ['v2', 'ModifyTargetGroupAttributes'],
  CreateLoadBalancer: ['v2', 'CreateLoadBalancer'],
  WaitLoadBalancerAvailable: ['v2', 'DescribeLoadBalancers'],
  ModifyLoadBalancerAttributes: ['v2', 'ModifyLoadBalancerAttributes'],
  CreateListener: ['v2', 'CreateListener'],
  ModifyListenerAttributes: ['v2', 'ModifyListenerAttributes'],
  RegisterTargets: ['v2', 'RegisterTargets'],
  WaitTargetInService: ['v2', 'DescribeTargetHealth'],
  AttachLoadBalancerTargetGroups: ['autoscaling', 'AttachLoadBalancerTargetGroups'],
  PutMetricAlarm: ['cloudwatch', 'PutMetricAlarm'],
};
const ALARM_NAMESPACES = new Set(['AWS/ApplicationELB', 'AWS/NetworkELB']);

// ELBv2's documented name rules: 1-32 letters, digits and hyphens, not beginning or ending with a
// hyphen; a balancer's may not begin with "internal-".
const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/;
const REF = /^(tg|lb|listener):[a-z0-9-]{1,80}$/;
const PLACEHOLDER = /^\{\{([^{}]+)\}\}$/;
// What stands for a placeholder while the model checks an input: an ARN of the right shape.
const DUMMY_ARN = 'arn:aws:elasticloadbalancing:us-east-1:000000000000:placeholder/checked/0000000000000000';

const invalid = (where, why) => new ElbError(`the plan cannot be applied: ${where}: ${why}`, { code: 'InvalidPlan' });

/** Every `[path, string]` under `value` whose key names a resource (an ARN), certificates excepted. */
function arnsIn(value, path = '') {
  const out = [];
  const walk = (v, p, key) => {
    if (typeof v === 'string') {
      if (/arns?$/i.test(key) && key !== 'CertificateArn') out.push([p, v]);
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, `${p}[${i}]`, key));
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) walk(x, p ? `${p}.${k}` : k, k);
    }
  };
  walk(value, path, '');
  return out;
}

/** `value` with each `{{ref}}` replaced by an ARN of the right shape, for the model's check. */
function withDummies(value) {
  if (typeof value === 'string') return PLACEHOLDER.test(value) ? DUMMY_ARN : value;
  if (Array.isArray(value)) return value.map(withDummies);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withDummies(v)]));
  return value;
}

/**
 * Throws `InvalidPlan` unless `plan` is one apply may run with `clients` ({ v2, autoscaling }).
 * Pure but for the clients' input checks (which send nothing).
 */
export function checkPlan(plan, clients) {
  if (!plan || typeof plan !== 'object' || Array.isArray(plan)) throw invalid('the file', 'not a migration plan (an object with id and steps)');
  if (plan.version !== 1) throw invalid('version', `unknown plan version ${JSON.stringify(plan.version)} (this package writes 1)`);
  if (typeof plan.id !== 'string' || !/^[A-Za-z0-9-]{1,64}$/.test(plan.id)) throw invalid('id', 'not a plan id');
  if (!Array.isArray(plan.steps) || !plan.steps.length) throw invalid('steps', 'no steps');
  const made = new Set();
  plan.steps.forEach((step, i) => {
    const where = `step ${i + 1}${step && typeof step.action === 'string' ? ` (${step.action})` : ''}`;
    if (!step || typeof step !== 'object' || !step.input || typeof step.input !== 'object' || Array.isArray(step.input)) {
      throw invalid(where, 'not a step with an input');
    }
    const runs = Object.hasOwn(PLAN_ACTIONS, step.action) ? PLAN_ACTIONS[step.action] : undefined;
    if (!runs) throw invalid(where, `${JSON.stringify(step.action)} is not an action a migration plan takes (${Object.keys(PLAN_ACTIONS).join(', ')})`);
    for (const [path, arn] of arnsIn(step.input)) {
      const ref = PLACEHOLDER.exec(arn)?.[1];
      if (!ref) throw invalid(where, `${path} names a resource the plan does not create (${arn}): a plan only changes what it makes`);
      if (!made.has(ref)) throw invalid(where, `${path} refers to ${ref}, which no earlier step creates`);
    }
    const { input } = step;
    if (step.action === 'CreateTargetGroup' || step.action === 'CreateLoadBalancer') {
      if (typeof input.Name !== 'string' || !NAME.test(input.Name) || (step.action === 'CreateLoadBalancer' && /^internal-/i.test(input.Name))) {
        throw invalid(where, `${JSON.stringify(input.Name)} is not a name ELBv2 accepts (1-32 letters, digits, hyphens; no hyphen first or last${step.action === 'CreateLoadBalancer' ? '; not internal-…' : ''})`);
      }
    }
    if (step.action === 'PutMetricAlarm') {
      // An alarm of the new balancers' own metrics, on dimensions the plan's resources give.
      if (!ALARM_NAMESPACES.has(input.Namespace)) throw invalid(where, `an alarm in namespace ${JSON.stringify(input.Namespace)}: a plan makes alarms on ${[...ALARM_NAMESPACES].join(' or ')} only`);
      for (const [i, d] of (Array.isArray(input.Dimensions) ? input.Dimensions : []).entries()) {
        const ref = /^\{\{dim:([^{}]+)\}\}$/.exec(d?.Value ?? '')?.[1];
        if (!ref || !made.has(ref)) throw invalid(where, `Dimensions[${i}] is not a resource an earlier step of the plan creates`);
      }
      if (typeof input.AlarmName !== 'string' || !(plan.alarms ?? []).some((a) => a?.name === input.AlarmName)) {
        throw invalid(where, `${JSON.stringify(input.AlarmName)} is not an alarm the plan lists (plan.alarms): rollback could not find it`);
      }
    }
    if ((/^Create/.test(step.action) || step.action === 'PutMetricAlarm') && !input.Tags?.some?.((t) => t?.Key === PLAN_TAG && t?.Value === plan.id)) {
      throw invalid(where, `what it creates would not carry ${PLAN_TAG}=${plan.id}, so rollback could not find it`);
    }
    if (step.ref !== undefined) {
      if (typeof step.ref !== 'string' || !REF.test(step.ref)) throw invalid(where, `${JSON.stringify(step.ref)} is not a reference (tg:, lb: or listener: and a key)`);
      if (!/^Create/.test(step.action)) throw invalid(where, 'only a step that creates a resource names a reference');
      if (made.has(step.ref)) throw invalid(where, `${step.ref} is created twice`);
    }
    if (step.action === 'AttachLoadBalancerTargetGroups' && !(plan.source?.autoScalingGroups ?? []).some((g) => g?.name === input.AutoScalingGroupName)) {
      throw invalid(where, `${JSON.stringify(input.AutoScalingGroupName)} is not a group the plan read as attached to the Classic balancer`);
    }
    const [clientName, operation] = runs;
    const client = clients?.[clientName];
    if (!client || typeof client[CHECK] !== 'function') throw invalid(where, `needs the ${clientName} client`);
    try {
      client[CHECK](operation, withDummies(input));
    } catch (e) {
      throw invalid(where, `${e?.field ? `${e.field}: ` : ''}${e?.message ?? e}`);
    }
    if (step.ref) made.add(step.ref);
  });
}
