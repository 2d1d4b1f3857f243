// elb-wasm/migrate: a Classic load balancer to ALB/NLB. Written by hand (its shape is the plan's, not a model's).
import type { ElbClient } from './index.js';
import type { ElbV2Client } from './v2.js';

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
  /** The value of the `elb-wasm:migration` tag on every resource the plan creates. */
  id: string;
  /** What was read from the Classic balancer (description, attributes, policies, tags, health) and ELBv2's TLS policies. */
  source: { name: string; [what: string]: unknown };
  target: string;
  balancers: PlannedBalancer[];
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
  /** The plan's id (default: random). */
  id?: string;
  signal?: AbortSignal;
}

export interface Progress {
  index: number;
  total: number;
  step: PlanStep;
  state: 'start' | 'created' | 'found' | 'done';
  arn?: string;
}

export declare function planMigration(clients: { elb: ElbClient; v2: ElbV2Client }, name: string, options?: PlanOptions): Promise<MigrationPlan & { toCli(): string }>;
export declare function makePlan(source: MigrationPlan['source'], options?: PlanOptions & { taken?: { balancers: string[]; targetGroups: string[] } }): MigrationPlan;
export declare function planToCli(plan: MigrationPlan): string;
export declare function withCli<P extends MigrationPlan>(plan: P): P & { toCli(): string };
export declare function applyMigration(plan: MigrationPlan, clients: { v2: ElbV2Client; elb?: ElbClient }, options?: { signal?: AbortSignal; onProgress?: (p: Progress) => void; delayMs?: number }): Promise<MigrationPlan & { applied: { refs: Record<string, string> } }>;
export declare function rollbackMigration(plan: MigrationPlan, clients: { v2: ElbV2Client }, options?: { signal?: AbortSignal; onProgress?: (p: { action: string; arn: string }) => void; delayMs?: number }): Promise<{ deleted: string[] }>;
export declare const PLAN_TAG: 'elb-wasm:migration';
