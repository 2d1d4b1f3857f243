// The scenario in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core): the page
// bundled with esbuild (browser condition → dist/web.js), served on 127.0.0.1 by this script, talking
// to moto across origins (CORS). Usage: node browser-scenario.mjs <moto-url>
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { bundle } from './bundle.mjs';

// web.js finds the wasm with new URL('./elb_wasm_bg.wasm', import.meta.url): beside the bundle.
const { out } = await bundle('./browser/page.mjs', 'browser-dist', { platform: 'browser', target: 'es2022' });
const html = '<!doctype html><meta charset="utf-8"><title>elb-wasm</title><script type="module" src="page.js"></script>';

const types = { '.js': 'text/javascript', '.wasm': 'application/wasm' };
const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  if (path === '/') {
    res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    return;
  }
  try {
    const body = readFileSync(join(out, path.replace(/^\/+/, '').replace(/\.\./g, '')));
    res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const pageUrl = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  const logs = [];
  page.on('console', (m) => logs.push(m.text()));
  page.on('pageerror', (e) => logs.push(String(e)));
  const q = new URLSearchParams({
    endpoint: process.argv[2],
    credentials: readFileSync(new URL('./credentials.json', import.meta.url), 'utf8'),
    name: 'smoke-browser',
  });
  await page.goto(`${pageUrl}?${q}`);
  await page.waitForFunction(() => window.__result, null, { timeout: 30_000 });
  const result = await page.evaluate(() => window.__result);
  if (!result.ok) throw new Error(`scenario failed in Chromium:\n${result.error}\n${logs.join('\n')}`);
  console.log(`chromium ${browser.version()} (esbuild bundle): scenario passed: ${result.steps.join(' ')}`);
} finally {
  await browser.close();
  server.close();
}
