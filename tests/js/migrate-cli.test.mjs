// The migration's command lines against a moto of their own (MIGRATE_MOTO_URL): the package's bin
// (`elb-wasm migrate`) as a user runs it, and a plan's toCli() script run by the real AWS CLI
// (AWSCLI_BIN, awscli v1 pinned by test-js.sh), which must create what apply would: apply run after
// it finds every resource and creates none.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { planMigration, applyMigration, rollbackMigration } from 'elb-wasm/migrate';
import { requiredEnv } from './env.mjs';
import { all } from './aws-query.mjs';
import { endpoint, region, migrateClients } from './migrate-env.mjs';

const awscli = requiredEnv('AWSCLI_BIN');
const { credentials, elb, v2, ec2 } = migrateClients('AKIDCLI');
// The package's bin, as npx would run it.
const pkgDir = dirname(createRequire(import.meta.url).resolve('elb-wasm/package.json'));
const bin = join(pkgDir, JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).bin['elb-wasm']);
const work = mkdtempSync(join(tmpdir(), 'migrate-cli-'));
// The user's own configuration never leaks in: an empty HOME, only what each run sets.
const cleanEnv = { PATH: process.env.PATH, HOME: work };
const userEnv = { ...cleanEnv, AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey, AWS_REGION: region, AWS_ENDPOINT_URL: endpoint };

/** Runs a command; resolves to { code, stdout, stderr } whatever the exit code. */
function run(file, args, env) {
  return new Promise((resolve) => {
    execFile(file, args, { env, timeout: 120_000, maxBuffer: 8 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}
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
    assert.match(r.stdout, /Exit codes: 0 done, 1 error, 2 the plan has blockers/);
  }
  const bad = await cli(['migrate', 'x', '--target', 'gateway']);
  assert.deepEqual([bad.code, bad.stderr.trim()], [1, 'elb-wasm: --target must be auto, application or network']);
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

  const rolled = await cli(['migrate', '--rollback', file]);
  assert.equal(rolled.code, 0, rolled.stderr);
  const resources = plan.balancers.length + plan.balancers.reduce((n, b) => n + b.targetGroups.length, 0);
  assert.match(rolled.stdout, new RegExp(`rolled back ${plan.id}: ${resources} resource\\(s\\) deleted`));
  const gone = await v2.describeLoadBalancers({ Names: ['c-cli-new'] }).then(() => 'found', (e) => e.code);
  assert.equal(gone, 'LoadBalancerNotFound');
});

test('exit 2 on a blocker (nothing applied); exit 1 with one clear line for an unknown balancer or no credentials', async () => {
  await classic('c-one', [net.a]);
  const blocked = await cli(['migrate', 'c-one', '--apply']);
  assert.equal(blocked.code, 2);
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
  const aws = join(home, '.aws');
  await run('mkdir', ['-p', aws], cleanEnv);
  writeFileSync(join(aws, 'credentials'), '[mig]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = profile-secret\n');
  writeFileSync(join(aws, 'config'), `[profile mig]\nregion = ${region}\nendpoint_url = ${endpoint}\n`);
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
  const states = [];
  const done = await applyMigration(plan, { v2 }, { delayMs: 20, onProgress: (p) => p.state !== 'start' && states.push(`${p.step.action}:${p.state}`) });
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
