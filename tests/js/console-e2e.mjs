// The web console end to end: scripts/console-server.mjs serving www/ and the installed package,
// headless Chromium (playwright-core, /usr/bin/chromium) driving the UI against moto by role and
// accessible name (../shared/CONSOLE.md's names; the Classic forms by their aria-labels). A screenshot of
// each state goes to SCREENSHOT_DIR.
// Usage: node console-e2e.mjs <moto-url> <repo>
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { ElbV2Client } from 'elb-wasm/v2';
import { query, all } from './aws-query.mjs';
import { awsCli } from './aws-cli.mjs';
import { startConsole, launchChromium, consolePage, putMetric } from './console-lib.mjs';

const [motoUrl, repo] = process.argv.slice(2);
const shots = process.env.SCREENSHOT_DIR ?? join(process.cwd(), 'console-shots');
mkdirSync(shots, { recursive: true });
const { server, printed } = await startConsole(motoUrl, repo);
const browser = await launchChromium();
const name = 'console-lb';
try {
  const { page, problems, shot, button, taken } = await consolePage(browser, { height: 1000, shots });
  const form = (label) => page.getByRole('form', { name: label, exact: true });
  const field = (f, label) => form(f).getByLabel(label, { exact: true });
  const balancers = page.getByRole('table', { name: 'Load balancers' });
  const balancerRow = (lb, type) => balancers.getByRole('row').filter({ has: page.getByRole('cell', { name: type, exact: true }) }).filter({ has: button(lb) });
  const row = () => balancerRow(name, 'classic');
  const idle = () => page.waitForFunction(() => !document.querySelector('#status').classList.contains('busy'));

  // The printed URL carries this run's token; the server trades it for a cookie and drops it from the address.
  await page.goto(printed[0]);
  await page.waitForFunction(() => document.querySelector('#target').textContent.includes('local moto'));
  await shot('connect');

  await button('Use local default').click();
  await page.waitForSelector('main:not([hidden])');
  await idle();
  await page.waitForFunction(() => document.querySelector('#status').textContent === 'Ready');
  await shot('connected');

  // Create, with the call held back half a second so the loading state can be seen.
  await page.route(
    '**/forward',
    async (route) => {
      await new Promise((r) => setTimeout(r, 500));
      await route.continue();
    },
    { times: 1 },
  );
  const create = 'Create Classic balancer';
  await field(create, 'Name').fill(name);
  await field(create, 'Port').fill('80');
  await field(create, 'Instance port').fill('8080');
  await field(create, 'Zones').fill('us-east-1a, us-east-1b');
  await button(create, form(create)).click();
  await page.waitForFunction(() => document.querySelector('#status').textContent.startsWith('Creating console-lb'));
  assert.equal(await button(create, form(create)).isDisabled(), true, 'the button is disabled while in flight');
  await shot('creating');
  await row().waitFor();
  await idle();
  assert.match(await row().innerText(), /console-lb\.us-east-1\.elb\.amazonaws\.com/);
  assert.match(await row().innerText(), /HTTP:80 → HTTP:8080/);
  assert.match(await row().innerText(), /us-east-1a, us-east-1b/);
  assert.equal(await page.locator('#detail-name').innerText(), name);
  // The Classic balancer's charts: AWS/ELB by LoadBalancerName.
  await putMetric({ region: 'us-east-1', endpoint: motoUrl, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } }, 'AWS/ELB', 'RequestCount', { LoadBalancerName: name }, [[5, 2]]);
  await page.getByRole('button', { name: 'Refresh metrics' }).click();
  await page.getByRole('img', { name: 'Requests (sum): last value 5' }).waitFor();
  await idle();
  await shot('created');

  const listener = 'Add Classic listener';
  await field(listener, 'Protocol').selectOption('TCP');
  await field(listener, 'Port').fill('8443');
  await field(listener, 'Instance port').fill('8443');
  await button('Add listener', form(listener)).click();
  await page.waitForFunction(() => document.querySelector('#listeners').textContent.includes('TCP:8443'));
  await idle();
  assert.match(await row().innerText(), /TCP:8443 → TCP:8443/);
  await shot('listener-added');

  await field('Create policy', 'Name').fill('sticky');
  await field('Create policy', 'Type').selectOption('LBCookieStickinessPolicyType');
  await field('Create policy', 'Attributes').fill('CookieExpirationPeriod=60');
  await button('Create policy', form('Create policy')).click();
  await page.waitForFunction(() => document.querySelector('#policies').textContent.includes('sticky (LBCookieStickinessPolicyType)'));
  await idle();
  await field('Listener policies', 'Listener port').fill('80');
  await field('Listener policies', 'Policies').fill('sticky');
  await button('Set on listener').click();
  await page.waitForFunction(() => document.querySelector('#listeners').textContent.includes('[sticky]'));
  await idle();

  await field('Add tag', 'Key').fill('team');
  await field('Add tag', 'Value').fill('web');
  await button('Add tag', form('Add tag')).click();
  await page.waitForFunction(() => document.querySelector('#tags').textContent.includes('team = web'));
  await idle();
  await field('Health check', 'Target').fill('HTTP:8080/health');
  await field('Health check', 'Interval').fill('30');
  await field('Health check', 'Timeout').fill('5');
  await field('Health check', 'Unhealthy').fill('2');
  await field('Health check', 'Healthy').fill('3');
  await button('Save health check', form('Health check')).click();
  await idle();
  assert.equal(await field('Health check', 'Target').inputValue(), 'HTTP:8080/health');
  await shot('policy-tag-health');

  // A failing call: the error shows code, message and request id, and the form keeps its input.
  await field(listener, 'Protocol').selectOption('TCP');
  await field(listener, 'Port').fill('80');
  await field(listener, 'Instance port').fill('9999');
  await button('Add listener', form(listener)).click();
  await page.getByRole('alert').waitFor();
  await idle();
  const error = await page.getByRole('alert').innerText();
  assert.match(error, /Adding listener \(console-lb\) failed: DuplicateListener/);
  assert.match(error, /Request id: \S+/);
  assert.equal(await field(listener, 'Instance port').inputValue(), '9999', 'nothing typed is lost');
  assert.equal(await field(listener, 'Protocol').inputValue(), 'TCP');
  await shot('error-shown');

  // Migration to ALB/NLB: a Classic balancer in two subnets, planned side by side, copied as CLI,
  // applied with progress (the ALB/NLB view shows the result), rolled back.
  const ec2 = (params) => query({ endpoint: motoUrl, region: 'us-east-1', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } }, 'ec2', '2016-11-15', params);
  const vpc = all(await ec2({ Action: 'CreateVpc', CidrBlock: '10.50.0.0/16' }), 'vpcId')[0];
  const subnets = [];
  for (const [cidr, zone] of [['10.50.1.0/24', 'us-east-1a'], ['10.50.2.0/24', 'us-east-1b']]) {
    subnets.push(all(await ec2({ Action: 'CreateSubnet', VpcId: vpc, CidrBlock: cidr, AvailabilityZone: zone }), 'subnetId')[0]);
  }
  const mig = 'console-mig';
  await field(create, 'Name').fill(mig);
  await field(create, 'Port').fill('80');
  await field(create, 'Instance port').fill('8080');
  await field(create, 'Zones').fill('');
  await field(create, 'Subnets').fill(subnets.join(', '));
  await button(create, form(create)).click();
  await balancerRow(mig, 'classic').waitFor();
  await idle();
  assert.equal(await page.locator('#detail-name').innerText(), mig);
  await button('Migrate…').click();
  await page.waitForSelector('#migration:not([hidden])');
  await idle();
  const map = await page.locator('#migration-map').innerText();
  assert.match(map, /listener HTTP:80 → HTTP:8080\s+ALB console-mig: HTTP:80 → console-mig-http-8080 \(HTTP:8080\)/);
  assert.match(await page.locator('#migration-findings').innerText(), /\[note\] type: only HTTP\/HTTPS listeners/);
  assert.match(await page.locator('#migration-followups').innerText(), /DNS: point the names/);
  assert.equal(await button('Apply').isDisabled(), false);
  await shot('migration-plan');
  await button('Copy as AWS CLI').click();
  const scriptBox = page.getByRole('textbox', { name: 'AWS CLI script' });
  await scriptBox.waitFor();
  const script = await scriptBox.inputValue();
  assert.match(script, /^#!\/usr\/bin\/env bash/);
  assert.match(script, /elbv2 create-load-balancer --name 'console-mig'/);
  await shot('migration-cli');
  await button('Apply').click();
  await page.waitForFunction(() => document.querySelector('#status').textContent.startsWith('Applying the migration'));
  await idle();
  const steps = await page.locator('#migration-progress li').count();
  assert.equal(await page.locator('#migration-progress li.created, #migration-progress li.done').count(), steps, await page.locator('#migration-progress').innerText());
  const v2row = balancerRow(mig, 'application');
  await v2row.waitFor();
  assert.match(await v2row.innerText(), /application\s+active/);
  assert.match(await v2row.innerText(), /no targets|\d+\/\d+ healthy/);
  assert.match(await v2row.innerText(), /HTTP:80 → forward console-mig-http-8080/);
  await shot('migration-applied');

  // Cut-over: www.console.example moves from the Classic balancer to the ALB in two steps, then back.
  const aws = awsCli(motoUrl, { accessKeyId: 'testing', secretAccessKey: 'testing' });
  const zone = (await aws('route53', 'create-hosted-zone', '--name', 'console.example', '--caller-reference', `console-${Date.now()}`)).HostedZone.Id;
  const classicDns = (await query({ endpoint: motoUrl, region: 'us-east-1', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } }, 'elasticloadbalancing', '2012-06-01', { Action: 'DescribeLoadBalancers', 'LoadBalancerNames.member.1': mig })).match(/<DNSName>([^<]+)<\/DNSName>/)[1];
  await aws('route53', 'change-resource-record-sets', '--hosted-zone-id', zone, '--change-batch', JSON.stringify({ Changes: [{ Action: 'CREATE', ResourceRecordSet: { Name: 'www.console.example', Type: 'CNAME', TTL: 60, ResourceRecords: [{ Value: classicDns }] } }] }));
  const weightsNow = async () => Object.fromEntries((await aws('route53', 'list-resource-record-sets', '--hosted-zone-id', zone)).ResourceRecordSets
    .filter((r) => r.SetIdentifier).map((r) => [r.SetIdentifier, r.Weight]));
  // The gates want healthy targets behind the new balancer: one instance, registered outside the page.
  const v2 = new ElbV2Client({ region: 'us-east-1', endpoint: motoUrl, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
  const instance = all(await ec2({ Action: 'RunInstances', ImageId: 'ami-12c6146b', MinCount: '1', MaxCount: '1', InstanceType: 't3.micro', SubnetId: subnets[0] }), 'instanceId')[0];
  const { TargetGroups: [group] } = await v2.describeTargetGroups({ Names: ['console-mig-http-8080'] });
  await v2.registerTargets({ TargetGroupArn: group.TargetGroupArn, Targets: [{ Id: instance }] });
  await page.getByRole('button', { name: 'Cut over…' }).click();
  const cut = page.getByRole('form', { name: 'Cut over' });
  await cut.getByLabel('Record', { exact: true }).fill('www.console.example');
  await cut.getByLabel('Steps (%)', { exact: true }).fill('50, 100');
  await cut.getByLabel('Bake (s)', { exact: true }).fill('1');
  await cut.getByRole('button', { name: 'Start cut-over' }).click();
  await page.waitForFunction(() => /^(done|reverted|paused)/.test(document.querySelector('#cutover-step').textContent), null, { timeout: 60_000 });
  await idle();
  assert.match(await page.locator('#cutover-step').innerText(), /^done — when sure: aws elb delete-load-balancer --load-balancer-name console-mig$/);
  assert.equal(await page.getByRole('meter', { name: 'Traffic on the new balancer' }).getAttribute('aria-valuenow'), '100');
  assert.equal(await page.locator('#cutover-weights').innerText(), 'Classic 0% · new 100%');
  assert.deepEqual(Object.values(await weightsNow()).sort((a, b) => a - b), [0, 100]);
  await shot('cutover-done');
  await cut.getByRole('button', { name: 'Revert' }).click();
  await page.waitForFunction(() => document.querySelector('#cutover-step').textContent.startsWith('reverted'));
  await idle();
  assert.equal(await page.locator('#cutover-weights').innerText(), 'Classic 100% · new 0%');
  const back = await weightsNow();
  assert.deepEqual(Object.keys(back).length, 2);
  assert.equal(Math.max(...Object.entries(back).filter(([id]) => !/classic/i.test(id)).map(([, w]) => w)), 0, JSON.stringify(back));
  await shot('cutover-reverted');
  await button('Roll back').click();
  await v2row.waitFor({ state: 'detached' });
  await idle();
  assert.match(await page.locator('#migration-progress').innerText(), /DeleteLoadBalancer arn:aws:elasticloadbalancing:.*\/console-mig\//);
  await shot('migration-rolled-back');
  // The Classic balancer is still there, unchanged, and goes the usual way.
  await button(mig, balancerRow(mig, 'classic')).click();
  await idle();
  await button('Delete balancer').click();
  await balancerRow(mig, 'classic').waitFor({ state: 'detached' });
  await idle();
  await button(name, row()).click();
  await idle();

  // Nothing secret is kept anywhere but memory.
  const stored = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length, cookie: document.cookie, url: location.href, secret: document.querySelector('[name=secretAccessKey]').value }));
  // The token's cookie is HttpOnly: invisible to the page's script.
  assert.deepEqual(stored, { local: 0, session: 0, cookie: '', url: printed[1], secret: '' });

  await button('Delete balancer').click();
  await row().waitFor({ state: 'detached' });
  await idle();
  assert.equal(await page.locator('#detail').isHidden(), true);
  await shot('deleted');
  assert.deepEqual(problems, []);
  console.log(`console: create, table, listener, policy, tag, health check, error, migration to ALB (plan, CLI, apply, cut-over and revert, rollback), delete passed in Chromium ${browser.version()}; ${taken()} screenshots in ${shots}`);
} finally {
  await browser.close();
  server.kill();
}
