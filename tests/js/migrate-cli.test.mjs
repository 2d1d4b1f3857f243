// The migration's command lines against a moto of their own (MIGRATE_MOTO_URL): the package's bin
// (`elb-wasm migrate`) as a user runs it, and a plan's toCli() script run by the real AWS CLI
// (AWSCLI_BIN, awscli v1 pinned by test-js.sh), which must create what apply would: apply run after
// it finds every resource and creates none.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { planMigration, applyMigration, rollbackMigration } from 'elb-wasm/migrate';
import { requiredEnv } from './env.mjs';
import { all } from './aws-query.mjs';
import { packageBin, runStatus } from './aws-cli.mjs';
import { endpoint, region, migrateClients } from './migrate-env.mjs';

const awscli = requiredEnv('AWSCLI_BIN');
const { credentials, elb, v2, ec2 } = migrateClients('AKIDCLI');
// The package's bin, as npx would run it.
const bin = packageBin();
const work = mkdtempSync(join(tmpdir(), 'migrate-cli-'));
// The user's own configuration never leaks in: an empty HOME, only what each run sets.
const cleanEnv = { PATH: process.env.PATH, HOME: work };
const userEnv = { ...cleanEnv, AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey, AWS_REGION: region, AWS_ENDPOINT_URL: endpoint };

// In the test's own folder: `migrate NAME --apply` saves NAME.migration.json where it runs.
const run = (file, args, env) => runStatus(file, args, { env, cwd: work, timeout: 120_000 });
const cli = (args, env = userEnv) => run(process.execPath, [bin, ...args], env);

let net;
before(async () => {
  const vpc = all(await ec2({ Action: 'CreateVpc', CidrBlock: '10.40.0.0/16' }), 'vpcId')[0];
  const subnet = async (cidr, zone) => all(await ec2({ Action: 'CreateSubnet', VpcId: vpc, CidrBlock: cidr, AvailabilityZone: zone }), 'subnetId')[0];
  net = { a: await subnet('10.40.1.0/24', 'us-east-1a'), b: await subnet('10.40.2.0/24', 'us-east-1b') };
  net.instances = all(await ec2({ Action: 'RunInstances', ImageId: 'ami-12c6146b', MinCount: '1', MaxCount: '1', SubnetId: net.a }), 'instanceId');
});

async function classic(name, subnets = [net.a, net.b]) {
  await elb.createLoadBalancer({
    LoadBalancerName: name, Subnets: subnets,
    Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 8080 }, { Protocol: 'TCP', LoadBalancerPort: 25, InstanceProtocol: 'TCP', InstancePort: 25 }],
  });
  await elb.configureHealthCheck({ LoadBalancerName: name, HealthCheck: { Target: 'HTTP:8080/ping', Interval: 15, Timeout: 4, HealthyThreshold: 2, UnhealthyThreshold: 5 } });
  await elb.registerInstancesWithLoadBalancer({ LoadBalancerName: name, Instances: net.instances.map((InstanceId) => ({ InstanceId })) });
  await elb.modifyLoadBalancerAttributes({ LoadBalancerName: name, LoadBalancerAttributes: { ConnectionDraining: { Enabled: true, Timeout: 45 }, ConnectionSettings: { IdleTimeout: 90 } } });
}

test('elb-wasm --help and migrate --help', async () => {
  for (const args of [['--help'], ['migrate', '--help']]) {
    const r = await cli(args);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /usage: elb-wasm migrate <ClassicName>/);
    assert.match(r.stdout, /Exit codes: 0 done, 1 error, 2 blockers or a refused plan \(nothing applied\), 64 usage,\n130 interrupted/);
  }
  // Usage errors exit 64, apart from runtime errors (1).
  const bad = await cli(['migrate', 'x', '--target', 'gateway']);
  assert.deepEqual([bad.code, bad.stderr.trim()], [64, 'elb-wasm: --target must be auto, application or network']);
  assert.equal((await cli(['migrate', 'x', '--dry-run'])).code, 64);
  // A missing plan file is an error about the file, never looked up as a balancer name.
  const missing = await cli(['migrate', '--apply', 'missing.json']);
  assert.deepEqual([missing.code, missing.stderr.trim()], [64, 'elb-wasm: cannot read the plan missing.json: ENOENT']);
});

