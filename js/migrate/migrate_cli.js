// A plan's steps as a bash script of `aws elbv2 …` commands (the AWS CLI, v1 or v2), for a person who
// reviews and runs them instead of applyMigration: each ARN captured into a shell variable with
// `--query … --output text`, waits as `aws elbv2 wait …`. Arguments given to the script (such as
// `--endpoint-url URL` or `--profile P`) are passed to every command; AWS_ENDPOINT_URL is honoured by
// the CLI itself.

const kebab = (s) => s.replace(/[A-Z]+(?![a-z])|[A-Z]/g, (m, i) => (i ? '-' : '') + m.toLowerCase());
const variable = (ref) => ref.toUpperCase().replace(/[^A-Z0-9]+/g, '_');

/** A single-quoted shell word in which each `{{ref}}` becomes the variable holding that ARN. */
function quote(text) {
  const parts = String(text).split(/(\{\{[^}]+\}\})/);
  return parts
    .map((p) => {
      const ref = /^\{\{([^}]+)\}\}$/.exec(p);
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
const WAITS = { WaitLoadBalancerAvailable: 'load-balancer-available', WaitTargetInService: 'target-in-service' };

/** The bash script for `plan`. */
export function planToCli(plan) {
  const lines = [
    '#!/usr/bin/env bash',
    `# Migration ${plan.id}: Classic load balancer ${plan.source?.name ?? ''} -> ${plan.balancers.map((b) => `${b.type} ${b.name}`).join(' + ')}.`,
    '# Made by elb-wasm; review, then run: bash this-file.sh [--endpoint-url URL] [--profile P] [--region R]',
    '# Every resource is tagged elb-wasm:migration=' + plan.id + ' (rollback: elb-wasm migrate --rollback PLAN.json).',
    'set -euo pipefail',
    'elbv2() { aws elbv2 "$@" "${EXTRA[@]}"; }',
    'EXTRA=("$@")',
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
    const command = ['elbv2', kebab(step.action), ...args].join(' ');
    if (step.ref && OUTPUT[step.action]) {
      lines.push(`${variable(step.ref)}=$(${command} --query '${OUTPUT[step.action]}' --output text)`);
      lines.push(`echo "${step.ref}: $${variable(step.ref)}"`);
    } else {
      lines.push(`${command} >/dev/null`);
    }
  }
  lines.push('');
  return lines.join('\n');
}
