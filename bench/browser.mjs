// The Chromium half: browser-entry.mjs bundled by esbuild, served with the wasm on 127.0.0.1,
// run in headless Chromium through playwright-core. The server stops when the run ends.
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';

const here = fileURLToPath(new URL('.', import.meta.url));
const dist = join(here, '..', 'dist');

export async function inChromium(opts) {
  const built = await esbuild.build({
    entryPoints: [join(here, 'browser-entry.mjs')], bundle: true, format: 'esm', platform: 'browser',
    target: 'es2022', minify: true, write: false, logLevel: 'silent',
    alias: { 'elb-wasm': join(dist, 'entries', 'web.js') },
  });
  const files = {
    '/': ['text/html', '<!doctype html><script type="module" src="/bench.js"></script>'],
    '/bench.js': ['text/javascript', Buffer.from(built.outputFiles[0].contents)],
    '/elb_wasm_bg.wasm': ['application/wasm', readFileSync(join(dist, 'elb_wasm_bg.wasm'))],
  };
  const server = http.createServer((req, res) => {
    const f = files[new URL(req.url, 'http://x').pathname];
    if (!f) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': f[0] }).end(f[1]);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => typeof globalThis.bench === 'function', null, { timeout: 30_000 });
    if (errors.length) throw errors[0];
    return await page.evaluate((o) => globalThis.bench(o), opts);
  } finally {
    await browser.close();
    server.close();
  }
}