test('a plan printed, saved with --json, applied from the file with progress, rolled back', async () => {
  await classic('c-cli');
  const file = join(work, 'plan.json');
  const planned = await cli(['migrate', 'c-cli', '--name', 'c-cli-new', '--json', file]);
  assert.equal(planned.code, 0, planned.stderr);
  assert.match(planned.stdout, /Application Load Balancer c-cli-new/);
  assert.match(planned.stdout, /Network Load Balancer c-cli-new-nlb/);
  assert.match(planned.stdout, /listener HTTP:80 -> target group c-cli-new-http-8080/);
  assert.match(planned.stdout, /changed \(\d+\):/);
  assert.match(planned.stdout, /DNS: point the names/);
  const plan = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(plan.source.name, 'c-cli');
  assert.ok(!plan.steps.some((s) => s.action === 'WaitTargetInService'));
  // --wait-targets ends the plan with a wait per target group that has targets.
  const waiting = join(work, 'plan-wait.json');
  assert.equal((await cli(['migrate', 'c-cli', '--name', 'c-cli-new', '--wait-targets', '--json', waiting])).code, 0);
  const waits = JSON.parse(readFileSync(waiting, 'utf8')).steps.filter((s) => s.action === 'WaitTargetInService');
  assert.equal(waits.length, plan.balancers.flatMap((b) => b.targetGroups).filter((t) => t.targets.length).length);

  const applied = await cli(['migrate', '--apply', file]);
  assert.equal(applied.code, 0, applied.stderr);
  assert.match(applied.stderr, new RegExp(`\\[1/${plan.steps.length}\\] CreateTargetGroup created`));
  assert.match(applied.stdout, /the Classic balancer c-cli is unchanged/);
  const names = (await v2.describeLoadBalancers({ Names: ['c-cli-new', 'c-cli-new-nlb'] })).LoadBalancers.map((l) => l.LoadBalancerName);
  assert.deepEqual(names.sort(), ['c-cli-new', 'c-cli-new-nlb']);
  // Again: everything found, nothing duplicated.
  const again = await cli(['migrate', '--apply', file]);
  assert.equal(again.code, 0);
  assert.match(again.stderr, /CreateLoadBalancer found/);
  assert.doesNotMatch(again.stderr, /created/);

  // Not a terminal: the rollback lists what it would delete and wants --yes.
  const asked = await cli(['migrate', '--rollback', file]);
  assert.equal(asked.code, 64, asked.stderr);
  assert.match(asked.stdout, new RegExp(`^rollback of ${plan.id} deletes:\n`));
  assert.match(asked.stdout, /\n {2}balancer c-cli-new arn:/);
  assert.match(asked.stdout, /\n {2}target group c-cli-new-http-8080 arn:/);
  assert.match(asked.stderr, /pass --yes/);
  const listed = await cli(['migrate', '--rollback', file, '--dry-run']);
  assert.equal(listed.code, 0);
  assert.equal(listed.stdout, asked.stdout);
  assert.deepEqual((await v2.describeLoadBalancers({ Names: ['c-cli-new'] })).LoadBalancers.length, 1, 'nothing deleted yet');
  const rolled = await cli(['migrate', '--rollback', file, '--yes']);
  assert.equal(rolled.code, 0, rolled.stderr);
  const resources = plan.balancers.length + plan.balancers.reduce((n, b) => n + b.targetGroups.length, 0);
  assert.match(rolled.stdout, new RegExp(`rolled back ${plan.id}: ${resources} resource\\(s\\) deleted`));
  const gone = await v2.describeLoadBalancers({ Names: ['c-cli-new'] }).then(() => 'found', (e) => e.code);
  assert.equal(gone, 'LoadBalancerNotFound');
  // Nothing left: NothingToRollBack, a refused plan (2).
  const nothing = await cli(['migrate', '--rollback', file, '--yes']);
  assert.equal(nothing.code, 2);
  assert.match(nothing.stderr, new RegExp(`NothingToRollBack: nothing carries elb-wasm:migration=${plan.id}`));
});

