// The console's ALB/NLB views end to end in Chromium against moto, driven the way a screen reader
// user moves — by role and accessible name (../shared/CONSOLE.md's names): one list of all four
// balancer types; an ALB created, two target groups, targets registered, a listener, two rules
// reordered, attributes of the balancer and a group, a health check edited; metrics from seeded
// PutMetricData as charts and their data; a refused call (a taken rule priority: moto lets a port
// have two listeners) in an alert with its code while the form keeps its values; an input the
// package refuses before sending; everything deleted again.
// A screenshot of each view goes to SCREENSHOT_DIR. Given a keys file (moto-setup.mjs's, for a moto
// that verifies SigV4), the keys are typed into the page and every call the page forwards is checked.
// Usage: node console-v2-e2e.mjs <moto-url> <repo> [keys.json]
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { ElbV2Client } from 'elb-wasm/v2';
import { ElbClient } from 'elb-wasm';
import { query, all } from './aws-query.mjs';
import { startConsole, launchChromium, consolePage, makeNetwork, putMetric } from './console-lib.mjs';

const [motoUrl, repo, keysFile] = process.argv.slice(2);
const keys = keysFile ? JSON.parse(readFileSync(keysFile, 'utf8')) : { accessKeyId: 'testing', secretAccessKey: 'testing' };
const shots = process.env.SCREENSHOT_DIR ?? join(process.cwd(), 'console-shots');
mkdirSync(shots, { recursive: true });
const config = { region: 'us-east-1', endpoint: motoUrl, credentials: keys };
const v2 = new ElbV2Client(config);

