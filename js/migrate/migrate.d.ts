// elb-wasm/migrate: a Classic load balancer to ALB/NLB. Written by hand (its shape is the plan's, not a model's).
import type { ElbClient } from './index.js';
import type { ElbV2Client } from './v2.js';
import type { StsClient, AutoScalingClient, CloudWatchClient } from './services.js';

export type Severity = 'blocker' | 'changed' | 'dropped' | 'note';

export interface Finding {
  severity: Severity;
  /** The Classic setting or aspect: `listener`, `health check`, `stickiness`, `TLS policy`, ... */
  feature: string;
  message: string;
}

export interface PlanStep {
  /** An ELBv2 action (`CreateTargetGroup`, ...) or a wait (`WaitLoadBalancerAvailable`, `WaitTargetInService`). */
  action: string;
  /** The action's input; `{{ref}}` stands for the ARN an earlier step's `ref` names. */
  input: Record<string, unknown>;
  why: string;
  /** The name later steps use for the ARN this step creates. */
  ref?: string;
}

export interface PlannedTargetGroup {
  key: string;
  name: string;
  protocol: string;
  port: number;
  vpcId: string;
  healthCheck: Record<string, unknown>;
  attributes: { Key: string; Value: string }[];
  targets: { Id: string; Port: number }[];
}

export interface PlannedListener {
  key: string;
  protocol: string;
  port: number;
  targetGroup: string;
  certificates?: { CertificateArn: string }[];
  sslPolicy?: string;
  attributes: { Key: string; Value: string }[];
}

export interface PlannedBalancer {
  key: 'alb' | 'nlb';
  name: string;
  type: 'application' | 'network';
  scheme: string;
  subnets: string[];
  securityGroups: string[];
  attributes: { Key: string; Value: string }[];
  tags: { Key: string; Value: string }[];
  listeners: PlannedListener[];
  targetGroups: PlannedTargetGroup[];
}

/** Plain data: `JSON.stringify` and back gives a plan that applies the same way. */
export interface MigrationPlan {
  version: 1;
  /**
   * The value of the `elb-wasm:migration` tag on every resource the plan creates: stable (the same
   * account, region, balancer and options give the same id), or a migration under way's.
   */
  id: string;
  /** Where and when it was read (planMigration; the account when an StsClient was given). */
  account?: string;
  region?: string;
  createdAt?: string;
  /** Of everything read from the Classic balancer but instance health: apply refuses a changed one. */
  fingerprint?: string;
  /** Resources already carrying a migration tag of this Classic balancer, or null. */
  existing: { id: string; ids: string[]; resources: { kind: 'balancer' | 'target group'; name: string; arn: string; id: string }[] } | null;
  /** What was read from the Classic balancer (description, attributes, policies, tags, health) and ELBv2's TLS policies. */
  source: { name: string; [what: string]: unknown };
  target: string;
  balancers: PlannedBalancer[];
  /** The Classic balancer's CloudWatch alarms as alarms on the new balancers' metrics (read with `cloudwatch`). */
  alarms: { name: string; from: string; metric: string; namespace: string; balancer: string; targetGroup?: string }[];
  steps: PlanStep[];
  findings: Finding[];
  /** What a person must do outside ELB: DNS, Auto Scaling, IAM, CloudWatch. */
  followUps: string[];
}

export interface PlanOptions {
  /** Default 'auto': ALB for HTTP(S), NLB for TCP/SSL, both when the Classic balancer has both. */
  target?: 'auto' | 'application' | 'network';
  /** The new balancer's name (default: the Classic one's); a split plan's NLB is `<name>-nlb`. */
  name?: string;
  /** Register the Classic balancer's instances in the new target groups (default true). */
  registerTargets?: boolean;
  /** Wait for the targets to be healthy at the end of apply. */
  waitForTargets?: boolean;
  /** More subnets for the new balancer (an ALB needs two zones). */
  subnets?: string[];
  /** The plan's id (default: stable, from account, region, balancer and options). */
  id?: string;
  /** Plan a balancer CloudFormation, Elastic Beanstalk or Kubernetes owns anyway (a change, not a blocker). */
  allowOwned?: boolean;
  /** Create the new balancers with deletion protection (rollback lifts it for them). Default false. */
  deletionProtection?: boolean;
  signal?: AbortSignal;
}

export interface Progress {
  index: number;
  total: number;
  step: PlanStep;
  state: 'start' | 'created' | 'found' | 'done';
  arn?: string;
}

export declare function planMigration(clients: { elb: ElbClient; v2: ElbV2Client; sts?: StsClient; autoscaling?: AutoScalingClient; cloudwatch?: CloudWatchClient }, name: string, options?: PlanOptions): Promise<MigrationPlan & { toCli(): string }>;
export declare function makePlan(source: MigrationPlan['source'], options?: PlanOptions & { taken?: { balancers: string[]; targetGroups: string[] } }): MigrationPlan;
export declare function planToCli(plan: MigrationPlan): string;
export declare function withCli<P extends MigrationPlan>(plan: P): P & { toCli(): string };
/**
 * Checks the whole plan first (`InvalidPlan`), then that it is not stale (`StalePlan`: another account
 * or region, or a changed Classic balancer; `force` skips the latter), then runs it.
 */