test('one plan: --json, --cli and --apply give the same id; NAME --apply saves the plan, and again resumes; --json never overwrites another plan', async () => {
  await classic('c-same');
  const a = join(work, 'same-a.json');
  assert.equal((await cli(['migrate', 'c-same', '--json', a])).code, 0);
  const { id } = JSON.parse(readFileSync(a, 'utf8'));
  assert.match(id, /^c-same-[0-9a-f]{12}$/);
  const script = await cli(['migrate', 'c-same', '--cli']);
  assert.match(script.stdout, new RegExp(`^# Migration ${id}: `, 'm'));
  // Other options, another plan: its file is not overwritten.
  const other = await cli(['migrate', 'c-same', '--target', 'network', '--json', a]);
  assert.equal(other.code, 64);
  assert.match(other.stderr, /same-a\.json exists and holds another plan/);
  assert.equal(JSON.parse(readFileSync(a, 'utf8')).id, id);
  assert.equal((await cli(['migrate', 'c-same', '--target', 'network', '--json', a, '--force'])).code, 0);
  assert.notEqual(JSON.parse(readFileSync(a, 'utf8')).id, id);

  const applied = await cli(['migrate', 'c-same', '--apply']);
  assert.equal(applied.code, 0, applied.stderr);
  assert.match(applied.stderr, new RegExp(`plan ${id} saved to c-same\.migration\.json`));
  const saved = JSON.parse(readFileSync(join(work, 'c-same.migration.json'), 'utf8'));
  assert.equal(saved.id, id);
  // Planned again after it was applied: the migration is found by its tag and keeps its id.
  const again = await cli(['migrate', 'c-same', '--apply']);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, new RegExp(`a migration of c-same exists \\(\\d+ resource\\(s\\) tagged ${id}\\)`));
  assert.match(again.stderr, /CreateLoadBalancer found/);
  assert.doesNotMatch(again.stderr, / created/);
  assert.equal((await cli(['migrate', '--rollback', 'c-same.migration.json', '--yes'])).code, 0);
});

