// The console's main views in the two other engines its users run: Firefox (headless, WebDriver BiDi
// through puppeteer-core) and WebKit (MiniBrowser through WebKitWebDriver under the caller's Xvfb
// DISPLAY, selenium-webdriver). In each: connect, the one list with a Classic balancer and an ALB,
// the ALB's listeners and target groups, its metrics chart from seeded data, the Classic detail's
// health check showing its current values. A screenshot of each engine goes to SCREENSHOT_DIR.
// Usage: node console-engines.mjs <moto-url> <repo>
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { Builder } from 'selenium-webdriver';
import { webkitDriver } from './webkit-driver.mjs';
import { ElbClient } from 'elb-wasm';
import { ElbV2Client } from 'elb-wasm/v2';
import { query, all } from './aws-query.mjs';
import { startConsole } from './console-lib.mjs';

const [motoUrl, repo] = process.argv.slice(2);
const shots = process.env.SCREENSHOT_DIR ?? join(process.cwd(), 'console-shots');
mkdirSync(shots, { recursive: true });
const config = { region: 'us-east-1', endpoint: motoUrl, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } };
const v2 = new ElbV2Client(config);
const ec2 = (params) => query(config, 'ec2', '2016-11-15', params);

const vpc = all(await ec2({ Action: 'CreateVpc', CidrBlock: '10.70.0.0/16' }), 'vpcId')[0];
const subnets = [];
for (const [cidr, zone] of [['10.70.1.0/24', 'us-east-1a'], ['10.70.2.0/24', 'us-east-1b']]) {
  subnets.push(all(await ec2({ Action: 'CreateSubnet', VpcId: vpc, CidrBlock: cidr, AvailabilityZone: zone }), 'subnetId')[0]);
}
const elb = new ElbClient(config);
await elb.createLoadBalancer({ LoadBalancerName: 'eng-classic', Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstancePort: 8080 }], AvailabilityZones: ['us-east-1a'] });
await elb.configureHealthCheck({ LoadBalancerName: 'eng-classic', HealthCheck: { Target: 'HTTP:8080/ping', Interval: 30, Timeout: 5, UnhealthyThreshold: 2, HealthyThreshold: 3 } });
const alb = (await v2.createLoadBalancer({ Name: 'eng-web', Subnets: subnets })).LoadBalancers[0];
const tg = (await v2.createTargetGroup({ Name: 'eng-tg', Protocol: 'HTTP', Port: 80, VpcId: vpc })).TargetGroups[0];
await v2.createListener({ LoadBalancerArn: alb.LoadBalancerArn, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }] });
await query(config, 'monitoring', '2010-08-01', {
  Action: 'PutMetricData', Namespace: 'AWS/ApplicationELB',
  'MetricData.member.1.MetricName': 'RequestCount',
  'MetricData.member.1.Dimensions.member.1.Name': 'LoadBalancer',
  'MetricData.member.1.Dimensions.member.1.Value': alb.LoadBalancerArn.split(':loadbalancer/')[1],
  'MetricData.member.1.Timestamp': new Date(Date.now() - 120_000).toISOString(),
  'MetricData.member.1.Value': '7',
});

/** The steps, through an engine's `click(css)`, `until(js, what)` (a page expression that must become true). */
async function views({ click, until }) {
  await until(`document.querySelector('#target')?.textContent.includes('local moto')`, 'the page asked the server');
  await click('#use-local');
  await until(`document.querySelector('#status').textContent === 'Ready' && document.querySelectorAll('#balancers tbody tr[data-type]').length >= 2`, 'the list of balancers');
  await until(`!!document.querySelector('#balancers tr[data-name="eng-classic"][data-type=classic]') && !!document.querySelector('#balancers tr[data-name="eng-web"][data-type=application]')`, 'a Classic and an ALB in one list');
  await click('#balancers tr[data-name="eng-web"] button');
  await until(`document.querySelector('#v2-listeners').textContent.includes('forward eng-tg') && document.querySelector('#target-groups').textContent.includes('eng-tg')`, 'the ALB\'s listener and target group');
  await until(`[...document.querySelectorAll('#charts svg[role=img]')].some((s) => s.getAttribute('aria-label') === 'Requests (sum): last value 7')`, 'the requests chart named with its last value');
  await click('#balancers tr[data-name="eng-classic"] button');
  await until(`!document.querySelector('#detail').hidden && document.querySelector('#health-form').Target.value === 'HTTP:8080/ping'`, 'the Classic health check with its current values');
  await until(`document.querySelector('#status').textContent === 'Ready' && document.querySelector('#error').hidden`, 'no error shown');
}

async function poll(read, what) {
  for (let i = 0; i < 150; i++) { // up to 30 s
    if (await read()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what}: not seen in 30 s`);
}

const { server, printed } = await startConsole(motoUrl, repo);
let driverProcess;
const startDriver = async () => {
  const d = await webkitDriver();
  driverProcess = d.process;
  return d.url;
};
try {
  const firefox = await puppeteer.launch({
    browser: 'firefox',
    executablePath: '/usr/bin/firefox-esr',
    headless: true,
    protocol: 'webDriverBiDi',
    extraPrefsFirefox: { 'network.proxy.type': 0, 'app.update.enabled': false, 'browser.shell.checkDefaultBrowser': false },
  });
  try {
    const page = await firefox.newPage();
    await page.setViewport({ width: 1300, height: 1000 });
    await page.goto(printed[0]);
    await views({
      click: (css) => page.click(css),
      until: (js, what) => poll(() => page.evaluate(js), `firefox: ${what}`),
    });
    await page.screenshot({ path: join(shots, 'engines-firefox.png'), fullPage: true });
    console.log(`console in ${await firefox.version()}: list, ALB listeners and groups, metrics chart, Classic health check`);
  } finally {
    await firefox.close();
  }

  if (!process.env.DISPLAY) throw new Error('webkit needs DISPLAY (an Xvfb display started by the caller)');
  const webkit = await new Builder()
    .withCapabilities({
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser', args: ['--automation'] },
    })
    .usingServer(await startDriver())
    .build();
  try {
    await webkit.get(printed[0]);
    await views({
      click: (css) => webkit.executeScript(`document.querySelector(${JSON.stringify(css)}).click()`),
      until: (js, what) => poll(() => webkit.executeScript(`return Boolean(${js})`), `webkit: ${what}`),
    });
    writeFileSync(join(shots, 'engines-webkit.png'), Buffer.from(await webkit.takeScreenshot(), 'base64'));
    console.log(`console in WebKitGTK ${(await webkit.getCapabilities()).get('browserVersion')}: list, ALB listeners and groups, metrics chart, Classic health check`);
  } finally {
    await webkit.quit();
    driverProcess?.kill();
  }
} finally {
  server.kill();
}
