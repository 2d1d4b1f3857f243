// Classic → ALB/NLB as a pure function of what was read (migrate_read.js): which type, which
// balancers, listeners and target groups, which ELBv2 calls in which order, and a finding for every
// Classic setting that is not carried over as it is. No I/O: the same source gives the same plan.
// The domain (mapping table, refusals) is the project's MIGRATION.md; each stage is a file of its own:
// types (plan_types.js), settings (plan_settings.js), balancers (plan_balancer.js), steps and
// follow-ups (plan_steps.js), names (plan_names.js).
import { listenersOf, chooseTypes } from './plan_types.js';
import { readSettings } from './plan_settings.js';
import { planBalancer } from './plan_balancer.js';
import { planSteps, planFollowUps } from './plan_steps.js';
import { cleanName } from './plan_names.js';
import { planAlarms } from './plan_alarms.js';

export { PLAN_TAG, SOURCE_TAG } from './plan_tags.js';
export { cleanName };

/**
 * The plan for `source`. Options: `target` ('auto' | 'application' | 'network'), `name` (of the new
 * balancer; the NLB of a split plan derives `<name>-nlb`), `registerTargets` (default true),
 * `subnets` (extra subnets, e.g. a second zone for an ALB), `waitForTargets`, `id` (the plan's tag
 * value), `taken` ({ balancers, targetGroups } names ELBv2 already has, not this plan's),
 * `allowOwned` (plan a balancer a tool owns anyway), `deletionProtection` (the new balancers get
 * it), and what planMigration read for the record: `account`, `region`, `createdAt`,
 * `fingerprint`, `existing`.
 */
export function makePlan(source, options = {}) {
  const d = source.description;
  const classicName = d.LoadBalancerName;
  const id = options.id ?? `${cleanName(classicName, 40)}-plan`;
  const findings = [];
  const find = (severity, feature, message) => findings.push({ severity, feature, message });
  // What moves as it is is said too (as a note): the plan accounts for every Classic setting.
  const carried = (feature, message) => find('note', feature, `carried over: ${message}`);

  const listeners = listenersOf(d);
  const groups = chooseTypes(d, listeners, options, find);
  const ctx = readSettings(source, options, { id, listeners, find, carried });
  const balancers = groups.map((group, gi) => planBalancer(group, gi, ctx)).filter(Boolean);
  const { alarms, steps: alarmSteps } = planAlarms(source.alarms, balancers, ctx);
  const steps = [...planSteps(balancers, ctx), ...alarmSteps];
  const followUps = planFollowUps(balancers, { ...ctx, alarmsRead: source.alarms !== undefined });

  const where = Object.fromEntries(['account', 'region', 'createdAt', 'fingerprint'].filter((k) => options[k] !== undefined).map((k) => [k, options[k]]));
  return {
    version: 1, id, ...where, existing: options.existing ?? null,
    source: { name: classicName, ...source }, target: balancers.map((b) => b.type).join('+'), balancers, alarms, steps, findings, followUps,
  };
}
