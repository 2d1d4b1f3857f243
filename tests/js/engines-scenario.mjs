// The shared scenario page (both esbuild entries, bundled by esbuild) in the two other browser engines a web
// console's users run: Firefox (Debian's firefox-esr, headless, driven over WebDriver BiDi by
// puppeteer-core) and WebKit, Safari's engine (Debian's WebKitGTK MiniBrowser through its WebDriver,
// WebKitWebDriver, under the Xvfb display the caller provides in DISPLAY, driven by selenium-webdriver).
// Each must run the scenario to the end and fetch exactly one .wasm.
// Usage: node engines-scenario.mjs <moto-url>   (a moto without SigV4 checks: pages send CORS preflights)
import { createServer } from 'node:http';
import { forwardAws } from './same-origin-aws.mjs';
import { readFile, writeFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { readFileSync } from 'node:fs';
import { launchFirefox, launchWebKit } from './engines-lib.mjs';
import { build } from 'esbuild';

const [motoUrl] = process.argv.slice(2);
const credentials = readFileSync(new URL('./credentials.json', import.meta.url), 'utf8');
// The esbuild entries and esbuild's file loader: the wasm lands beside the bundle, nothing copied.
const out = new URL('./engines-dist/', import.meta.url).pathname;
await build({
  entryPoints: [new URL('./browser/page-esbuild.mjs', import.meta.url).pathname],
  bundle: true, format: 'esm', outdir: out, loader: { '.wasm': 'file' }, platform: 'browser', target: 'es2022', logLevel: 'warning',
});
await writeFile(join(out, 'index.html'), '<!doctype html><meta charset="utf-8"><title>elb-wasm</title><script type="module" src="./page-esbuild.js"></script>');

// The page's own server counts the .wasm requests (WebDriver classic has no network events).
const requested = [];
const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };
const server = createServer(async (req, res) => {
  if (await forwardAws(req, res, motoUrl)) return;
  const path = normalize(new URL(req.url, 'http://x').pathname).replace(/^\/+/, '') || 'index.html';
  requested.push(path);
  let body;
  try {
    body = await readFile(join(out, path));
  } catch {
    return void res.writeHead(404).end();
  }
  res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(body);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const pageUrl = (name) => `http://127.0.0.1:${server.address().port}/index.html?${new URLSearchParams({ endpoint: motoUrl, credentials, name })}`;
const STEPS = 'create describe policy set-policy tag delete error driver elbv2 services';

async function poll(read, what) {
  for (let i = 0; i < 300; i++) { // up to 60 s
    const r = await read();
    if (r) return r;
    await new Promise((res) => setTimeout(res, 200));
  }
  throw new Error(`${what}: no result in 60 s`);
}

function check(engine, result) {
  const wasm = requested.filter((p) => p.endsWith('.wasm'));
  requested.length = 0;
  if (!result.ok) throw new Error(`${engine}: ${result.error}`);
  if (result.steps.join(' ') !== STEPS) throw new Error(`${engine}: steps ${result.steps.join(' ')}`);
  if (wasm.length !== 1) throw new Error(`${engine}: expected one .wasm request, saw ${JSON.stringify(wasm)}`);
}

try {
  // Firefox: headless, WebDriver BiDi (puppeteer's Firefox support), a profile of its own.
  const firefox = await launchFirefox();
  try {
    const page = await firefox.newPage();
    await page.goto(pageUrl('smoke-firefox'));
    const result = await poll(() => page.evaluate(() => window.__result), 'firefox');
    check('firefox', result);
    console.log(`${await firefox.version()}: scenario passed, one .wasm: ${result.steps.join(' ')}`);
  } finally {
    await firefox.close();
  }

  // WebKit: MiniBrowser in automation mode, through WebKitWebDriver (no headless mode: Xvfb's DISPLAY).
  const { session: webkit, stop: stopWebKit } = await launchWebKit();
  try {
    await webkit.get(pageUrl('smoke-webkit'));
    const result = await poll(() => webkit.executeScript('return window.__result'), 'webkit');
    check('webkit', result);
    const caps = await webkit.getCapabilities();
    console.log(`WebKitGTK ${caps.get('browserVersion')}: scenario passed, one .wasm: ${result.steps.join(' ')}`);
  } finally {
    await stopWebKit();
  }
} finally {
  server.close();
}
