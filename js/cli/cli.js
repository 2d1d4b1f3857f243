#!/usr/bin/env node
// `npx elb-wasm migrate …`: plan, print, save, script, apply or roll back the migration of a Classic
// load balancer to ALB/NLB. Credentials and region are found as the AWS CLI finds them
// (elb-wasm/aws-config). Exit codes: 0 ok, 1 error, 2 the plan has blockers.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { ElbClient } from '../entries/node.js';
import { ElbV2Client } from '../entries/v2_node.js';
import { loadAwsConfig } from './aws_config.js';
import { StsClient } from '../entries/services_node.js';
import { fileProviders } from '../credentials/file_providers.js';
import { planMigration, applyMigration, rollbackMigration, planToCli } from '../migrate/migrate.js';

const HELP = `usage: elb-wasm migrate <ClassicName> [options]
       elb-wasm migrate --apply PLAN.json | --rollback PLAN.json [options]

Plans moving a Classic load balancer to an Application and/or Network Load Balancer, and prints
the plan: what is carried over, changed (from what to what, and why) or dropped, the blockers, the
new balancers with their listeners and target groups, and what to do outside ELB afterwards.
The Classic balancer is only read, never changed.

  --target auto|application|network   the new type (default auto: ALB for HTTP(S), NLB for TCP/SSL)
  --name NAME          the new balancer's name (default: the Classic one's)
  --subnets a,b        more subnets for the new balancer (an ALB needs two zones)
  --no-register        do not register the Classic balancer's instances as targets
  --wait-targets       end apply by waiting until the registered targets are healthy
  --json FILE          save the plan as JSON (apply it later with --apply FILE)
  --cli                print the plan as a bash script of aws elbv2 commands instead
  --apply [FILE]       apply the plan (of FILE, or made now), with progress; safe to repeat
  --rollback FILE      delete every resource the plan of FILE created
  --region R           default: AWS_REGION, AWS_DEFAULT_REGION, the profile's region
  --endpoint URL       default: AWS_ENDPOINT_URL(_ELASTIC_LOAD_BALANCING[_V2]), the profile's endpoint_url
  --profile P          default: AWS_PROFILE, then default
  -h, --help           this text

Exit codes: 0 done, 1 error, 2 the plan has blockers (nothing applied).`;

class UsageError extends Error {}

function parse(argv) {
  const o = { positional: [] };
  const value = (i, flag) => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '-h': case '--help': o.help = true; break;
      case '--target': o.target = value(i++, a); break;
      case '--name': o.name = value(i++, a); break;
      case '--subnets': o.subnets = value(i++, a).split(',').filter(Boolean); break;
      case '--no-register': o.registerTargets = false; break;
      case '--wait-targets': o.waitForTargets = true; break;
      case '--json': o.json = value(i++, a); break;
      case '--cli': o.cli = true; break;
      case '--apply':
        o.apply = true;
        if (argv[i + 1] && !argv[i + 1].startsWith('--') && existsSync(argv[i + 1]) && argv[i + 1].endsWith('.json')) o.applyFile = argv[++i];
        break;
      case '--rollback': o.rollback = value(i++, a); break;
      case '--region': o.region = value(i++, a); break;
      case '--endpoint': case '--endpoint-url': o.endpoint = value(i++, a); break;
      case '--profile': o.profile = value(i++, a); break;
      default:
        if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
        o.positional.push(a);
    }
  }
  if (o.target && !['auto', 'application', 'network'].includes(o.target)) throw new UsageError(`--target must be auto, application or network`);
  return o;
}

function clients(o) {
  const found = (service) => loadAwsConfig({ service, endpoint: o.endpoint, region: o.region, profile: o.profile });
  const elbConfig = found('elb');
  const v2Config = found('elbv2');
  if (!elbConfig.region) throw new UsageError('no region: pass --region, or set AWS_REGION, or a region in ~/.aws/config');
  // Static keys as loadAwsConfig finds them; else the AWS SDK's chain (a role or SSO profile, a
  // credential_process, the token file, the container, the instance). Each client keeps what it
  // gives until shortly before it expires.
  const chain = elbConfig.credentials ? undefined : fileProviders(StsClient).fromNodeProviderChain({ profile: o.profile });
  const make = (Client, c) => new Client({ region: c.region, endpoint: c.endpoint, credentials: c.credentials ?? chain });
  return { elb: make(ElbClient, elbConfig), v2: make(ElbV2Client, v2Config) };
}

