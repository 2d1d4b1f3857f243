// The tags a plan puts on everything it creates.

/** Its value is the plan's id: apply finds what an earlier run made, rollback what to delete. */
export const PLAN_TAG = 'elb-wasm:migration';
/** Its value is the Classic balancer's name: planning again finds a migration under way. */
export const SOURCE_TAG = 'elb-wasm:source';
