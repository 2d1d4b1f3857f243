// `npm run bench`: every benchmark of issue 7, side by side with the competitors, in one run.
// Prints a markdown report; `--write` also saves it as BENCHMARKS.md. `--quick` for a smoke run.
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { size, signaturesVerify, signing, decoding, overhead, coldStart } from './node.mjs';
import { inChromium } from './browser.mjs';
import { fleet } from './fleet.mjs';
import { fmt } from './lib.mjs';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const quick = process.argv.includes('--quick');
const opts = quick ? { rounds: 1, ms: 150 } : { rounds: 7, ms: 500 };
const version = (pkg) => JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;
const budget = JSON.parse(readFileSync(join(root, 'size-budget.json'), 'utf8'));

const verified = await signaturesVerify();
const s = await size();
const sig = await signing(opts);
const dec = await decoding(opts);
const ovh = await overhead(opts);
const cold = coldStart({ rounds: quick ? 3 : 11 });
const web = await inChromium(opts);
// Issue 26's scale: 500 balancers and 100 applied (quick: a smoke of 20 and 5).
const fl = await fleet(quick ? { count: 20, apply: 5 } : { count: 500, apply: 100 });

const kb = (b) => `${fmt(b / 1024, 1)} KB`;
const x = (a, b) => `${fmt(a / b, 2)}×`;
const ours = s['elb-wasm (ElbClient: JS bundle + .wasm)'];
const sdkOne = s['AWS SDK v3, client + DescribeLoadBalancersCommand'];
const verdict = (ok) => (ok ? 'met' : '**not met**');
const lines = [];
const w = (l = '') => lines.push(l);