export declare function applyMigration(plan: MigrationPlan, clients: { v2: ElbV2Client; elb?: ElbClient; sts?: StsClient; autoscaling?: AutoScalingClient; cloudwatch?: CloudWatchClient }, options?: { signal?: AbortSignal; onProgress?: (p: Progress) => void; delayMs?: number; force?: boolean }): Promise<MigrationPlan & { applied: { refs: Record<string, string> } }>;
/** Deletes what carries the plan's tag (`dryRun`: lists it); nothing to delete is `NothingToRollBack`. */
export declare function rollbackMigration(plan: MigrationPlan, clients: { v2: ElbV2Client; autoscaling?: AutoScalingClient; cloudwatch?: CloudWatchClient }, options?: { signal?: AbortSignal; onProgress?: (p: { action: string; arn: string }) => void; delayMs?: number; dryRun?: boolean }): Promise<{ deleted: string[]; wouldDelete?: { kind: string; name: string; arn: string }[] }>;
export declare const PLAN_TAG: 'elb-wasm:migration';
export declare const SOURCE_TAG: 'elb-wasm:source';

export interface FleetSummary {
  total: number;
  /** Notes only. */
  ready: number;
  /** No blocker; something changed or dropped. */
  changed: number;
  blocked: number;
  /** Its migration's resources exist already. */
  migrated: number;
}

export interface Fleet {
  account?: string;
  region?: string;
  /** One plan per Classic balancer, in name order. */
  plans: MigrationPlan[];
  summary: FleetSummary;
  /** Balancers that could not be read; the others are still planned. */
  errors: { name: string; error: { code: string; message: string } }[];
  /** What planning asked of the services, by operation (the clients' retries not counted). */
  requests?: { total: number; byOperation: Record<string, number> };
}

type Clients = { elb: ElbClient; v2: ElbV2Client; sts?: StsClient; autoscaling?: AutoScalingClient; cloudwatch?: CloudWatchClient };

/**
 * Plans every Classic balancer of the account and region (or `names`): what plans share read once,
 * descriptions 400 a page, tags 20 names a call, the rest three calls each, `concurrency` at a time.
 */
export declare function planFleet(clients: Clients, options?: { names?: string[]; concurrency?: number; options?: PlanOptions; onProgress?: (p: { phase: 'read'; name: string; done: number; total: number }) => void; signal?: AbortSignal }): Promise<Fleet>;
/** Applies the ready (or unblocked) plans and those under way; one failure never stops the others. */
export declare function applyFleet(fleet: Fleet, clients: Clients, options?: { only?: 'ready' | 'unblocked'; concurrency?: number; onProgress?: (p: { phase: 'apply'; name: string; state: 'applied' | 'failed'; done: number; total: number }) => void; signal?: AbortSignal; delayMs?: number }): Promise<{ applied: { name: string; id: string; refs: Record<string, string> }[]; failed: { name: string; id: string; error: { code: string; message: string } }[]; skipped: { name: string; status: string }[] }>;
/** The readiness report as a string; `html` is one self-contained file (chart, sortable, filterable, no network). */
export declare function fleetReport(fleet: Fleet, options?: { format?: 'html' | 'markdown' | 'csv' | 'json' }): string;

export interface CutoverOptions {
  /** A CNAME or alias A/AAAA record that points at the Classic balancer today. */
  record: string;
  /** Which new balancer of a split plan takes the record (default: the only one). */
  balancer?: 'application' | 'network';
  /** Percent on the new balancer, step by step, rising to 100 (default [10, 50, 100]). */
  steps?: number[];
  /** Between steps (default 300). */
  bakeSeconds?: number;
  /** The new balancer's 5xx rate at most this, and no worse than the Classic balancer's (default 0.01). */
  maxErrorRate?: number;
  /** At 100%, replace the weighted pair with a plain record to the new balancer. */
  finalize?: boolean;
  onProgress?: (p: { phase: 'weights' | 'bake' | 'passed' | 'reverted' | 'final'; weights: { classic: number; new: number }; secondsLeft?: number; reason?: string }) => void | Promise<void>;
  signal?: AbortSignal;
}

/** Moves the record's traffic to the new balancer step by step with gates; a failed gate reverts. */
export declare function cutover(plan: MigrationPlan, clients: { v2: ElbV2Client; route53: import('./services.js').Route53Client; cloudwatch?: CloudWatchClient; elb?: ElbClient }, options: CutoverOptions): Promise<{ state: 'done' | 'reverted' | 'paused'; weights: { classic: number; new: number }; reason?: string; deleteClassic?: string }>;
/** All traffic back on the Classic balancer (weights 100 / 0, or the plain record of a finalized one). */
export declare function revertCutover(plan: MigrationPlan, clients: { route53: import('./services.js').Route53Client }, options: { record: string; signal?: AbortSignal }): Promise<{ state: 'reverted'; weights: { classic: number; new: number } }>;
/** The cut-over's steps as a bash script of `aws route53` commands (the gates left to the person, as comments). */
export declare function cutoverScript(plan: MigrationPlan, clients: { v2: ElbV2Client; route53: import('./services.js').Route53Client }, options: CutoverOptions): Promise<string>;