// What the console is given to work with: a VPC with two subnets and a security group, two
// instances, a Classic balancer and an NLB made outside the page.
const { vpc, subnets, ec2 } = await makeNetwork(config, 60);
const sg = all(await ec2({ Action: 'CreateSecurityGroup', GroupName: 'console-v2', GroupDescription: 'console-v2', VpcId: vpc }), 'groupId')[0];
const instances = all(await ec2({ Action: 'RunInstances', ImageId: 'ami-12c6146b', MinCount: '2', MaxCount: '2', InstanceType: 't3.micro', SubnetId: subnets[0] }), 'instanceId');
await new ElbClient(config).createLoadBalancer({ LoadBalancerName: 'v2e-classic', Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstancePort: 80 }], AvailabilityZones: ['us-east-1a'] });
const network = (await v2.createLoadBalancer({ Name: 'v2e-network', Type: 'network', Subnets: subnets })).LoadBalancers[0];
const tcp = (await v2.createTargetGroup({ Name: 'v2e-tcp', Protocol: 'TCP', Port: 80, VpcId: vpc })).TargetGroups[0];
await v2.createListener({ LoadBalancerArn: network.LoadBalancerArn, Protocol: 'TCP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: tcp.TargetGroupArn }] });
await v2.createLoadBalancer({ Name: 'v2e-gateway', Type: 'gateway', Subnets: subnets });

const { server, printed } = await startConsole(motoUrl, repo);
const browser = await launchChromium();
try {
  const { page, problems, shot, button, taken } = await consolePage(browser, { height: 1100, shots, prefix: 'v2-' });
  const idle = () => page.waitForFunction(() => !document.querySelector('[role=status]').classList.contains('busy'));
  const form = (name) => page.getByRole('form', { name });
  const balancers = page.getByRole('table', { name: 'Load balancers' });
  const balancerRow = (name, type) => balancers.getByRole('row').filter({ has: page.getByRole('cell', { name: type, exact: true }) }).filter({ has: button(name) });
  const groups = page.getByRole('table', { name: 'Target groups' });
  const groupRow = (name) => groups.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });

  await page.goto(printed[0]);
  if (keysFile) {
    await page.getByLabel('Access key id').fill(keys.accessKeyId);
    await page.getByLabel('Secret access key').fill(keys.secretAccessKey);
    await button('Connect').click();
  } else {
    await button('Use local default').click();
  }
  await page.getByRole('status').filter({ hasText: 'Ready' }).waitFor();

  // One list of every type.
  await balancerRow('v2e-network', 'network').waitFor();
  assert.equal(await balancerRow('v2e-classic', 'classic').count(), 1);
  assert.equal(await balancerRow('v2e-gateway', 'gateway').count(), 1);
  await page.getByLabel('Filter', { exact: true }).fill('network');
  assert.equal(await balancers.locator('tbody tr').count(), 1, 'the filter leaves the one network balancer');
  await page.getByLabel('Filter', { exact: true }).fill('');
  await shot('list-all-types');

  // An ALB made in the page.
  await button('Create load balancer').click();
  const create = form('Create load balancer');
  await create.getByLabel('Name', { exact: true }).fill('v2e-web');
  await create.getByLabel('Type', { exact: true }).selectOption('application');
  await create.getByLabel('Subnets', { exact: true }).fill(subnets.join(', '));
  await create.getByLabel('Security groups', { exact: true }).fill(sg);
  await button('Create', create).click();
  await balancerRow('v2e-web', 'application').waitFor();
  await idle();
  const detail = page.getByRole('region', { name: 'ALB/NLB detail' });
  await detail.getByRole('heading', { name: /v2e-web \(application/ }).waitFor();

  // Two target groups; targets registered in the first.
  for (const [name, path] of [['v2e-blue', '/health'], ['v2e-green', '/ready']]) {
    await button('Create target group').click();
    const f = form('Create target group');
    await f.getByLabel('Name', { exact: true }).fill(name);
    await f.getByLabel('VPC', { exact: true }).fill(vpc);
    await f.getByLabel('Health check path', { exact: true }).fill(path);
    await f.getByLabel('Health check interval', { exact: true }).fill('15');
    await button('Create', f).click();
    await groupRow(name).waitFor();
    await idle();
  }
  assert.match(await groupRow('v2e-green').innerText(), /HTTP:80\s+HTTP \/ready every 15 s/);
  await button('Register targets', groupRow('v2e-blue')).click();
  await form('Register targets').getByLabel('Instance IDs', { exact: true }).fill(instances.join(', '));
  await button('Register', form('Register targets')).click();
  await page.waitForFunction((id) => document.querySelector('#target-groups').textContent.includes(id), instances[1]);
  await idle();
  assert.match(await groupRow('v2e-blue').innerText(), /\d+ healthy, \d+ unhealthy, \d+ draining/);
  await shot('target-groups');

  // A listener forwarding to blue; the balancer's row rolls up its targets' health.
  await button('Add listener').click();
  const addListener = form('Add listener');
  await addListener.getByLabel('Port', { exact: true }).fill('80');
  await addListener.getByLabel('Default action', { exact: true }).selectOption('forward');
  await addListener.getByLabel('Target group', { exact: true }).selectOption({ label: 'v2e-blue' });
  await button('Add', addListener).click();
  const listeners = page.getByRole('table', { name: 'Listeners' });
  await listeners.getByRole('rowheader', { name: 'HTTP:80' }).waitFor();
  await idle();
  assert.match(await listeners.innerText(), /HTTP:80\s+forward v2e-blue/);
  assert.match(await balancerRow('v2e-web', 'application').innerText(), /\d\/2 healthy/);
  // A weighted forward (80/20 between blue and green) and a redirect, each on a listener of its own.
  await button('Add listener').click();
  await addListener.getByLabel('Port', { exact: true }).fill('8080');
  await addListener.getByLabel('Default action', { exact: true }).selectOption('weighted forward');
  await addListener.getByLabel('Target group', { exact: true }).selectOption({ label: 'v2e-blue' });
  await addListener.getByLabel('Second target group', { exact: true }).selectOption({ label: 'v2e-green' });
  await addListener.getByLabel('Weights', { exact: true }).fill('80, 20');
  await button('Add', addListener).click();
  await listeners.getByRole('rowheader', { name: 'HTTP:8080' }).waitFor();
  await idle();
  await button('Add listener').click();
  await addListener.getByLabel('Port', { exact: true }).fill('81');
  await addListener.getByLabel('Default action', { exact: true }).selectOption('redirect');
  await addListener.getByLabel('Redirect protocol', { exact: true }).fill('HTTPS');
  await addListener.getByLabel('Redirect port', { exact: true }).fill('443');
  await button('Add', addListener).click();
  await listeners.getByRole('rowheader', { name: 'HTTP:81' }).waitFor();
  await idle();
  assert.match(await listeners.getByRole('row', { name: /HTTP:8080/ }).innerText(), /forward v2e-blue 80 \/ v2e-green 20/);
  assert.match(await listeners.getByRole('row', { name: /HTTP:81\b/ }).innerText(), /redirect HTTP_301/);
  const weighted = (await v2.describeListeners({ LoadBalancerArn: (await v2.describeLoadBalancers({ Names: ['v2e-web'] })).LoadBalancers[0].LoadBalancerArn })).Listeners.find((l) => l.Port === 8080);
  assert.deepEqual(weighted.DefaultActions[0].ForwardConfig.TargetGroups.map((g) => g.Weight).sort((a, b) => b - a), [80, 20]);
  await shot('listeners');

  // The blue group now serves v2e-web; with it selected the table holds its groups and unused ones.
  assert.match(await groupRow('v2e-blue').innerText(), /v2e-web/);
  assert.equal(await groupRow('v2e-green').count(), 1, 'green, weighted in on 8080, is among v2e-web\'s');
  assert.equal(await groupRow('v2e-tcp').count(), 0, 'the NLB\'s group is not among v2e-web\'s');

  // An input the package refuses before sending: the field is marked, nothing reaches the server.
  let forwarded = 0;
  page.on('request', (r) => { if (r.url().endsWith('/forward')) forwarded++; });
  await button('Add listener').click();
  await addListener.getByLabel('Port', { exact: true }).fill('70000');
  await button('Add', addListener).click();
  await page.getByRole('alert').filter({ hasText: 'InvalidInput' }).waitFor();
  await shot('invalid-input');
  await idle();
  assert.equal(await addListener.getByLabel('Port', { exact: true }).getAttribute('aria-invalid'), 'true');
  assert.equal(forwarded, 0, 'nothing sent for an input the package refused');
  await button('Add listener').click();

  // Two rules, then the first moved down (SetRulePriorities).
  await button('Rules', listeners.getByRole('row', { name: /HTTP:80\b(?!80)/ })).click();
  const rules = page.getByRole('table', { name: 'Rules' });
  await rules.waitFor();
  for (const [priority, field, value] of [['10', 'Path pattern', '/api/*'], ['20', 'Host header', 'green.example.com']]) {
    await button('Add rule').click();
    const f = form('Add rule');
    await f.getByLabel('Priority', { exact: true }).fill(priority);
    await f.getByLabel(field, { exact: true }).fill(value);
    await f.getByLabel('Action', { exact: true }).selectOption('forward');
    await f.getByLabel('Target group', { exact: true }).selectOption({ label: 'v2e-green' });
    await button('Add', f).click();
    await rules.getByRole('rowheader', { name: priority, exact: true }).waitFor();
    await idle();
  }
  // A refused call (the priority is taken): the alert names the code; the form keeps what was typed.
  await button('Add rule').click();
  await form('Add rule').getByLabel('Priority', { exact: true }).fill('10');
  await form('Add rule').getByLabel('Path pattern', { exact: true }).fill('/taken');
  await button('Add', form('Add rule')).click();
  await page.getByRole('alert').filter({ hasText: 'PriorityInUse' }).waitFor();
  await idle();
  assert.equal(await form('Add rule').getByLabel('Path pattern', { exact: true }).inputValue(), '/taken');
  assert.match(await page.getByRole('alert').innerText(), /Request id: \S+/);
  await shot('error-kept');
  await button('Add rule').click();
  const order = async () => (await rules.locator('tbody tr').allInnerTexts()).map((t) => t.split('\t').slice(0, 2).join(' '));
  assert.deepEqual((await order()).slice(0, 2), ['10 path-pattern /api/*', '20 host-header green.example.com']);
  await button('Move down', rules.getByRole('row', { name: /path-pattern/ })).click();
  await page.waitForFunction(() => document.querySelector('#rules-table tbody tr')?.textContent.includes('host-header'));
  await idle();
  assert.deepEqual((await order()).slice(0, 3), ['10 host-header green.example.com', '20 path-pattern /api/*', 'default (any request)']);
  await shot('rules-reordered');

  // Attributes: the balancer's (shown on selection) and a group's.
  const attributes = form('Attributes');
  await attributes.getByLabel('access_logs.s3.prefix', { exact: true }).fill('web');
  await button('Save attributes', attributes).click();
  await idle();
  const lbAttributes = await v2.describeLoadBalancerAttributes({ LoadBalancerArn: (await v2.describeLoadBalancers({ Names: ['v2e-web'] })).LoadBalancers[0].LoadBalancerArn });
  assert.equal(lbAttributes.Attributes.find((a) => a.Key === 'access_logs.s3.prefix').Value, 'web');
  await button('Attributes', groupRow('v2e-blue')).click();
  await page.getByRole('heading', { name: 'Attributes of target group v2e-blue' }).waitFor();
  await attributes.getByLabel('deregistration_delay.timeout_seconds', { exact: true }).fill('30');
  await shot('attributes');
  await button('Save attributes', attributes).click();
  await idle();

  // The health check, edited.
  await button('Edit health check', groupRow('v2e-blue')).click();
  const hc = form('Edit health check');
  assert.equal(await hc.getByLabel('Health check path', { exact: true }).inputValue(), '/health');
  await hc.getByLabel('Health check path', { exact: true }).fill('/healthz');
  await button('Save health check', hc).click();
  await page.waitForFunction(() => document.querySelector('#target-groups').textContent.includes('/healthz'));
  await idle();
  const blue = (await v2.describeTargetGroups({ Names: ['v2e-blue'] })).TargetGroups[0];
  assert.equal(blue.HealthCheckPath, '/healthz');
  const blueAttributes = await v2.describeTargetGroupAttributes({ TargetGroupArn: blue.TargetGroupArn });
  assert.equal(blueAttributes.Attributes.find((a) => a.Key === 'deregistration_delay.timeout_seconds').Value, '30');

  // Metrics: requests seeded for the last minutes are a chart named with the last value, and a table.
  const web = (await v2.describeLoadBalancers({ Names: ['v2e-web'] })).LoadBalancers[0];
  await putMetric(config, 'AWS/ApplicationELB', 'RequestCount', { LoadBalancer: web.LoadBalancerArn.split(':loadbalancer/')[1] }, [[10, 5], [20, 4], [30, 3], [42, 2]]);
  await button('Refresh metrics').click();
  const requests = page.getByRole('img', { name: /^Requests \(sum\): last value 42$/ });
  await requests.waitFor();
  await idle();
  await page.getByRole('button', { name: 'Show data: Requests (sum)' }).click();
  const data = page.getByRole('table', { name: 'Requests (sum) data' });
  assert.deepEqual((await data.locator('tbody tr td:nth-child(2)').allInnerTexts()), ['10', '20', '30', '42']);
  assert.equal(await page.getByRole('img', { name: /^Response time \(p50, p99\): last value/ }).count(), 1);
  await shot('metrics');

  // Everything deleted again, from the page.
  for (const priority of ['10', '20']) {
    await button('Delete rule', rules.getByRole('row', { name: new RegExp(`^${priority}\\b`) })).click();
    await rules.getByRole('rowheader', { name: priority, exact: true }).waitFor({ state: 'detached' });
    await idle();
  }
  for (const port of ['80', '8080', '81']) {
    await button('Delete listener', listeners.getByRole('row').filter({ has: page.getByRole('rowheader', { name: `HTTP:${port}`, exact: true }) })).click();
    await listeners.getByRole('rowheader', { name: `HTTP:${port}`, exact: true }).waitFor({ state: 'detached' });
    await idle();
  }
  await idle();
  await button('Delete load balancer').click();
  await balancerRow('v2e-web', 'application').waitFor({ state: 'detached' });
  await idle();
  await button(`Deregister ${instances[0]}`, groupRow('v2e-blue')).click();
  await page.waitForFunction((id) => !document.querySelector('#target-groups').textContent.includes(`${id}`), instances[0]);
  await idle();
  for (const name of ['v2e-blue', 'v2e-green']) {
    await button('Delete target group', groupRow(name)).click();
    await groupRow(name).waitFor({ state: 'detached' });
    await idle();
  }
  // An NLB's charts: new flows, and healthy hosts summed over its target groups (one group here).
  const nlbDimension = network.LoadBalancerArn.split(':loadbalancer/')[1];
  await putMetric(config, 'AWS/NetworkELB', 'NewFlowCount', { LoadBalancer: nlbDimension }, [[7, 2]]);
  await putMetric(config, 'AWS/NetworkELB', 'HealthyHostCount', { TargetGroup: tcp.TargetGroupArn.split(':').pop(), LoadBalancer: nlbDimension }, [[3, 2]]);
  await button('v2e-network', balancers).click();
  await page.getByRole('img', { name: 'New flows (sum): last value 7' }).waitFor();
  await page.getByRole('img', { name: 'Hosts (healthy, unhealthy): last value healthy 3, unhealthy no data' }).waitFor();
  await idle();
  await shot('deleted');
  assert.deepEqual(problems, []);
  console.log(`console ALB/NLB: list of four types, create ALB, target groups, register, listeners (forward, weighted 80/20, redirect), rules reordered, attributes, health check, ALB metrics chart and data, refused and invalid inputs, delete all, NLB charts (flows; hosts summed over its groups) passed in Chromium ${browser.version()}; ${taken()} screenshots in ${shots}`);
} finally {
  await browser.close();
  server.kill();
}
