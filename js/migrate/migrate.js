// elb-wasm/migrate: a Classic load balancer to ALB/NLB (../shared/API.md, "Migration"). Reading and
// applying are I/O through the clients the caller passes; the plan itself is a pure function of what
// was read (migrate_plan.js). Nothing here loads the wasm: an app importing only ElbClient ships none of it.
import { readSource, scalingGroups, allAlarms, alarmsOf } from './migrate_read.js';
import { readShared, planFrom, withCli } from './migrate_from.js';
export { planFleet, applyFleet } from './migrate_fleet.js';
export { fleetReport } from './migrate_report.js';
export { cutover, revertCutover, cutoverScript } from './migrate_cutover.js';
import { planToCli } from './migrate_cli.js';

export { applyMigration, rollbackMigration } from './migrate_apply.js';
export { makePlan, PLAN_TAG, SOURCE_TAG } from './migrate_plan.js';
export { planToCli, withCli };

/**
 * Reads the Classic balancer `name` with `elb`, every ELBv2 balancer and target group with `v2`
 * (names in use, and a migration of this balancer already under way: `plan.existing`), the account
 * with `sts`, the Auto Scaling groups attached to it with `autoscaling` and the CloudWatch alarms on
 * its metrics with `cloudwatch` when given, and plans its migration. Options as makePlan's (`target`, `name`,
 * `registerTargets`, `subnets`, `waitForTargets`), plus `signal`.
 */
export async function planMigration({ elb, v2, sts, autoscaling, cloudwatch }, name, options = {}) {
  const { signal } = options;
  const source = {
    ...(await readSource({ elb, v2 }, name, options)),
    autoScalingGroups: autoscaling ? await scalingGroups(autoscaling, name, { signal }) : undefined,
    alarms: cloudwatch ? alarmsOf(await allAlarms(cloudwatch, { signal }), name) : undefined,
  };
  return planFrom(await readShared({ v2, sts }, { signal }), source, options);
}

