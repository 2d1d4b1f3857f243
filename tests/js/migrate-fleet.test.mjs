// A fleet against a moto of its own with SigV4 verification (FLEET_MOTO_URL and the IAM key
// moto-setup.mjs made there, fleet-credentials.json: every call the fleet makes is awsQuery, which
// that moto checks; of its own because these tests list every balancer there is): Classic balancers of every standing
// (ready, changed, blocked, migrated) and a name that does not exist, planned together with batched
// reads (requests counted per balancer), reported in every format, the ready ones applied, and again.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { ElbClient } from 'elb-wasm';
import { ElbV2Client } from 'elb-wasm/v2';
import { StsClient } from 'elb-wasm/services';
import { planFleet, applyFleet, fleetReport, planMigration, applyMigration, rollbackMigration } from 'elb-wasm/migrate';
import { all, query } from './aws-query.mjs';
import { readFileSync as readJson } from 'node:fs';
import { region, requiredEnv } from './env.mjs';

const endpoint = requiredEnv('FLEET_MOTO_URL');
const credentials = JSON.parse(readJson(new URL('./fleet-credentials.json', import.meta.url), 'utf8'));

const ec2 = (params) => query({ endpoint, region, credentials }, 'ec2', '2016-11-15', params);
// Every request the fleet's clients send, by action.
const sent = [];
const counting = (url, init) => {
  const body = String(init.body ?? '');
  sent.push(new URLSearchParams(body).get('Action') ?? 'other');
  return fetch(url, init);
};
const clients = {
  elb: new ElbClient({ region, endpoint, credentials, fetch: counting }),
  v2: new ElbV2Client({ region, endpoint, credentials, fetch: counting }),
  sts: new StsClient({ region, endpoint, credentials, fetch: counting }),
};
const FAST = { delayMs: 20 };
const NAMES = ['fl-blocked', 'fl-changed', 'fl-migrated', 'fl-ready'];

let net;
before(async () => {
  const vpc = all(await ec2({ Action: 'CreateVpc', CidrBlock: '10.50.0.0/16' }), 'vpcId')[0];
  const subnet = async (cidr, zone) => all(await ec2({ Action: 'CreateSubnet', VpcId: vpc, CidrBlock: cidr, AvailabilityZone: zone }), 'subnetId')[0];
  net = { a: await subnet('10.50.1.0/24', 'us-east-1a'), b: await subnet('10.50.2.0/24', 'us-east-1b') };
  const http = { Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 8080 };
  const { elb } = clients;
  for (const name of NAMES) {
    await elb.createLoadBalancer({ LoadBalancerName: name, Listeners: [http], Subnets: name === 'fl-blocked' ? [net.a] : [net.a, net.b] });
    await elb.configureHealthCheck({ LoadBalancerName: name, HealthCheck: { Target: 'HTTP:8080/ping', Interval: 10, Timeout: 5, HealthyThreshold: 2, UnhealthyThreshold: 3 } });
    await elb.modifyLoadBalancerAttributes({ LoadBalancerName: name, LoadBalancerAttributes: { CrossZoneLoadBalancing: { Enabled: true } } });
  }
  // A session cookie has no ELBv2 equivalent: a change.
  await elb.createLBCookieStickinessPolicy({ LoadBalancerName: 'fl-changed', PolicyName: 'session' });
  await elb.setLoadBalancerPoliciesOfListener({ LoadBalancerName: 'fl-changed', LoadBalancerPort: 80, PolicyNames: ['session'] });
  // One migrated already.
  await applyMigration(await planMigration(clients, 'fl-migrated'), clients, FAST);
});

