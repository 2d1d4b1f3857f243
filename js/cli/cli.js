#!/usr/bin/env node
// `npx elb-wasm migrate …`: plan, print, save, script, apply or roll back the migration of a Classic
// load balancer to ALB/NLB. Credentials and region are found as the AWS CLI finds them
// (elb-wasm/aws-config). Exit codes: 0 done, 1 error, 2 blockers or a refused plan, 64 usage,
// 130 interrupted.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { ElbClient } from '../entries/node.js';
import { ElbV2Client } from '../entries/v2_node.js';
import { loadAwsConfig } from './aws_config.js';
import { StsClient, AutoScalingClient, CloudWatchClient, Route53Client } from '../entries/services_node.js';
import { planMigration, applyMigration, rollbackMigration, planToCli, planFleet, applyFleet, fleetReport, cutover, revertCutover, cutoverScript } from '../migrate/migrate.js';

const HELP = `usage: elb-wasm migrate <ClassicName> [options]
       elb-wasm migrate --apply PLAN.json | --rollback PLAN.json [options]
       elb-wasm migrate --all [--report FILE] [--apply-ready | --apply-unblocked] [options]
       elb-wasm migrate --cutover PLAN.json --record NAME [--steps 10,50,100] [--bake S] [--finalize]
       elb-wasm migrate --revert-cutover PLAN.json --record NAME

Plans moving a Classic load balancer to an Application and/or Network Load Balancer, and prints
the plan: what is carried over, changed (from what to what, and why) or dropped, the blockers, the
new balancers with their listeners and target groups, and what to do outside ELB afterwards.
The Classic balancer is only read, never changed.

  --target auto|application|network   the new type (default auto: ALB for HTTP(S), NLB for TCP/SSL)
  --name NAME          the new balancer's name (default: the Classic one's)
  --subnets a,b        more subnets for the new balancer (an ALB needs two zones)
  --no-register        do not register the Classic balancer's instances as targets
  --wait-targets       end apply by waiting until the registered targets are healthy
  --allow-owned        plan a balancer CloudFormation, Elastic Beanstalk or Kubernetes owns anyway
  --deletion-protection  create the new balancers with deletion protection (rollback lifts it)
  --json FILE          save the plan as JSON (apply it later with --apply FILE); never overwrites
                       a file without --force
  --cli                print the plan as a bash script of aws elbv2 commands instead
  --apply [FILE]       apply the plan of FILE, or plan now, save it (NAME.migration.json, or --json
                       FILE) and apply it; safe to repeat: a second run resumes
  --force              overwrite the --json file; apply a plan whose Classic balancer changed
  --rollback FILE      delete every resource the plan of FILE created (asks first on a terminal)
  --yes                roll back without asking
  --dry-run            with --rollback: only list what would be deleted
  --all                every Classic balancer of the region(s): a readiness report (markdown on
                       stdout, or --report FILE.html|.md|.csv|.json), --json FILE for the plans
  --apply-ready        with --all: apply the plans with no change and those under way
  --apply-unblocked    with --all: apply every plan without a blocker
  --concurrency N      with --all: requests in flight at most (default 4)
  --regions a,b        with --all: these regions, one after the other
  --cutover FILE       move the traffic of --record NAME (a CNAME or alias to the Classic balancer)
                       to the plan's new balancer: a weighted pair, --steps percents (default
                       10,50,100) with --bake seconds between (default 300) and gates (targets
                       healthy, 5xx at most --max-error-rate, default 0.01, and no worse than the
                       Classic balancer's); a failed gate puts it all back; --balancer
                       application|network for a split plan; --finalize: a plain record at the
                       end; --cli: the steps as aws route53 commands instead; again: resumes
  --revert-cutover FILE  all of --record NAME's traffic back on the Classic balancer
  --region R           default: AWS_REGION, AWS_DEFAULT_REGION, the profile's region
  --endpoint URL       default: AWS_ENDPOINT_URL(_ELASTIC_LOAD_BALANCING[_V2]), the profile's endpoint_url
  --profile P          default: AWS_PROFILE, then default
  -h, --help           this text

Exit codes: 0 done, 1 error, 2 blockers or a refused plan (nothing applied), 64 usage,
130 interrupted (Ctrl-C stops after the step in flight; run the same command again to resume).
With --all: 0 when every balancer was read (blocked ones are results, not errors), 1 when some
could not be read or an apply failed.`;

