// The console's main views in the two other engines its users run: Firefox (headless, WebDriver BiDi
// through puppeteer-core) and WebKit (MiniBrowser through WebKitWebDriver under the caller's Xvfb
// DISPLAY, selenium-webdriver). In each: connect, the one list with a Classic balancer and an ALB,
// the ALB's listeners and target groups, its metrics chart from seeded data, the Classic detail's
// health check showing its current values. A screenshot of each engine goes to SCREENSHOT_DIR.
// Usage: node console-engines.mjs <moto-url> <repo>
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchFirefox, launchWebKit } from './engines-lib.mjs';
import { ElbClient } from 'elb-wasm';
import { ElbV2Client } from 'elb-wasm/v2';
import { startConsole, makeNetwork, putMetric } from './console-lib.mjs';

const [motoUrl, repo] = process.argv.slice(2);
const shots = process.env.SCREENSHOT_DIR ?? join(process.cwd(), 'console-shots');
mkdirSync(shots, { recursive: true });
const config = { region: 'us-east-1', endpoint: motoUrl, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } };
const v2 = new ElbV2Client(config);

const { vpc, subnets } = await makeNetwork(config, 70);
const elb = new ElbClient(config);
await elb.createLoadBalancer({ LoadBalancerName: 'eng-classic', Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstancePort: 8080 }], AvailabilityZones: ['us-east-1a'] });
await elb.configureHealthCheck({ LoadBalancerName: 'eng-classic', HealthCheck: { Target: 'HTTP:8080/ping', Interval: 30, Timeout: 5, UnhealthyThreshold: 2, HealthyThreshold: 3 } });
const alb = (await v2.createLoadBalancer({ Name: 'eng-web', Subnets: subnets })).LoadBalancers[0];
const tg = (await v2.createTargetGroup({ Name: 'eng-tg', Protocol: 'HTTP', Port: 80, VpcId: vpc })).TargetGroups[0];
await v2.createListener({ LoadBalancerArn: alb.LoadBalancerArn, Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }] });
await putMetric(config, 'AWS/ApplicationELB', 'RequestCount', { LoadBalancer: alb.LoadBalancerArn.split(':loadbalancer/')[1] }, [[7, 2]]);

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
try {
  const firefox = await launchFirefox();
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

  const { session: webkit, stop: stopWebKit } = await launchWebKit();
  try {
    await webkit.get(printed[0]);
    await views({
      click: (css) => webkit.executeScript(`document.querySelector(${JSON.stringify(css)}).click()`),
      until: (js, what) => poll(() => webkit.executeScript(`return Boolean(${js})`), `webkit: ${what}`),
    });
    writeFileSync(join(shots, 'engines-webkit.png'), Buffer.from(await webkit.takeScreenshot(), 'base64'));
    console.log(`console in WebKitGTK ${(await webkit.getCapabilities()).get('browserVersion')}: list, ALB listeners and groups, metrics chart, Classic health check`);
  } finally {
    await stopWebKit();
  }
} finally {
  server.kill();
}
