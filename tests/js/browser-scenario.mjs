// The scenario in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core), the ways a
// page gets the package: bundled by esbuild, vite, webpack 5 (zero configuration), rollup 4
// (rollup.config.mjs), bun build and parcel 2, and no bundler at all (an import map onto the installed files). Each page is served on 127.0.0.1 by this script and talks to moto
// across origins (CORS). Usage: node browser-scenario.mjs <moto-url>
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { forwardAws } from './same-origin-aws.mjs';
import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as viteBuild } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

async function vitePage() {
  // vite turns web.js's new URL(..., import.meta.url) into a hashed asset of its own.
  const outDir = join(here, 'vite-dist');
  await viteBuild({
    root: join(here, 'browser'),
    logLevel: 'warn',
    configFile: false,
    build: { outDir, emptyOutDir: true, target: 'es2022' },
  });
  return { root: outDir, path: '/index.html' };
}

/** A bundler's command line, run in this project; its output folder gets the page. */
function cliPage(bin, args, outDir, script) {
  return () => {
    execFileSync(join(here, 'node_modules', '.bin', bin), args, { cwd: here, stdio: ['ignore', 'ignore', 'inherit'] });
    writeFileSync(join(here, outDir, 'index.html'), `<!doctype html><meta charset="utf-8"><script type="module" src="${script}"></script>`);
    return { root: join(here, outDir), path: '/index.html' };
  };
}
// webpack 5 with its defaults: new URL(..., import.meta.url) becomes an asset module, top-level await works.
const webpackPage = cliPage('webpack', ['--mode', 'production', '--entry', './browser/page.mjs', '--output-path', 'webpack-dist'], 'webpack-dist', 'main.js');
const rollupPage = cliPage('rollup', ['-c', 'rollup.config.mjs', '--silent'], 'rollup-dist', 'page.js');

// esbuild and bun build do not follow new URL(..., import.meta.url) (evanw/esbuild#795): the page
// imports the elb-wasm/esbuild entries, which import the wasm. esbuild's standard file loader and
// bun build as it is copy it beside the bundle; nothing is copied here.
const esbuildPage = cliPage('esbuild', ['./browser/page-esbuild.mjs', '--bundle', '--format=esm', '--outdir=esbuild-dist', '--loader:.wasm=file', '--log-level=warning'], 'esbuild-dist', 'page-esbuild.js');
// What the README says of the flag: without it esbuild stops at the build, not with a 404 at run time.
function esbuildWithoutLoader() {
  const run = spawnSync(join(here, 'node_modules', '.bin', 'esbuild'), ['./browser/page-esbuild.mjs', '--bundle', '--format=esm', '--outdir=esbuild-bare'], { cwd: here, encoding: 'utf8' });
  if (run.status === 0 || !run.stderr.includes('No loader is configured for ".wasm" files')) {
    throw new Error(`esbuild without --loader:.wasm=file: expected it to stop with "No loader is configured", got status ${run.status}:\n${run.stderr}`);
  }
  console.log('esbuild without --loader:.wasm=file stops at the build: No loader is configured for ".wasm" files');
}
esbuildWithoutLoader();
const bunPage = cliPage('bun', ['build', './browser/page-esbuild.mjs', '--outdir', 'bun-dist', '--target', 'browser'], 'bun-dist', 'page-esbuild.js');

// parcel 2 from the page's HTML with no configuration: it follows new URL(..., import.meta.url) to an
// asset; without its opt-in to package exports it resolves elb-wasm and elb-wasm/v2 by the "browser"
// fields of the package (and of its v2/package.json), which name the web entries.
function parcelPage() {
  const args = ['build', 'browser/index.html', '--dist-dir', 'parcel-dist', '--no-source-maps', '--public-url', './', '--cache-dir', '.parcel-cache'];
  execFileSync(join(here, 'node_modules', '.bin', 'parcel'), args, { cwd: here, stdio: ['ignore', 'ignore', 'inherit'] });
  return { root: join(here, 'parcel-dist'), path: '/index.html' };
}

function noBundlerPage() {
  // The project root as it is: node_modules/elb-wasm/dist/* and the test files, unchanged.
  return { root: here, path: '/browser/no-bundler.html' };
}

const types = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm' };
function serve(root) {
  const server = createServer(async (req, res) => {
    if (await forwardAws(req, res, process.argv[2])) return;
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (path.includes('..')) return void res.writeHead(403).end();
    try {
      const body = readFileSync(join(root, path));
      res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r(server)));
}

const pages = [
  ['esbuild bundle', esbuildPage],
  ['vite bundle', vitePage],
  ['webpack bundle', webpackPage],
  ['rollup bundle', rollupPage],
  ['bun build bundle', bunPage],
  ['parcel bundle', parcelPage],
  ['no bundler, import map', noBundlerPage],
];
const credentials = readFileSync(new URL('./credentials.json', import.meta.url), 'utf8');
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  for (const [i, [how, make]] of pages.entries()) {
    const { root, path } = await make();
    const server = await serve(root);
    const page = await browser.newPage();
    const logs = [];
    const requested = [];
    page.on('console', (m) => logs.push(m.text()));
    page.on('pageerror', (e) => logs.push(String(e)));
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    try {
      const q = new URLSearchParams({ endpoint: process.argv[2], credentials, name: `smoke-browser-${i}` });
      await page.goto(`http://127.0.0.1:${server.address().port}${path}?${q}`);
      await page.waitForFunction(() => window.__result, null, { timeout: 30_000 });
      const result = await page.evaluate(() => window.__result);
      if (!result.ok) throw new Error(`scenario failed in Chromium (${how}):\n${result.error}\n${logs.join('\n')}`);
      const wasm = requested.filter((p) => p.endsWith('.wasm'));
      if (wasm.length !== 1) throw new Error(`${how}: expected one .wasm request, saw ${JSON.stringify(wasm)}`);
      console.log(`chromium ${browser.version()} (${how}, wasm ${wasm[0]}): scenario passed: ${result.steps.join(' ')}`);
    } finally {
      await page.close();
      server.close();
    }
  }
} finally {
  await browser.close();
}