class UsageError extends Error {}

/** A plan file rather than a balancer name: Classic names hold only letters, digits and hyphens. */
const looksLikeFile = (a) => /[./\\]/.test(a);

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
      case '--allow-owned': o.allowOwned = true; break;
      case '--deletion-protection': o.deletionProtection = true; break;
      case '--json': o.json = value(i++, a); break;
      case '--cli': o.cli = true; break;
      case '--apply':
        o.apply = true;
        // A file whether or not it exists: a missing one is an error, never a balancer name.
        if (argv[i + 1] && !argv[i + 1].startsWith('-') && looksLikeFile(argv[i + 1])) o.applyFile = argv[++i];
        break;
      case '--force': o.force = true; break;
      case '--rollback': o.rollback = value(i++, a); break;
      case '--yes': o.yes = true; break;
      case '--dry-run': o.dryRun = true; break;
      case '--all': o.all = true; break;
      case '--cutover': o.cutover = value(i++, a); break;
      case '--revert-cutover': o.revertCutover = value(i++, a); break;
      case '--record': o.record = value(i++, a); break;
      case '--balancer': o.balancer = value(i++, a); break;
      case '--steps': o.steps = value(i++, a).split(',').map(Number); break;
      case '--bake': o.bake = Number(value(i++, a)); break;
      case '--max-error-rate': o.maxErrorRate = Number(value(i++, a)); break;
      case '--finalize': o.finalize = true; break;
      case '--report': o.report = value(i++, a); break;
      case '--apply-ready': o.applyOnly = 'ready'; break;
      case '--apply-unblocked': o.applyOnly = 'unblocked'; break;
      case '--concurrency': o.concurrency = Number(value(i++, a)); break;
      case '--regions': o.regions = value(i++, a).split(',').filter(Boolean); break;
      case '--region': o.region = value(i++, a); break;
      case '--endpoint': case '--endpoint-url': o.endpoint = value(i++, a); break;
      case '--profile': o.profile = value(i++, a); break;
      default:
        if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
        o.positional.push(a);
    }
  }
  if (o.target && !['auto', 'application', 'network'].includes(o.target)) throw new UsageError(`--target must be auto, application or network`);
  if (o.dryRun && !o.rollback) throw new UsageError('--dry-run goes with --rollback FILE');
  const cutting = o.cutover || o.revertCutover;
  if ((o.record || o.balancer || o.steps || o.bake !== undefined || o.maxErrorRate !== undefined || o.finalize) && !cutting) {
    throw new UsageError('--record, --balancer, --steps, --bake, --max-error-rate and --finalize go with --cutover FILE');
  }
  if (cutting && !o.record) throw new UsageError('--cutover and --revert-cutover need --record NAME');
  if (o.balancer && !['application', 'network'].includes(o.balancer)) throw new UsageError('--balancer must be application or network');
  if (o.bake !== undefined && !(Number.isInteger(o.bake) && o.bake >= 0 && o.bake <= 86400)) throw new UsageError('--bake must be whole seconds from 0 to 86400');
  if (o.maxErrorRate !== undefined && !(o.maxErrorRate >= 0 && o.maxErrorRate <= 1)) throw new UsageError('--max-error-rate must be from 0 to 1');
  if ((o.report || o.applyOnly || o.concurrency !== undefined || o.regions) && !o.all) throw new UsageError('--report, --apply-ready, --apply-unblocked, --concurrency and --regions go with --all');
  if (o.concurrency !== undefined && !(Number.isInteger(o.concurrency) && o.concurrency >= 1 && o.concurrency <= 64)) throw new UsageError('--concurrency must be a whole number from 1 to 64');
  if (o.report && !/\.(html?|md|csv|json)$/i.test(o.report)) throw new UsageError('--report FILE must end in .html, .md, .csv or .json');
  return o;
}