w('# Benchmarks');
w();
w(`Rerun: \`npm run bench\` (\`npm run bench -- --write\` rewrites this file). Medians of ${opts.rounds} interleaved rounds of ${opts.ms} ms each; cold start: median of ${quick ? 3 : 11} fresh processes each.`);
w();
w(`Machine: ${cpus()[0].model}, ${cpus().length} cores, ${fmt(totalmem() / 2 ** 30, 0)} GiB; Node ${process.version}; ${web.userAgent.match(/HeadlessChrome\/[\d.]+/)?.[0] ?? 'Chromium'}.`);
w(`Versions: elb-wasm ${version('../')}, @aws-sdk/client-elastic-load-balancing ${version('@aws-sdk/client-elastic-load-balancing')}, @aws-sdk/client-elastic-load-balancing-v2 ${version('@aws-sdk/client-elastic-load-balancing-v2')}, aws4 ${version('aws4')}, aws4fetch ${version('aws4fetch')}, @smithy/signature-v4 ${version('@smithy/signature-v4')}, esbuild ${version('esbuild')}.`);
w();
w('## Targets');
w();
w('| target | elb-wasm | competitor | ratio | |');
w('|---|---|---|---|---|');
// Issue 17: all 29 actions against the SDK's whole client (every command); its one-command bundle
// and issue 7's 30 KB moonshot are printed beside it.
const sdkAll = s['AWS SDK v3, aggregated ElasticLoadBalancing'];
w(`| whole client < SDK's whole client | ${kb(ours.brotli)} | SDK aggregated ${kb(sdkAll.brotli)} | ${x(ours.brotli, sdkAll.brotli)} | ${verdict(ours.brotli < sdkAll.brotli)} |`);
// Issue 28: each entry below the SDK's one-command bundle of its service; the moonshot is reported.
w(`| ElbClient bundle < SDK one command (moonshot ${kb(budget.targetBrotliBytes)}) | ${kb(ours.brotli)} | SDK one command ${kb(sdkOne.brotli)} | ${x(ours.brotli, sdkOne.brotli)} | ${verdict(ours.brotli < sdkOne.brotli)} |`);
const oursV2 = s['elb-wasm/v2 (ElbV2Client: JS bundle + .wasm)'];
const sdkV2 = s['AWS SDK v3 ELBv2, client + DescribeLoadBalancersCommand'];
w(`| ElbV2Client bundle < SDK ELBv2 one command | ${kb(oursV2.brotli)} | SDK ELBv2 one command ${kb(sdkV2.brotli)} | ${x(oursV2.brotli, sdkV2.brotli)} | ${verdict(oursV2.brotli < sdkV2.brotli)} |`);
w(`| signing ≥ 2× aws4 | ${fmt(sig['elb-wasm sign'])}/s | aws4 ${fmt(sig.aws4)}/s | ${x(sig['elb-wasm sign'], sig.aws4)} | ${verdict(sig['elb-wasm sign'] >= 2 * sig.aws4)} |`);
for (const n of [1, 100, 400]) {
  const d = dec[n].mbps;
  w(`| decoding ${n} LB${n > 1 ? 's' : ''} ≥ 4× SDK | ${fmt(d['elb-wasm'], 1)} MB/s | SDK ${fmt(d['AWS SDK v3'], 1)} MB/s | ${x(d['elb-wasm'], d['AWS SDK v3'])} | ${verdict(d['elb-wasm'] >= 4 * d['AWS SDK v3'])} |`);
}
w(`| per-call overhead ≤ 1/5 SDK | ${fmt(ovh['elb-wasm'] * 1000, 1)} µs | SDK ${fmt(ovh['AWS SDK v3'] * 1000, 1)} µs | ${x(ovh['elb-wasm'], ovh['AWS SDK v3'])} | ${verdict(ovh['elb-wasm'] * 5 <= ovh['AWS SDK v3'])} |`);
w(`| cold start ≤ 1/3 SDK | ${fmt(cold['elb-wasm'], 1)} ms | SDK ${fmt(cold['AWS SDK v3'], 1)} ms | ${x(cold['elb-wasm'], cold['AWS SDK v3'])} | ${verdict(cold['elb-wasm'] * 3 <= cold['AWS SDK v3'])} |`);
if (!fl.skipped) w(`| fleet planning ≤ 6 requests per balancer (${fl.count}, moto) | ${fmt(fl.plan[4].perBalancer, 2)} | target 6 | ${x(fl.plan[4].perBalancer, 6)} | ${verdict(fl.plan[4].perBalancer <= 6)} |`);
w();
w('## A fleet (moto on this machine; planFleet, applyFleet)');
w();
if (fl.skipped) w(`Not measured: ${fl.skipped}.`);
else {
  w(`${fl.count} Classic balancers (mostly HTTP; every 5th also TCP, every 7th in one zone, every 3rd with a session cookie): ${['ready', 'changed', 'blocked', 'migrated'].map((k) => `${fl.plan[4].summary[k]} ${k}`).join(', ')}.`);
  w();
  w('| planning | wall time | requests | per balancer | peak memory (process RSS) |');
  w('|---|---|---|---|---|');
  for (const c of [4, 8]) w(`| concurrency ${c} | ${fmt(fl.plan[c].ms / 1000, 1)} s | ${fmt(fl.plan[c].requests)} | ${fmt(fl.plan[c].perBalancer, 2)} | ${fmt(fl.plan[c].peakRssMb, 0)} MB |`);
  w();
  const a = fl.apply;
  w(`Applying ${a.planned} ready ones at concurrency 4 with a fifth of the requests answered Throttling (a deterministic stream): ${a.applied} applied, ${a.failed} failed, in ${a.runs} run(s) (a run resumes the last); ${fmt(a.requests)} requests, ${fmt(a.ms / 1000, 1)} s; ${a.duplicates} balancer(s) not found exactly once. What limits it is the service's request rate, which moto does not impose and AWS does (ELB's API rate limits), not the package: the report's request counts are what it sends.`);
}
w();
w('## Size (esbuild, minified, browser platform)');
w();
w('| what a user ships | raw | gzip | brotli |');
w('|---|---|---|---|');
for (const [k, v] of Object.entries(s)) w(`| ${k} | ${kb(v.raw)} | ${kb(v.gzip)} | ${kb(v.brotli)} |`);
w();
w('## Signing the same POST (signatures/s)');
w();
w('Every signer\'s output is checked first: its signature is recomputed with node:crypto over the headers it chose to sign:');
w(Object.entries(verified).map(([k, v]) => `${k} signs \`${v}\``).join('; ') + '.');
w();
w('| signer | Node | Chromium |');
w('|---|---|---|');
for (const k of Object.keys(sig)) w(`| ${k} | ${fmt(sig[k])} | ${web.signing[k] === undefined ? 'n/a (Node-only)' : fmt(web.signing[k])} |`);
w();
w('## Decoding DescribeLoadBalancers into JS objects (a whole call, MB/s of XML)');
w();
w('| page | bytes | elb-wasm Node | SDK Node | ratio | elb-wasm Chromium | SDK Chromium | ratio |');
w('|---|---|---|---|---|---|---|---|');
for (const n of [1, 100, 400]) {
  const a = dec[n].mbps;
  const b = web.decoding[n].mbps;
  w(`| ${n} LB | ${fmt(dec[n].bytes)} | ${fmt(a['elb-wasm'], 1)} | ${fmt(a['AWS SDK v3'], 1)} | ${x(a['elb-wasm'], a['AWS SDK v3'])} | ${fmt(b['elb-wasm'], 1)} | ${fmt(b['AWS SDK v3'], 1)} | ${x(b['elb-wasm'], b['AWS SDK v3'])} |`);
}
w();
w('## Per call and cold start (Node)');
w();
w(`| | elb-wasm | AWS SDK v3 |`);
w('|---|---|---|');
w(`| describeLoadBalancers, small answer, stub transport | ${fmt(ovh['elb-wasm'] * 1000, 1)} µs | ${fmt(ovh['AWS SDK v3'] * 1000, 1)} µs |`);
w(`| fresh process: import + construct + first call, minus an empty script (${fmt(cold.emptyMs, 1)} ms) | ${fmt(cold['elb-wasm'], 1)} ms | ${fmt(cold['AWS SDK v3'], 1)} ms |`);

const report = lines.join('\n') + '\n';
process.stdout.write(report);
if (process.argv.includes('--write')) writeFileSync(join(root, 'BENCHMARKS.md'), report);
