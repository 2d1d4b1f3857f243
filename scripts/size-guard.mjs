// The size guard (`npm run build` runs it; size-budget.json is the one place the budgets are
// written). Two measures, each failing the build when over its budget:
//  - the package: the wasm plus every JS file a Node app importing elb-wasm loads;
//  - each entry as a page ships it: esbuild's minified browser bundle of one import (the very
//    bundles `npm run bench` compares with the AWS SDK's), plus the wasm it fetches.
// Usage: ESBUILD=<esbuild binary> node scripts/size-guard.mjs
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const budget = JSON.parse(readFileSync('size-budget.json', 'utf8'));
const brotli = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
let over = false;
const check = (what, bytes, limit) => {
  console.log(`build: ${what}: brotli ${bytes} B (budget ${limit} B)`);
  if (bytes > limit) {
    console.error(`build: ${what} is over its size budget by ${bytes - limit} B brotli (size-budget.json)`);
    over = true;
  }
};

// Every JS file of dist/ (snippets included) but those an app importing elb-wasm does not load:
// the browser, esbuild and Worker entries, cli/ (elb-wasm/aws-config, for tools on a shell), the
// migration and its command line (elb-wasm/migrate, bin), ELBv2 (elb-wasm/v2) and the neighbours
// (elb-wasm/services, elb-wasm/credentials, and the codecs only their clients load): those are the entries' budgets below.
const files = readdirSync('dist', { recursive: true })
  .filter((f) => f.endsWith('.js') && !['entries/web.js', 'entries/workerd.js', 'entries/deno.js', 'entries/esbuild.js'].includes(f) && !/^(cli\/|v2|migrate|services|autoscaling|cloudwatch|sts|route53|cognito_identity|credentials|(entries|client)\/(v2|services|rest_xml|aws_json|credentials))/.test(f))
  .concat('elb_wasm_bg.wasm');
let raw = 0;
let gz = 0;
let br = 0;
for (const f of files) {
  const b = readFileSync(`dist/${f}`);
  raw += b.length;
  gz += gzipSync(b, { level: 9 }).length;
  br += brotli(b);
}
console.log(`build: dist/ wasm + JS: raw ${raw} B, gzip ${gz} B`);
check('the package (wasm + the JS a Node app loads)', br, budget.budgetBrotliBytes);

const wasm = brotli(readFileSync('dist/elb_wasm_bg.wasm'));
for (const { name, source, budgetBrotliBytes } of budget.entries) {
  const js = execFileSync(process.env.ESBUILD ?? 'node_modules/.bin/esbuild', ['--bundle', '--minify', '--format=esm', '--platform=browser', '--target=es2022', '--log-level=warning'], { input: source });
  check(name, brotli(js) + wasm, budgetBrotliBytes);
}
if (over) process.exit(1);