test('a changed Classic balancer makes the plan stale (exit 2, what changed); --force applies it; a tampered file is refused', async () => {
  await classic('c-stale');
  const file = join(work, 'stale.json');
  assert.equal((await cli(['migrate', 'c-stale', '--json', file])).code, 0);
  await elb.configureHealthCheck({ LoadBalancerName: 'c-stale', HealthCheck: { Target: 'HTTP:8080/other', Interval: 15, Timeout: 4, HealthyThreshold: 2, UnhealthyThreshold: 5 } });
  const stale = await cli(['migrate', '--apply', file]);
  assert.equal(stale.code, 2, stale.stderr);
  assert.match(stale.stderr, /StalePlan: the plan is stale: the Classic balancer c-stale changed since .* \(health check\): plan again, or apply with force/);
  const plan = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal((await v2.describeTargetGroups({ Names: [plan.steps[0].input.Name] }).then(() => 'found', (e) => e.code)), 'TargetGroupNotFound', 'nothing created');
  const forced = await cli(['migrate', '--apply', file, '--force']);
  assert.equal(forced.code, 0, forced.stderr);
  assert.equal((await cli(['migrate', '--rollback', file, '--yes'])).code, 0);
  // Another account: the plan names one the credentials are not.
  writeFileSync(file, JSON.stringify({ ...plan, account: '999999999999' }));
  const elsewhere = await cli(['migrate', '--apply', file]);
  assert.equal(elsewhere.code, 2);
  assert.match(elsewhere.stderr, /StalePlan: the plan is stale: it was made in account 999999999999; the credentials are account \d+'s/);
  // A step a planner never writes.
  writeFileSync(file, JSON.stringify({ ...plan, steps: [...plan.steps, { action: 'DeleteLoadBalancer', input: { LoadBalancerArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/x/1' } }] }));
  const tampered = await cli(['migrate', '--apply', file]);
  assert.equal(tampered.code, 2);
  assert.match(tampered.stderr, /InvalidPlan: the plan cannot be applied: step \d+ \(DeleteLoadBalancer\)/);
  writeFileSync(file, '[]');
  assert.match((await cli(['migrate', '--apply', file])).stderr, /InvalidPlan: .*not a migration plan/);
});

test('Ctrl-C after every step of a mixed plan (exit 130, how to resume and roll back); the same command resumes; nothing twice', async () => {
  await classic('c-sigint');
  const file = join(work, 'sigint.json');
  assert.equal((await cli(['migrate', 'c-sigint', '--json', file])).code, 0);
  const plan = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(plan.target, 'application+network');
  const total = plan.steps.length;
  // Run k is interrupted once step k is done: every step boundary of the plan is one a run stops at.
  // The signal is sent when the parent reads step k's line; a run whose remaining steps all finish
  // before it arrives (moto answers in a millisecond) completes instead, which may happen near the end.
  let interrupted = 0;
  for (let k = 1; k < total; k++) {
    const child = spawn(process.execPath, [bin, 'migrate', '--apply', file], { env: userEnv, cwd: work });
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    const code = await new Promise((resolve) => {
      child.stderr.on('data', (d) => {
        stderr += d;
        if (new RegExp(`\\[${k}/${total}\\]`).test(stderr) && !child.signalled) {
          child.signalled = true;
          child.kill('SIGINT');
        }
      });
      child.on('exit', (c) => resolve(c));
    });
    if (code === 0) {
      assert.match(stderr, new RegExp(`\\[${total}/${total}\\]`), `step ${k}: finished before the signal`);
      continue;
    }
    interrupted++;
    assert.equal(code, 130, `step ${k}: ${stderr}`);
    assert.match(stderr, /stopping after the step in flight/);
    assert.match(stderr, new RegExp(`resume with  elb-wasm migrate --apply ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    assert.match(stderr, /roll back with  elb-wasm migrate --rollback /);
    assert.doesNotMatch(stdout, /applied/);
  }
  assert.ok(interrupted >= total - 3, `${interrupted} of ${total - 1} runs interrupted`);
  const resumed = await cli(['migrate', '--apply', file]);
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.doesNotMatch(resumed.stderr, / created/, 'everything was made by the interrupted runs');
  for (const b of plan.balancers) {
    assert.equal((await v2.describeLoadBalancers({ Names: [b.name] })).LoadBalancers.length, 1, b.name);
    for (const tg of b.targetGroups) assert.equal((await v2.describeTargetGroups({ Names: [tg.name] })).TargetGroups.length, 1, tg.name);
    const arn = (await v2.describeLoadBalancers({ Names: [b.name] })).LoadBalancers[0].LoadBalancerArn;
    assert.equal((await v2.describeListeners({ LoadBalancerArn: arn })).Listeners.length, b.listeners.length, `${b.name} listeners`);
  }
  assert.equal((await cli(['migrate', '--rollback', file, '--yes'])).code, 0);
});

test('exit 2 on a blocker (nothing applied); exit 1 with one clear line for an unknown balancer or no credentials', async (t) => {
  await classic('c-one', [net.a]);
  const blocked = await cli(['migrate', 'c-one', '--apply']);
  assert.equal(blocked.code, 2, blocked.stderr);
  assert.match(blocked.stdout, /BLOCKER \(1\):\n {2}- subnets:/);
  assert.match(blocked.stderr, /the plan has blockers: nothing was applied/);
  assert.equal(await v2.describeLoadBalancers({ Names: ['c-one'] }).then(() => 'found', (e) => e.code), 'LoadBalancerNotFound');

  const unknown = await cli(['migrate', 'no-such-classic']);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /^elb-wasm: LoadBalancerNotFound/);
  assert.doesNotMatch(unknown.stderr, /\n\s+at /, 'no stack trace');

  const noKeys = await cli(['migrate', 'c-one', '--region', region, '--endpoint', endpoint], cleanEnv);
  assert.equal(noKeys.code, 1);
  // No keys anywhere: the AWS SDK's chain was asked, and the one line says what each source said.
  assert.match(noKeys.stderr.trim(), /^elb-wasm: CredentialsError: .*fromNodeProviderChain: no source gave credentials: fromEnv: .*; fromIni: .*; fromTokenFile: .*; fromContainerMetadata: .*; fromInstanceMetadata: [^\n]*$/);

  // A profile in ~/.aws found as the AWS CLI finds it (credentials file + config region).
  const home = mkdtempSync(join(tmpdir(), 'aws-home-'));
  t.after(() => rmSync(home, { recursive: true, force: true }));
  const aws = join(home, '.aws');
  await run('mkdir', ['-p', aws], cleanEnv);
  writeFileSync(join(aws, 'credentials'), '[mig]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = profile-secret\n');
  writeFileSync(join(aws, 'config'), `[profile mig]\nregion = ${region}\nendpoint_url = ${endpoint}\n`);
  // A profile in neither file: said before anything else (not "no region"), as the AWS CLI does.
  const noProfile = await cli(['migrate', 'c-cli', '--profile', 'mgi'], { PATH: process.env.PATH, HOME: home });
  assert.equal(noProfile.code, 64);
  assert.match(noProfile.stderr.trim(), /^elb-wasm: the profile mgi \(--profile\) is in neither the shared config file nor the credentials file$/);
  const viaProfile = await cli(['migrate', 'c-cli', '--profile', 'mig'], { PATH: process.env.PATH, HOME: home });
  assert.equal(viaProfile.code, 0, viaProfile.stderr);
  assert.match(viaProfile.stdout, /Migration plan c-cli-/);
  // A role profile (no keys of its own): the chain assumes it through STS at the profile's endpoint.
  writeFileSync(join(aws, 'config'), `[profile mig]\nregion = ${region}\nendpoint_url = ${endpoint}\n[profile viarole]\nrole_arn = arn:aws:iam::123456789012:role/migrator\nsource_profile = mig\nregion = ${region}\nendpoint_url = ${endpoint}\n`);
  const viaRole = await cli(['migrate', 'c-cli', '--profile', 'viarole'], { PATH: process.env.PATH, HOME: home });
  assert.equal(viaRole.code, 0, viaRole.stderr);
  assert.match(viaRole.stdout, /Migration plan c-cli-/);
});

test('toCli() run by the AWS CLI creates what apply would: apply afterwards finds all and creates nothing', async () => {
  await classic('c-awscli');
  const plan = await planMigration({ elb, v2 }, 'c-awscli', { name: 'c-awscli-v2' });
  const script = join(work, 'migrate.sh');
  writeFileSync(script, plan.toCli());
  const env = { ...cleanEnv, PATH: `${dirname(awscli)}:${process.env.PATH}`, AWS_ACCESS_KEY_ID: 'AKIDAWSCLI', AWS_SECRET_ACCESS_KEY: 'awscli-secret', AWS_DEFAULT_REGION: region };
  const r = await run('bash', [script, '--endpoint-url', endpoint], env);
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  assert.match(r.stdout, /lb:alb: arn:aws:elasticloadbalancing:/);
  // Run again (no arguments: the endpoint from the environment, an empty EXTRA under set -u; and in
  // POSIX mode): every ARN is the first run's, nothing made twice.
  const arns = (out) => out.split('\n').filter((l) => /^(tg|lb|listener):/.test(l)).sort();
  const again = await run('bash', [script], { ...env, AWS_ENDPOINT_URL: endpoint });
  assert.equal(again.code, 0, `${again.stdout}\n${again.stderr}`);
  assert.deepEqual(arns(again.stdout), arns(r.stdout));
  const posix = await run('bash', ['--posix', script, '--endpoint-url', endpoint], env);
  assert.equal(posix.code, 0, `${posix.stdout}\n${posix.stderr}`);
  assert.deepEqual(arns(posix.stdout), arns(r.stdout));
  // bash before 4.4 (macOS's 3.2) calls an empty "${EXTRA[@]}" unbound under set -u: not used bare.
  assert.doesNotMatch(plan.toCli(), /[^+]"\$\{EXTRA\[@\]\}"/);
  assert.match(plan.toCli(), /elb-wasm migrate c-awscli --json c-awscli\.migration\.json/);
  const count = async () => (await v2.describeTargetGroups({})).TargetGroups.filter((t) => t.TargetGroupName.startsWith('c-awscli')).length;
  assert.equal(await count(), plan.balancers.reduce((n, b) => n + b.targetGroups.length, 0), 'one of each target group');
  const states = [];
  const done = await applyMigration(plan, { elb, v2 }, { delayMs: 20, onProgress: (p) => p.state !== 'start' && states.push(`${p.step.action}:${p.state}`) });
  assert.ok(!states.some((s) => s.endsWith(':created')), states.join(' '));
  assert.equal(states.filter((s) => s.endsWith(':found')).length, plan.steps.filter((s) => s.ref).length);
  // Read back: what the script set equals the plan (attributes, health checks, targets).
  for (const b of plan.balancers) {
    for (const tg of b.targetGroups) {
      const arn = done.applied.refs[`tg:${tg.key}`];
      const read = (await v2.describeTargetGroups({ TargetGroupArns: [arn] })).TargetGroups[0];
      for (const [k, v] of Object.entries(tg.healthCheck)) assert.deepEqual(read[k], v, `${tg.name} ${k}`);
      const attributes = Object.fromEntries((await v2.describeTargetGroupAttributes({ TargetGroupArn: arn })).Attributes.map((a) => [a.Key, a.Value]));
      for (const a of tg.attributes) assert.equal(attributes[a.Key], a.Value, `${tg.name} ${a.Key}`);
      const targets = (await v2.describeTargetHealth({ TargetGroupArn: arn })).TargetHealthDescriptions.map((d) => d.Target.Id);
      assert.deepEqual(targets, tg.targets.map((t) => t.Id));
    }
    const lbAttributes = Object.fromEntries((await v2.describeLoadBalancerAttributes({ LoadBalancerArn: done.applied.refs[`lb:${b.key}`] })).Attributes.map((a) => [a.Key, a.Value]));
    for (const a of b.attributes) assert.equal(lbAttributes[a.Key], a.Value, `${b.name} ${a.Key}`);
  }
  await rollbackMigration(plan, { v2 }, { delayMs: 20 });
  assert.ok(existsSync(script));
});
