// What the console's end-to-end scripts share: the console server (scripts/console-server.mjs serving
// www/ and the installed package) started against a moto and stopped with the script, and headless
// Chromium (playwright-core, /usr/bin/chromium); a network for the balancers they make.
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { query, all } from './aws-query.mjs';

/** Starts the server; resolves to the printed URL match ([0] with the token, [1] without). */
export async function startConsole(motoUrl, repo) {
  const pkg = join(dirname(createRequire(import.meta.url).resolve('elb-wasm/package.json')), 'dist');
  const server = spawn(process.execPath, [join(repo, 'scripts/console-server.mjs'), '--endpoint', motoUrl, '--region', 'us-east-1', '--port', '0', '--package', pkg, '--www', join(repo, 'www')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // However the script ends, the server it started ends with it.
  process.on('exit', () => server.kill());
  const printed = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('console server did not start in 10 s')), 10_000);
    server.stdout.on('data', (d) => {
      const m = String(d).match(/(http:\/\/127\.0\.0\.1:\d+\/)\?token=[0-9a-f]+/);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    server.on('exit', (code) => reject(new Error(`console server exited with ${code}`)));
  });
  return { server, printed };
}

export const launchChromium = () =>
  chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });

/**
 * A page of `browser` as both console e2e scripts drive it: `problems` collects what the page
 * throws or logs as an error (an invalid `pattern` attribute is only logged), but the browser's own
 * line for a refused call's status, which the tests provoke; dialogs are accepted; `shot(what)`
 * saves a numbered screenshot to `shots` (named after `prefix`); `button(name, scope)` finds a
 * button by its accessible name; `taken()` counts the screenshots.
 */
export async function consolePage(browser, { height, shots, prefix = '' }) {
  const page = await browser.newPage({ viewport: { width: 1400, height } });
  const problems = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && problems.push(m.text()));
  page.on('dialog', (d) => d.accept());
  let n = 0;
  const shot = async (what) => page.screenshot({ path: join(shots, `${prefix}${String(++n).padStart(2, '0')}-${what}.png`), fullPage: true });
  const button = (name, scope = page) => scope.getByRole('button', { name, exact: true });
  return { page, problems, shot, button, taken: () => n };
}

/** A VPC `10.N.0.0/16` with a subnet in us-east-1a and one in us-east-1b, made through EC2's query API. */
export async function makeNetwork(config, n) {
  const ec2 = (params) => query(config, 'ec2', '2016-11-15', params);
  const vpc = all(await ec2({ Action: 'CreateVpc', CidrBlock: `10.${n}.0.0/16` }), 'vpcId')[0];
  const subnets = [];
  for (const [i, zone] of [[1, 'us-east-1a'], [2, 'us-east-1b']]) {
    subnets.push(all(await ec2({ Action: 'CreateSubnet', VpcId: vpc, CidrBlock: `10.${n}.${i}.0/24`, AvailabilityZone: zone }), 'subnetId')[0]);
  }
  return { vpc, subnets, ec2 };
}

/**
 * PutMetricData of `points` ([value, minutesAgo]) for one metric and its dimensions, sent as a form
 * (PutMetricData is not among CloudWatchClient's operations: the console only reads metrics).
 */
export async function putMetric(config, namespace, name, dimensions, points) {
  const form = { Action: 'PutMetricData', Namespace: namespace };
  points.forEach(([value, minutesAgo], i) => {
    const m = `MetricData.member.${i + 1}`;
    Object.assign(form, { [`${m}.MetricName`]: name, [`${m}.Value`]: String(value), [`${m}.Timestamp`]: new Date(Date.now() - minutesAgo * 60_000).toISOString() });
    Object.entries(dimensions).forEach(([k, v], j) => Object.assign(form, { [`${m}.Dimensions.member.${j + 1}.Name`]: k, [`${m}.Dimensions.member.${j + 1}.Value`]: v }));
  });
  await query(config, 'monitoring', '2010-08-01', form);
}
