// elb-wasm/migrate: a Classic load balancer to ALB/NLB (../shared/API.md, "Migration"). Reading and
// applying are I/O through the clients the caller passes; the plan itself is a pure function of what
// was read (migrate_plan.js). Nothing here loads the wasm: an app importing only ElbClient ships none of it.
import { readSource, namesInUse } from './migrate_read.js';
import { makePlan } from './migrate_plan.js';
import { planToCli } from './migrate_cli.js';

export { applyMigration, rollbackMigration } from './migrate_apply.js';
export { makePlan, PLAN_TAG } from './migrate_plan.js';
export { planToCli };

/** A short random id for the plan's tag (the same in every runtime: crypto.getRandomValues). */
function newId(name) {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return `${name.slice(0, 20)}-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Gives a plain-data plan its `toCli()` (not enumerable: JSON keeps the data only). */
export function withCli(plan) {
  return Object.defineProperty(plan, 'toCli', { value: () => planToCli(plan), enumerable: false, configurable: true });
}

/**
 * Reads the Classic balancer `name` with `elb`, what ELBv2 holds with `v2`, and plans its migration.
 * Options as makePlan's (`target`, `name`, `registerTargets`, `subnets`, `waitForTargets`), plus `signal`.
 */
export async function planMigration({ elb, v2 }, name, options = {}) {
  const source = await readSource({ elb, v2 }, name, options);
  const draft = makePlan(source, { ...options, id: 'draft' });
  const taken = await namesInUse(v2, {
    balancers: draft.balancers.map((b) => b.name),
    targetGroups: draft.balancers.flatMap((b) => b.targetGroups.map((t) => t.name)),
  });
  return withCli(makePlan(source, { ...options, taken, id: options.id ?? newId(name) }));
}
