// A plan's steps as a bash script of `aws elbv2 …` commands (the AWS CLI, v1 or v2), for a person who
// reviews and runs them instead of applyMigration: each ARN captured into a shell variable with
// `--query … --output text`, waits as `aws elbv2 wait …`. Arguments given to the script (such as
// `--endpoint-url URL` or `--profile P`) are passed to every command; AWS_ENDPOINT_URL is honoured by
// the CLI itself. Like apply, it first looks for what an earlier run made (a resource of the plan's
// name carrying its tag; a listener on the port), so running it twice creates nothing twice. bash
// 3.2 and later (macOS's): no `"${a[@]}"` of an empty array under `set -u`.

const kebab = (s) => s.replace(/[A-Z]+(?![a-z])|[A-Z]/g, (m, i) => (i ? '-' : '') + m.toLowerCase());
const variable = (ref) => ref.toUpperCase().replace(/[^A-Z0-9]+/g, '_');

/**
 * A single-quoted shell word in which each `{{ref}}` becomes the variable holding that ARN, and each
 * `{{dim:ref}}` its CloudWatch dimension (`app/name/id`, `targetgroup/name/id`).
 */
function quote(text) {
  const parts = String(text).split(/(\{\{[^}]+\}\})/);
  return parts
    .map((p) => {
      const ref = /^\{\{([^}]+)\}\}$/.exec(p);
      if (ref && ref[1].startsWith('dim:lb:')) return `"\${${variable(ref[1].slice(4))}#*:loadbalancer/}"`;
      if (ref && ref[1].startsWith('dim:')) return `"\${${variable(ref[1].slice(4))}##*:}"`;
      if (ref) return `"$${variable(ref[1])}"`;
      return p === '' ? '' : `'${p.replaceAll("'", `'\\''`)}'`;
    })
    .join('') || "''";
}

/** One input member as CLI arguments: scalars as they are, lists of scalars as words, the rest JSON. */
function argument(name, value) {
  const flag = `--${kebab(name)}`;
  if (typeof value === 'boolean') return [value ? flag : `--no-${kebab(name)}`];
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object')) return [flag, ...value.map(quote)];
  if (value !== null && typeof value === 'object') return [flag, quote(JSON.stringify(value))];
  return [flag, quote(value)];
}

const OUTPUT = {
  CreateTargetGroup: 'TargetGroups[0].TargetGroupArn',
  CreateLoadBalancer: 'LoadBalancers[0].LoadBalancerArn',
  CreateListener: 'Listeners[0].ListenerArn',
};

/** How the script finds what an earlier run created: the command printing its ARN, or nothing. */
function lookup(step) {
  const { input } = step;
  if (step.action === 'CreateTargetGroup') return `elbv2 describe-target-groups --names ${quote(input.Name)} --query 'TargetGroups[0].TargetGroupArn' --output text 2>/dev/null || true`;
  if (step.action === 'CreateLoadBalancer') return `elbv2 describe-load-balancers --names ${quote(input.Name)} --query 'LoadBalancers[0].LoadBalancerArn' --output text 2>/dev/null || true`;
  if (step.action === 'CreateListener') return `elbv2 describe-listeners --load-balancer-arn ${quote(input.LoadBalancerArn)} --query 'Listeners[?Port==\`${Number(input.Port)}\`].ListenerArn | [0]' --output text`;
  return undefined;
}
const WAITS = { WaitLoadBalancerAvailable: 'load-balancer-available', WaitTargetInService: 'target-in-service' };

/** The bash script for `plan`. */
export function planToCli(plan) {
  const name = plan.source?.name ?? '';
  const lines = [
    '#!/usr/bin/env bash',
    `# Migration ${plan.id}: Classic load balancer ${name} -> ${plan.balancers.map((b) => `${b.type} ${b.name}`).join(' + ')}.`,
    '# Made by elb-wasm; review, then run: bash this-file.sh [--endpoint-url URL] [--profile P] [--region R]',
    '# Safe to run again: what an earlier run made (by name and tag) is reused, not made twice.',
    `# Every resource is tagged elb-wasm:migration=${plan.id}. To roll back, save the plan (it keeps this id`,
    `# once anything carries the tag) and roll it back: elb-wasm migrate ${name} --json ${name}.migration.json,`,
    `# then elb-wasm migrate --rollback ${name}.migration.json`,
    'set -euo pipefail',
    `PLAN_ID=${quote(plan.id)}`,
    'EXTRA=("$@")',
    // bash before 4.4 calls an empty "${EXTRA[@]}" unbound under set -u.
    'elbv2() { aws elbv2 "$@" ${EXTRA[@]+"${EXTRA[@]}"}; }',
    'autoscaling() { aws autoscaling "$@" ${EXTRA[@]+"${EXTRA[@]}"}; }',
    'cloudwatch() { aws cloudwatch "$@" ${EXTRA[@]+"${EXTRA[@]}"}; }',
    '# Whether ARN $1 is a resource of this plan (it carries the tag).',
    `ours() { [ -n "$1" ] && [ "$1" != None ] && [ "$(elbv2 describe-tags --resource-arns "$1" --query "TagDescriptions[0].Tags[?Key=='elb-wasm:migration'].Value | [0]" --output text)" = "$PLAN_ID" ]; }`,
    '',
  ];
  for (const f of plan.findings ?? []) lines.push(`# ${f.severity}: ${f.feature}: ${f.message}`.replace(/\n/g, ' '));
  if (plan.findings?.some((f) => f.severity === 'blocker')) lines.push('echo "this plan has blockers: not run" >&2', 'exit 2');
  lines.push('');
  for (const step of plan.steps) {
    lines.push(`# ${step.action}: ${step.why ?? ''}`);
    if (WAITS[step.action]) {
      lines.push(['elbv2 wait', WAITS[step.action], ...Object.entries(step.input).flatMap(([k, v]) => argument(k, v))].join(' '));
      continue;
    }
    const args = Object.entries(step.input).flatMap(([k, v]) => argument(k, v));
    const service = { AttachLoadBalancerTargetGroups: 'autoscaling', PutMetricAlarm: 'cloudwatch' }[step.action] ?? 'elbv2';
    const command = [service, kebab(step.action), ...args].join(' ');
    if (step.ref && OUTPUT[step.action]) {
      const v = variable(step.ref);
      lines.push(`${v}=$(${lookup(step)})`);
      if (step.action === 'CreateListener') {
        lines.push(`if [ -z "$${v}" ] || [ "$${v}" = None ]; then`);
      } else {
        lines.push(`if ! ours "$${v}"; then`);
        lines.push(`  if [ -n "$${v}" ] && [ "$${v}" != None ]; then echo ${quote(`${step.input.Name} exists and is not this plan's (no elb-wasm:migration=${plan.id} tag)`)} >&2; exit 1; fi`);
      }
      lines.push(`  ${v}=$(${command} --query '${OUTPUT[step.action]}' --output text)`);
      lines.push('fi');
      lines.push(`echo "${step.ref}: $${v}"`);
    } else {
      lines.push(`${command} >/dev/null`);
    }
  }
  lines.push('');
  return lines.join('\n');
}