function clients(o, region = o.region) {
  const found = (service) => loadAwsConfig({ service, endpoint: o.endpoint, region, profile: o.profile });
  const elbConfig = found('elb');
  if (!elbConfig.profileFound && elbConfig.from.profile !== 'default') {
    throw new UsageError(`the profile ${elbConfig.profile} (${elbConfig.from.profile === 'option' ? '--profile' : elbConfig.from.profile}) is in neither the shared config file nor the credentials file`);
  }
  if (!elbConfig.region) throw new UsageError('no region: pass --region, or set AWS_REGION, or a region in ~/.aws/config');
  // Static keys as loadAwsConfig finds them; else its AWS SDK chain (a role or SSO profile, a
  // credential_process, the token file, the container, the instance), one for every client. Each
  // client keeps what it gives until shortly before it expires.
  const make = (Client, c) => new Client({ region: c.region, endpoint: c.endpoint, credentials: c.credentials ?? elbConfig.credentialsProvider });
  return {
    elb: make(ElbClient, elbConfig),
    v2: make(ElbV2Client, found('elbv2')),
    sts: make(StsClient, found('sts')),
    autoscaling: make(AutoScalingClient, found('autoscaling')),
    cloudwatch: make(CloudWatchClient, found('cloudwatch')),
    route53: make(Route53Client, found('route53')),
  };
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

/** Writes the plan to `file`; an existing file only with `force`, or when it holds this same plan. */
function savePlan(plan, file, force) {
  if (existsSync(file) && !force) {
    let same = false;
    try {
      same = JSON.parse(readFileSync(file, 'utf8')).id === plan.id;
    } catch {}
    if (!same) throw new UsageError(`${file} exists and holds another plan: name another file (--json FILE) or pass --force`);
  }
  writeFileSync(file, `${JSON.stringify(plan, null, 2)}\n`);
  console.error(`plan ${plan.id} saved to ${file}`);
}

/** Ctrl-C: the first stops apply after the step in flight, a second at once. */
function interrupts() {
  const state = { stopped: false };
  process.on('SIGINT', () => {
    if (state.stopped) process.exit(130);
    state.stopped = true;
    console.error('\nstopping after the step in flight (Ctrl-C again to quit at once)');
  });
  return state;
}

class Interrupted extends Error {}

async function rollback(o) {
  const plan = readPlan(o.rollback);
  const { v2, autoscaling, cloudwatch } = clients(o);
  const { wouldDelete, wouldDetach } = await rollbackMigration(plan, { v2, autoscaling, cloudwatch }, { dryRun: true });
  console.log(`rollback of ${plan.id} deletes:`);
  for (const r of wouldDelete) console.log(`  ${r.kind} ${r.name} ${r.arn}`);
  for (const d of wouldDetach) console.log(`  (first detaching ${d.targetGroups.length} target group(s) from Auto Scaling group ${d.group})`);
  if (o.dryRun) return 0;
  if (!o.yes) {
    if (!process.stdin.isTTY) throw new UsageError('not a terminal: pass --yes to roll back without asking');
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    const answer = await rl.question(`delete these ${wouldDelete.length} resource(s)? [y/N] `);
    rl.close();
    if (!/^y(es)?$/i.test(answer.trim())) return console.error('nothing deleted'), 0;
  }
  const { deleted } = await rollbackMigration(plan, { v2, autoscaling, cloudwatch }, { onProgress: (p) => console.error(`${p.action} ${p.arn}`) });
  console.log(`rolled back ${plan.id}: ${deleted.length} resource(s) deleted`);
  return 0;
}

/** Progress of a fleet: a bar on a terminal, one line per balancer otherwise. */
function progressLine() {
  const tty = process.stderr.isTTY;
  return (p) => {
    const what = `${p.phase === 'read' ? 'read' : p.state} ${p.name}`;
    if (!tty) return console.error(`${what} (${p.done}/${p.total})`);
    const width = 30;
    const filled = Math.round((p.done / Math.max(1, p.total)) * width);
    process.stderr.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${p.done}/${p.total} ${p.phase} ${p.name}`.padEnd(100).slice(0, 100));
    if (p.done === p.total) process.stderr.write('\n');
  };
}

/** `--all`: every Classic balancer of the region(s), reported, the ready ones applied. */
async function allBalancers(o) {
  if (o.positional.length) throw new UsageError('--all plans every balancer: name none');
  const regions = o.regions ?? [undefined];
  const fleets = [];
  const failed = [];
  for (const region of regions) {
    const c = clients(o, region);
    const fleet = await planFleet(c, {
      concurrency: o.concurrency ?? 4, onProgress: progressLine(),
      options: { target: o.target, registerTargets: o.registerTargets, waitForTargets: o.waitForTargets, allowOwned: o.allowOwned, deletionProtection: o.deletionProtection },
    });
    fleets.push(fleet);
    if (o.applyOnly) {
      const result = await applyFleet(fleet, c, { only: o.applyOnly, concurrency: o.concurrency ?? 4, onProgress: progressLine() });
      failed.push(...result.failed);
      console.error(`${fleet.region}: ${result.applied.length} applied, ${result.failed.length} failed, ${result.skipped.length} not applied (${o.applyOnly} only)`);
      for (const f of result.failed) console.error(`  ${f.name}: ${f.error.code}: ${f.error.message}`);
    }
  }
  // One report over every region read.
  const fleet = {
    account: fleets[0]?.account,
    region: fleets.map((f) => f.region).join(', '),
    plans: fleets.flatMap((f) => f.plans),
    errors: fleets.flatMap((f) => f.errors),
    summary: Object.fromEntries(['total', 'ready', 'changed', 'blocked', 'migrated'].map((k) => [k, fleets.reduce((n, f) => n + f.summary[k], 0)])),
    requests: { total: 0, byOperation: {} },
  };
  for (const f of fleets) {
    fleet.requests.total += f.requests.total;
    for (const [op, n] of Object.entries(f.requests.byOperation)) fleet.requests.byOperation[op] = (fleet.requests.byOperation[op] ?? 0) + n;
  }
  const write = (file, text, what) => {
    if (existsSync(file) && !o.force) throw new UsageError(`${file} exists: pass --force to overwrite it`);
    writeFileSync(file, text);
    console.error(`${what} saved to ${file}`);
  };
  if (o.json) write(o.json, `${JSON.stringify(fleet, null, 2)}\n`, 'the fleet\'s plans');
  if (o.report) {
    const format = { htm: 'html', html: 'html', md: 'markdown', csv: 'csv', json: 'json' }[o.report.toLowerCase().split('.').pop()];
    write(o.report, fleetReport(fleet, { format }), 'report');
  } else {
    console.log(fleetReport(fleet, { format: 'markdown' }).trimEnd());
  }
  return fleet.errors.length || failed.length ? 1 : 0;
}

/** `--cutover FILE --record NAME`: the traffic moved step by step, or the steps as a script. */
async function moveTraffic(o) {
  const plan = readPlan(o.cutover);
  const c = clients(o);
  const options = { record: o.record, balancer: o.balancer, steps: o.steps, bakeSeconds: o.bake, maxErrorRate: o.maxErrorRate, finalize: o.finalize };
  for (const k of Object.keys(options)) if (options[k] === undefined) delete options[k];
  if (o.cli) return console.log(await cutoverScript(plan, c, options)), 0;
  const controller = new AbortController();
  process.on('SIGINT', () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
    console.error('\npausing: the weights stay as they are (run the same command to continue, --revert-cutover to go back)');
  });
  const tty = process.stderr.isTTY;
  let lastLine = 0;
  const r = await cutover(plan, c, {
    ...options, signal: controller.signal,
    onProgress: (p) => {
      const at = `${p.weights.new}% on the new balancer`;
      if (p.phase === 'bake') {
        if (tty) process.stderr.write(`\r${at}: baking, ${p.secondsLeft} s left   `);
        else if (Date.now() - lastLine >= 10_000) (lastLine = Date.now()), console.error(`${at}: baking, ${p.secondsLeft} s left`);
        return;
      }
      if (tty) process.stderr.write('\n');
      console.error(p.phase === 'weights' ? `${at}: weights changed, waiting for INSYNC` : p.phase === 'passed' ? `${at}: gates passed` : p.phase === 'final' ? 'final: a plain record to the new balancer' : `reverted: ${p.reason}`);
    },
  });
  if (r.state === 'reverted') return console.error(`reverted: all traffic on the Classic balancer: ${r.reason}`), 2;
  if (r.state === 'paused') return console.error(`paused at ${r.weights.new}% on the new balancer`), 130;
  console.log(`${o.record}: ${r.weights.new}% on the new balancer${o.finalize ? ' (final)' : ''}. The Classic balancer is not deleted; when you are sure: ${r.deleteClassic}`);
  return 0;
}

async function main(argv) {
  const [command, ...rest] = argv;
  if (!command || command === '-h' || command === '--help') return console.log(HELP), 0;
  if (command !== 'migrate') throw new UsageError(`unknown command ${command} (elb-wasm migrate --help)`);
  const o = parse(rest);
  if (o.help) return console.log(HELP), 0;
  if (o.rollback) return rollback(o);
  if (o.all) return allBalancers(o);
  if (o.revertCutover) {
    const plan = readPlan(o.revertCutover);
    const r = await revertCutover(plan, clients(o), { record: o.record });
    console.log(`${o.record}: all traffic on the Classic balancer ${plan.source.name} (weights ${r.weights.classic}/${r.weights.new})`);
    return 0;
  }
  if (o.cutover) return moveTraffic(o);
  let plan;
  if (o.applyFile) {
    if (o.positional.length) throw new UsageError('--apply FILE applies the file: name no balancer');
    plan = readPlan(o.applyFile);
  } else if (o.positional.length !== 1) {
    throw new UsageError('name one Classic load balancer (elb-wasm migrate --help)');
  }
  const c = clients(o);
  if (!plan) {
    plan = await planMigration(c, o.positional[0], {
      target: o.target, name: o.name, subnets: o.subnets, registerTargets: o.registerTargets, waitForTargets: o.waitForTargets, allowOwned: o.allowOwned,
      deletionProtection: o.deletionProtection,
    });
    if (plan.existing) console.error(`a migration of ${plan.source.name} exists (${plan.existing.resources.length} resource(s) tagged ${plan.existing.id}): this plan keeps its id`);
  }
  const file = o.json ?? (o.apply && !o.applyFile ? `${plan.source.name}.migration.json` : undefined);
  if (file) savePlan(plan, file, o.force);
  // A file's blockers (and everything else about it) are applyMigration's to check.
  const blocked = !o.applyFile && plan.findings.some((f) => f.severity === 'blocker');
  if (o.cli) console.log(planToCli(plan));
  else if (!o.applyFile) console.log(describe(plan));
  if (blocked) {
    console.error('the plan has blockers: nothing was applied');
    return 2;
  }
  if (o.apply) {
    const stop = interrupts();
    const saved = o.applyFile ?? file;
    try {
      const done = await applyMigration(plan, c, {
        force: o.force,
        onProgress: (p) => {
          if (p.state === 'start' && stop.stopped) throw new Interrupted();
          if (p.state !== 'start') console.error(`[${p.index + 1}/${p.total}] ${p.step.action} ${p.state}${p.arn ? ` ${p.arn}` : ''}`);
        },
      });
      console.log(`applied ${plan.id}: ${Object.keys(done.applied.refs).length} resource(s); the Classic balancer ${plan.source.name} is unchanged`);
    } catch (e) {
      if (!(e instanceof Interrupted)) throw e;
      console.error(`interrupted: resume with  elb-wasm migrate --apply ${saved}\n             roll back with  elb-wasm migrate --rollback ${saved}`);
      return 130;
    }
  }
  return 0;
}

// Refused plans are the person's to fix, like blockers; the rest are errors of the run.
const REFUSED = new Set(['InvalidPlan', 'StalePlan', 'MigrationBlocked', 'NothingToRollBack', 'MigrationConflict']);

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    const text = String(e?.message ?? e);
    const message = e instanceof UsageError || !e?.code || text.startsWith(e.code) ? text : `${e.code}: ${text}`;
    console.error(`elb-wasm: ${message}`);
    process.exit(e instanceof UsageError ? 64 : REFUSED.has(e?.code) ? 2 : 1);
  },
);