const MARK = { blocker: 'BLOCKER', changed: 'changed', dropped: 'dropped', note: 'note' };

/** The plan as a person reads it. */
function describe(plan) {
  const out = [`Migration plan ${plan.id}: Classic load balancer ${plan.source.name}`, ''];
  for (const b of plan.balancers) {
    out.push(`${b.type === 'application' ? 'Application' : 'Network'} Load Balancer ${b.name} (${b.scheme}; subnets ${b.subnets.join(', ') || 'none'}${b.securityGroups.length ? `; security groups ${b.securityGroups.join(', ')}` : ''})`);
    for (const l of b.listeners) {
      const tg = b.targetGroups.find((t) => t.key === l.targetGroup);
      out.push(`  listener ${l.protocol}:${l.port}${l.sslPolicy ? ` (${l.sslPolicy})` : ''} -> target group ${tg?.name}`);
    }
    for (const tg of b.targetGroups) {
      const hc = tg.healthCheck;
      out.push(`  target group ${tg.name}: ${tg.protocol}:${tg.port}, health ${hc.HealthCheckProtocol ?? '?'}:${hc.HealthCheckPort ?? ''}${hc.HealthCheckPath ?? ''}, ${tg.targets.length} target(s)`);
      for (const a of tg.attributes) out.push(`    ${a.Key} = ${a.Value}`);
    }
    for (const a of b.attributes) out.push(`  ${a.Key} = ${a.Value}`);
  }
  for (const severity of ['blocker', 'changed', 'dropped', 'note']) {
    const list = plan.findings.filter((f) => f.severity === severity);
    if (!list.length) continue;
    out.push('', `${MARK[severity]} (${list.length}):`);
    for (const f of list) out.push(`  - ${f.feature}: ${f.message}`);
  }
  out.push('', `${plan.steps.length} steps. After it is applied:`);
  for (const f of plan.followUps) out.push(`  - ${f}`);
  return out.join('\n');
}

function readPlan(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot read the plan ${file}: ${e.code ?? e.message}`);
  }
}

async function main(argv) {
  const [command, ...rest] = argv;
  if (!command || command === '-h' || command === '--help') return console.log(HELP), 0;
  if (command !== 'migrate') throw new UsageError(`unknown command ${command} (elb-wasm migrate --help)`);
  const o = parse(rest);
  if (o.help) return console.log(HELP), 0;
  if (o.rollback) {
    const plan = readPlan(o.rollback);
    const { v2 } = clients(o);
    const { deleted } = await rollbackMigration(plan, { v2 }, { onProgress: (p) => console.error(`${p.action} ${p.arn}`) });
    console.log(`rolled back ${plan.id}: ${deleted.length} resource(s) deleted`);
    return 0;
  }
  let plan;
  const c = clients(o);
  if (o.applyFile) plan = readPlan(o.applyFile);
  else {
    if (o.positional.length !== 1) throw new UsageError('name one Classic load balancer (elb-wasm migrate --help)');
    plan = await planMigration(c, o.positional[0], { target: o.target, name: o.name, subnets: o.subnets, registerTargets: o.registerTargets, waitForTargets: o.waitForTargets });
  }
  if (o.json) writeFileSync(o.json, `${JSON.stringify(plan, null, 2)}\n`);
  const blocked = plan.findings.some((f) => f.severity === 'blocker');
  if (o.cli) console.log(planToCli(plan));
  else if (!o.applyFile) console.log(describe(plan));
  if (o.json) console.error(`plan saved to ${o.json}`);
  if (blocked) {
    console.error('the plan has blockers: nothing was applied');
    return 2;
  }
  if (o.apply) {
    const done = await applyMigration(plan, c, {
      onProgress: (p) => {
        if (p.state !== 'start') console.error(`[${p.index + 1}/${p.total}] ${p.step.action} ${p.state}${p.arn ? ` ${p.arn}` : ''}`);
      },
    });
    console.log(`applied ${plan.id}: ${Object.keys(done.applied.refs).length} resource(s); the Classic balancer ${plan.source.name} is unchanged`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    const text = String(e?.message ?? e);
    const message = e instanceof UsageError || !e?.code || text.startsWith(e.code) ? text : `${e.code}: ${text}`;
    console.error(`elb-wasm: ${message}`);
    process.exit(1);
  },
);
