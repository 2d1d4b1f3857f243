// A plan from what was read (planMigration reads one balancer, planFleet many): the plan's stable
// id, what exists of a migration under way, the names in use. Shared by migrate.js and the fleet.
import { makePlan, cleanName } from './migrate_plan.js';
import { fingerprint, sha256Hex, canonical, inventory } from './migrate_read.js';
import { planToCli } from './migrate_cli.js';

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

/** What every plan of an account and region shares (a fleet reads it once for all its plans). */
export async function readShared({ v2, sts }, { signal } = {}) {
  const account = sts ? (await sts.getCallerIdentity({}, { signal })).Account : undefined;
  return { account, region: v2.toJSON().region, inventory: await inventory(v2, { signal }) };
}

/** The plan of a Classic balancer from what was read: its id, what exists of it, names in use. */
export async function planFrom({ account, region, inventory: { balancers, targetGroups }, planned = { balancers: [], targetGroups: [] } }, source, options = {}) {
  const name = source.description.LoadBalancerName;
  const all = [...balancers, ...targetGroups];
  // A migration of this balancer already made resources: its id is kept, so applying again resumes.
  const earlier = all.filter((r) => r.source === name && r.plan);
  const ids = [...new Set(earlier.map((r) => r.plan))];
  const id = options.id ?? ids[0] ?? (await planId(account, region, name, options));
  const existing = ids.length ? { id: ids[0], ids, resources: earlier.map(({ kind, name: n, arn, plan }) => ({ kind, name: n, arn, id: plan })) } : null;
  // Names taken by anything but this plan's own resources, and by the plans made before it (a fleet's).
  const taken = {
    balancers: [...balancers.filter((r) => r.plan !== id).map((r) => r.name), ...planned.balancers],
    targetGroups: [...targetGroups.filter((r) => r.plan !== id).map((r) => r.name), ...planned.targetGroups],
  };
  return withCli(makePlan(source, {
    ...options, id, taken, existing, account, region, createdAt: new Date().toISOString(), fingerprint: await fingerprint(source),
  }));
}