test('planFleet: every standing, an unreadable name, batched reads, one plan per balancer; reports in four formats', async () => {
  sent.length = 0;
  const progress = [];
  const fleet = await planFleet(clients, { names: [...NAMES, 'fl-missing'], concurrency: 3, onProgress: (p) => progress.push(p.name) });
  assert.deepEqual(fleet.plans.map((p) => p.source.name), NAMES);
  const status = Object.fromEntries(fleet.plans.map((p) => [p.source.name, p.existing ? 'migrated' : p.findings.some((f) => f.severity === 'blocker') ? 'blocked' : p.findings.some((f) => f.severity === 'changed' || f.severity === 'dropped') ? 'changed' : 'ready']));
  assert.deepEqual(status, { 'fl-blocked': 'blocked', 'fl-changed': 'changed', 'fl-migrated': 'migrated', 'fl-ready': 'ready' }, JSON.stringify(fleet.plans.map((p) => p.findings.filter((f) => f.severity !== 'note'))));
  assert.deepEqual(fleet.summary, { total: 4, ready: 1, changed: 1, blocked: 1, migrated: 1 });
  assert.deepEqual(fleet.errors.map((e) => [e.name, e.error.code]), [['fl-missing', 'LoadBalancerNotFound']]);
  assert.deepEqual(progress.sort(), NAMES);
  // The plans' names never collide across the fleet.
  const names = fleet.plans.flatMap((p) => p.balancers.flatMap((b) => [b.name, ...b.targetGroups.map((t) => t.name)]));
  assert.equal(new Set(names).size, names.length);
  // Reads per balancer: three of its own, its share of the batches (and the shared reads once).
  const perBalancer = ['DescribeLoadBalancerAttributes', 'DescribeLoadBalancerPolicies', 'DescribeInstanceHealth'].map((a) => sent.filter((s) => s === a).length);
  assert.deepEqual(perBalancer, [4, 4, 4]);
  assert.ok(sent.length / 4 <= 6 + 4, `${sent.length} requests for 4 balancers: ${sent.join(' ')}`);

  // The fleet counts what it asked (the same as the clients sent here: no retries).
  assert.equal(fleet.requests.total, sent.length);
  assert.equal(fleet.requests.byOperation.describeInstanceHealth, 4);
  const md = fleetReport(fleet, { format: 'markdown' });
  assert.match(md, new RegExp(`Planning made ${sent.length} requests \\(describeInstanceHealth 4, describeLoadBalancerAttributes 4, `));
  assert.match(md, /4 Classic balancers: 1 ready, 1 changed, 1 blocked, 1 migrated; 1 could not be read\./);
  assert.match(md, /\| fl-blocked \| blocked \| application fl-blocked \| subnets: /);
  const csv = fleetReport(fleet, { format: 'csv' }).trimEnd().split('\r\n');
  assert.equal(csv[0], 'name,status,types,plan id,blockers,changes,follow-ups');
  assert.equal(csv.length, 1 + 4 + 1);
  assert.match(csv.at(-1), /^fl-missing,unreadable,,,LoadBalancerNotFound: /);
  const json = JSON.parse(fleetReport(fleet, { format: 'json' }));
  assert.deepEqual(json.summary, fleet.summary);
  assert.equal(json.balancers.length, 4);
  const html = fleetReport(fleet, { format: 'html' });
  assert.match(html, /<svg role="img" aria-label="4 balancers: 1 ready, 1 changed, 1 blocked, 1 migrated"/);
  assert.equal((html.match(/<tr data-status=/g) ?? []).length, 4);
  // Stands alone: nothing fetched from anywhere.
  assert.doesNotMatch(html, /(src|href)=["']?(https?:)?\/\//i);
  assert.throws(() => fleetReport(fleet, { format: 'pdf' }), (e) => e.code === 'InvalidInput');
});

test('applyFleet: the ready ones (and the one under way), one failure not stopping the others; again resumes', async () => {
  const fleet = await planFleet(clients, { names: NAMES });
  // A plan that will fail on apply: its Classic balancer changes after planning.
  await clients.elb.configureHealthCheck({ LoadBalancerName: 'fl-migrated', HealthCheck: { Target: 'HTTP:8080/other', Interval: 10, Timeout: 5, HealthyThreshold: 2, UnhealthyThreshold: 3 } });
  const first = await applyFleet(fleet, clients, { only: 'ready', concurrency: 2, ...FAST });
  assert.deepEqual(first.applied.map((a) => a.name), ['fl-ready']);
  assert.deepEqual(first.failed.map((f) => [f.name, f.error.code]), [['fl-migrated', 'StalePlan']]);
  assert.deepEqual(first.skipped.map((s) => `${s.name}:${s.status}`), ['fl-blocked:blocked', 'fl-changed:changed']);
  const lb = (await clients.v2.describeLoadBalancers({ Names: ['fl-ready'] })).LoadBalancers;
  assert.equal(lb.length, 1);
  // Again, 'unblocked' now: the changed one too; what exists is found, not made twice.
  const again = await applyFleet(await planFleet(clients, { names: NAMES }), clients, { only: 'unblocked', ...FAST });
  assert.deepEqual(again.applied.map((a) => a.name), ['fl-changed', 'fl-migrated', 'fl-ready']);
  assert.equal((await clients.v2.describeLoadBalancers({ Names: ['fl-ready'] })).LoadBalancers.length, 1);
  await assert.rejects(applyFleet(again, clients, { only: 'all' }), (e) => e.code === 'InvalidInput');
  for (const name of ['fl-changed', 'fl-migrated', 'fl-ready']) await rollbackMigration(await planMigration(clients, name), clients, FAST);
});

test('elb-wasm migrate --all: the readiness report (markdown on stdout, or a file never overwritten without --force), one line per balancer off a terminal, usage refusals', async () => {
  const { mkdtempSync, readFileSync, existsSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { packageBin, runStatus } = await import('./aws-cli.mjs');
  const work = mkdtempSync(join(tmpdir(), 'fleet-cli-'));
  const env = { PATH: process.env.PATH, HOME: work, AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey, AWS_REGION: region, AWS_ENDPOINT_URL: endpoint };
  const cli = (args) => runStatus(process.execPath, [packageBin(), 'migrate', ...args], { env, cwd: work });
  const md = await cli(['--all', '--concurrency', '2']);
  // Every Classic balancer of the moto (other tests' too): the report's counts add up.
  const counts = /(\d+) Classic balancers: (\d+) ready, (\d+) changed, (\d+) blocked, (\d+) migrated/.exec(md.stdout);
  assert.ok(counts, md.stdout + md.stderr);
  assert.equal(Number(counts[1]), Number(counts[2]) + Number(counts[3]) + Number(counts[4]) + Number(counts[5]));
  assert.match(md.stdout, /\| fl-blocked \| blocked \|/);
  // What it asked of the services, in the report a person reads.
  assert.match(md.stdout, /Planning made \d+ requests \(.*describeInstanceHealth \d+.*; retries not counted\)/);
  assert.match(md.stderr, /^read fl-blocked \(\d+\/\d+\)$/m, 'one line per balancer off a terminal');
  assert.equal(md.code, 0, md.stderr);
  const html = await cli(['--all', '--report', 'fleet.html']);
  assert.equal(html.code, 0, html.stderr);
  assert.match(readFileSync(join(work, 'fleet.html'), 'utf8'), /^<!doctype html>/);
  assert.equal((await cli(['--all', '--report', 'fleet.html'])).code, 64, 'no overwrite without --force');
  assert.equal((await cli(['--all', '--report', 'fleet.pdf'])).code, 64);
  assert.equal((await cli(['fl-ready', '--report', 'x.md'])).code, 64, '--report goes with --all');
  assert.ok(!existsSync(join(work, 'x.md')));
});

test('the HTML report in Chromium: no request but the file; filter and sort work', async () => {
  const { chromium } = await import('playwright-core');
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const fleet = await planFleet(clients, { names: NAMES });
  const file = join(mkdtempSync(join(tmpdir(), 'fleet-html-')), 'fleet.html');
  writeFileSync(file, fleetReport(fleet, { format: 'html' }));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  try {
    const page = await browser.newPage();
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`file://${file}`);
    assert.deepEqual(requests, [`file://${file}`]);
    const s = fleet.summary;
    assert.equal(await page.getByRole('img', { name: `4 balancers: ${s.ready} ready, ${s.changed} changed, ${s.blocked} blocked, ${s.migrated} migrated` }).count(), 1);
    const visible = () => page.$$eval('#report tbody tr', (rows) => rows.filter((r) => !r.hidden).map((r) => r.cells[0].textContent));
    assert.deepEqual(await visible(), NAMES);
    await page.selectOption('#status', 'blocked');
    assert.deepEqual(await visible(), ['fl-blocked']);
    await page.selectOption('#status', '');
    await page.fill('#filter', 'session');
    assert.deepEqual(await visible(), ['fl-changed']);
    await page.fill('#filter', '');
    await page.click('#report th:first-child');
    await page.click('#report th:first-child');
    assert.deepEqual(await visible(), [...NAMES].reverse(), 'sorted descending by name');
  } finally {
    await browser.close();
  }
});

test('applyFleet through the fault proxy: a fifth of the requests throttled, refused or cut; all applied, none twice', async () => {
  // The proxy forwards what it lets through unchanged, host header included, so the signature no
  // longer matches: it stands in front of the open migration moto. Only faults that never reach moto
  // (moto makes a second ELBv2 balancer of a name that exists, where AWS would not).
  const { startFaultProxy } = await import('./fault-proxy.mjs');
  const { endpoint: target } = await import('./migrate-env.mjs');
  const keys = { accessKeyId: 'AKIDFAULTS', secretAccessKey: 'faults-secret' };
  const direct = (params) => query({ endpoint: target, region, credentials: keys }, 'ec2', '2016-11-15', params);
  const vpc = all(await direct({ Action: 'CreateVpc', CidrBlock: '10.52.0.0/16' }), 'vpcId')[0];
  const subnet = async (cidr, zone) => all(await direct({ Action: 'CreateSubnet', VpcId: vpc, CidrBlock: cidr, AvailabilityZone: zone }), 'subnetId')[0];
  const subnets = [await subnet('10.52.1.0/24', 'us-east-1a'), await subnet('10.52.2.0/24', 'us-east-1b')];
  const plain = { elb: new ElbClient({ region, endpoint: target, credentials: keys }), v2: new ElbV2Client({ region, endpoint: target, credentials: keys }) };
  const names = ['ft-1', 'ft-2', 'ft-3', 'ft-4'];
  for (const name of names) {
    await plain.elb.createLoadBalancer({ LoadBalancerName: name, Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 8080 }], Subnets: subnets });
    await plain.elb.configureHealthCheck({ LoadBalancerName: name, HealthCheck: { Target: 'HTTP:8080/ping', Interval: 10, Timeout: 5, HealthyThreshold: 2, UnhealthyThreshold: 3 } });
  }
  const proxy = await startFaultProxy({ target, rate: 0.2, seed: 26, kinds: ['throttle', '503', 'reset'] });
  try {
    const config = { region, endpoint: proxy.url, credentials: keys, maxAttempts: 6 };
    const shaky = { elb: new ElbClient(config), v2: new ElbV2Client(config), sts: new StsClient(config) };
    const fleet = await planFleet(shaky, { names, concurrency: 3 });
    assert.equal(fleet.summary.ready, 4, JSON.stringify(fleet.summary));
    let result;
    for (let run = 0; run < 4; run++) {
      result = await applyFleet(fleet, shaky, { only: 'ready', concurrency: 3, delayMs: 20 });
      if (!result.failed.length) break;
    }
    assert.deepEqual(result.applied.map((a) => a.name), names);
    const faults = Object.values(proxy.stats.faults).reduce((a, b) => a + b, 0);
    assert.ok(faults >= 5 && proxy.stats.faults.reset > 0, JSON.stringify(proxy.stats));
  } finally {
    await proxy.close();
  }
  for (const name of names) {
    assert.equal((await plain.v2.describeLoadBalancers({ Names: [name] })).LoadBalancers.length, 1, name);
    assert.equal((await plain.v2.describeTargetGroups({ Names: [`${name}-http-8080`] })).TargetGroups.length, 1, name);
  }
});

