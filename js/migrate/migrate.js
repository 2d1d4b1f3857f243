// elb-wasm/migrate: a Classic load balancer to ALB/NLB (../shared/API.md, "Migration"). Reading and
// applying are I/O through the clients the caller passes; the plan itself is a pure function of what
// was read (migrate_plan.js). Nothing here loads the wasm: an app importing only ElbClient ships none of it.
import { readSource, inventory, fingerprint, sha256Hex, canonical, scalingGroups } from './migrate_read.js';
import { makePlan, cleanName } from './migrate_plan.js';
import { planToCli } from './migrate_cli.js';

export { applyMigration, rollbackMigration } from './migrate_apply.js';
export { makePlan, PLAN_TAG, SOURCE_TAG } from './migrate_plan.js';
export { planToCli };

/** The options that make a plan what it is (and so its id). */
const PLAN_OPTIONS = ['target', 'name', 'subnets', 'registerTargets', 'waitForTargets', 'deletionProtection'];

/**
 * The plan's id, the value of its tag on all it creates: stable, so the same account, region,
 * balancer and options give the same id (a plan printed, saved, scripted and applied are one).
 */
async function planId(account, region, name, options) {
  const chosen = Object.fromEntries(PLAN_OPTIONS.map((k) => [k, options[k]]));
  const hash = await sha256Hex(canonical({ account, region, name, options: chosen }));
  return `${cleanName(name, 19)}-${hash.slice(0, 12)}`;
}

/** Gives a plain-data plan its `toCli()` (not enumerable: JSON keeps the data only). */
export function withCli(plan) {
  return Object.defineProperty(plan, 'toCli', { value: () => planToCli(plan), enumerable: false, configurable: true });
}

/**
 * Reads the Classic balancer `name` with `elb`, every ELBv2 balancer and target group with `v2`
 * (names in use, and a migration of this balancer already under way: `plan.existing`), the account
 * with `sts` and the Auto Scaling groups attached to it with `autoscaling` when given, and plans its
 * migration. Options as makePlan's (`target`, `name`,
 * `registerTargets`, `subnets`, `waitForTargets`), plus `signal`.
 */
export async function planMigration({ elb, v2, sts, autoscaling }, name, options = {}) {
  const { signal } = options;
  const source = { ...(await readSource({ elb, v2 }, name, options)), autoScalingGroups: await scalingGroups(autoscaling, name, { signal }) };
  const account = sts ? (await sts.getCallerIdentity({}, { signal })).Account : undefined;
  const region = v2.toJSON().region;
  const { balancers, targetGroups } = await inventory(v2, { signal });
  const all = [...balancers, ...targetGroups];
  // A migration of this balancer already made resources: its id is kept, so applying again resumes.
  const earlier = all.filter((r) => r.source === name && r.plan);
  const ids = [...new Set(earlier.map((r) => r.plan))];
  const id = options.id ?? ids[0] ?? (await planId(account, region, name, options));
  const existing = ids.length ? { id: ids[0], ids, resources: earlier.map(({ kind, name: n, arn, plan }) => ({ kind, name: n, arn, id: plan })) } : null;
  // Names taken by anything but this plan's own resources.
  const taken = {
    balancers: balancers.filter((r) => r.plan !== id).map((r) => r.name),
    targetGroups: targetGroups.filter((r) => r.plan !== id).map((r) => r.name),
  };
  return withCli(makePlan(source, {
    ...options, id, taken, existing, account, region, createdAt: new Date().toISOString(), fingerprint: await fingerprint(source),
  }));
}