test('a fleet of 100 varied balancers: every standing counted as built', async () => {
  const names = [];
  const expected = { ready: 0, changed: 0, blocked: 0, migrated: 0 };
  const http = { Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 8080 };
  const tcp = { Protocol: 'TCP', LoadBalancerPort: 25, InstanceProtocol: 'TCP', InstancePort: 25 };
  for (let i = 0; i < 100; i++) {
    const name = `fx-${String(i).padStart(3, '0')}`;
    names.push(name);
    // Every 7th in one zone (blocked); else every 3rd with a session cookie or every 5th also TCP (changed: two balancers); else ready.
    const blocked = i % 7 === 6;
    const cookie = !blocked && i % 3 === 2;
    const mixed = !blocked && !cookie && i % 5 === 4;
    await clients.elb.createLoadBalancer({ LoadBalancerName: name, Listeners: mixed ? [http, tcp] : [http], Subnets: blocked ? [net.a] : [net.a, net.b] });
    await clients.elb.configureHealthCheck({ LoadBalancerName: name, HealthCheck: { Target: 'HTTP:8080/ping', Interval: 10, Timeout: 5, HealthyThreshold: 2, UnhealthyThreshold: 3 } });
    if (cookie) {
      await clients.elb.createLBCookieStickinessPolicy({ LoadBalancerName: name, PolicyName: 'session' });
      await clients.elb.setLoadBalancerPoliciesOfListener({ LoadBalancerName: name, LoadBalancerPort: 80, PolicyNames: ['session'] });
    }
    expected[blocked ? 'blocked' : cookie || mixed ? 'changed' : 'ready']++;
  }
  sent.length = 0;
  const fleet = await planFleet(clients, { names, concurrency: 8 });
  assert.deepEqual(fleet.summary, { total: 100, ...expected });
  assert.deepEqual(fleet.errors, []);
  assert.equal(fleet.plans.filter((p) => p.balancers.length === 2).length, names.filter((_, i) => i % 7 !== 6 && i % 3 !== 2 && i % 5 === 4).length);
  assert.ok(sent.length / 100 <= 6, `${sent.length} requests for 100 balancers`);
});

test('migrate --all --regions: one report over every region read', async () => {
  const { mkdtempSync, readFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { packageBin, runStatus } = await import('./aws-cli.mjs');
  const work = mkdtempSync(join(tmpdir(), 'fleet-regions-'));
  const env = { PATH: process.env.PATH, HOME: work, AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey, AWS_ENDPOINT_URL: endpoint };
  const r = await runStatus(process.execPath, [packageBin(), 'migrate', '--all', '--regions', 'us-east-1,eu-west-3', '--report', 'r.json'], { env, cwd: work });
  const report = JSON.parse(readFileSync(join(work, 'r.json'), 'utf8'));
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(report.errors, []);
  assert.equal(report.region, 'us-east-1, eu-west-3');
  // Both regions read (eu-west-3 has no Classic balancer on this moto); the counts add up over them.
  assert.equal(report.summary.total, report.balancers.length);
  assert.ok(report.balancers.filter((b) => b.name.startsWith('fx-')).length === 100, 'us-east-1\'s fleet is in the report');
  assert.match(r.stderr, /read fx-099 \(\d+\/\d+\)/);
});
