// The test data the repository keeps (tests/vectors/), copied from ../shared so that a clone tests
// fully on its own. `node scripts/vectors.mjs refresh` rewrites the copies; `check` (the default)
// fails, listing each file, when a copy differs from what refresh would write, is missing, or is a
// file ../shared no longer has. `--shared DIR` (or ELB_WASM_SHARED) names the source.
//
// Everything is copied byte for byte except the botocore service models, whose `documentation`
// strings are dropped (the tests read the model's facts, not its prose; it halves the files).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const mode = argv[0] && !argv[0].startsWith('--') ? argv[0] : 'check';
const at = argv.indexOf('--shared');
const shared = (at >= 0 ? argv[at + 1] : undefined) ?? process.env.ELB_WASM_SHARED ?? join(repo, '..', 'shared');
const out = join(repo, 'tests', 'vectors');

// What is kept: a folder of ../shared (all its files) or a list of its files, each with how to copy.
const copy = (bytes) => bytes;
const withoutDocs = (bytes) => Buffer.from(`${JSON.stringify(dropDocs(JSON.parse(bytes.toString('utf8'))), null, 2)}\n`);
const KEPT = [
  { dir: 'vectors/sigv4', all: true },
  { dir: 'vectors/awsquery', all: true },
  { dir: 'vectors/elb-xml/libcloud', all: true },
  {
    dir: 'models',
    files: {
      'LICENSE.txt': copy,
      NOTICE: copy,
      'elb-2012-06-01-service-2.json': withoutDocs,
      'elb-2012-06-01-paginators-1.json': copy,
      'elb-2012-06-01-waiters-2.json': copy,
      'elbv2-2015-12-01-service-2.json': withoutDocs,
      'elbv2-2015-12-01-paginators-1.json': copy,
      'elbv2-2015-12-01-waiters-2.json': copy,
      // ELB's neighbours (issue 23): their tables keep only the operations the package uses.
      'autoscaling-2011-01-01-service-2.json': withoutDocs,
      'autoscaling-2011-01-01-paginators-1.json': copy,
      'cloudwatch-2010-08-01-service-2.json': withoutDocs,
      'cloudwatch-2010-08-01-paginators-1.json': copy,
      'cloudwatch-2010-08-01-waiters-2.json': copy,
      'sts-2011-06-15-service-2.json': withoutDocs,
      'sts-2011-06-15-paginators-1.json': copy,
      'route53-2013-04-01-service-2.json': withoutDocs,
      'route53-2013-04-01-paginators-1.json': copy,
      'route53-2013-04-01-waiters-2.json': copy,
      // Endpoints (issue 24): the rule sets the tables' host rules are derived from, the
      // partitions they name, and ELB's and ELBv2's own test cases, run through the clients.
      'partitions.json': copy,
      'elb-2012-06-01-endpoint-rule-set-1.json': copy,
      'elb-2012-06-01-endpoint-tests-1.json': copy,
      'elbv2-2015-12-01-endpoint-rule-set-1.json': copy,
      'elbv2-2015-12-01-endpoint-tests-1.json': copy,
      'autoscaling-2011-01-01-endpoint-rule-set-1.json': copy,
      'cloudwatch-2010-08-01-endpoint-rule-set-1.json': copy,
      'sts-2011-06-15-endpoint-rule-set-1.json': copy,
      'route53-2013-04-01-endpoint-rule-set-1.json': copy,
      'sso-2019-06-10-endpoint-rule-set-1.json': copy,
      'cognito-identity-2014-06-30-endpoint-rule-set-1.json': copy,
      'cognito-identity-2014-06-30-service-2.json': withoutDocs,
    },
  },
];
// Files of ours inside the kept folders: written by hand, never compared.
const OURS = new Set(['README.md', 'models/SOURCE.md']);

function dropDocs(v) {
  if (Array.isArray(v)) return v.map(dropDocs);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'documentation').map(([k, x]) => [k, dropDocs(x)]));
  }
  return v;
}

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** Every file the copy should hold: path under tests/vectors → its expected bytes. */
function expected() {
  const files = new Map();
  for (const { dir, all, files: list } of KEPT) {
    const src = join(shared, dir);
    if (!existsSync(src)) throw new Error(`${src} is missing`);
    const dst = dir.replace(/^vectors\//, '');
    const names = all ? walk(src).map((p) => relative(src, p)) : Object.keys(list);
    for (const name of names) {
      const transform = all ? copy : list[name];
      files.set(join(dst, name), transform(readFileSync(join(src, name))));
    }
  }
  return files;
}

/** Files now in tests/vectors that the copy manages (ours excluded). */
function present() {
  if (!existsSync(out)) return [];
  return walk(out).map((p) => relative(out, p)).filter((p) => !OURS.has(p));
}

const want = expected();
if (mode === 'refresh') {
  for (const p of present()) if (!want.has(p)) rmSync(join(out, p));
  for (const [p, bytes] of want) {
    mkdirSync(dirname(join(out, p)), { recursive: true });
    writeFileSync(join(out, p), bytes);
  }
  console.log(`vectors: ${want.size} files written to tests/vectors from ${shared}`);
} else if (mode === 'check') {
  const problems = [];
  for (const [p, bytes] of want) {
    const have = join(out, p);
    if (!existsSync(have)) problems.push(`missing: ${p}`);
    else if (!readFileSync(have).equals(bytes)) problems.push(`differs: ${p}`);
  }
  for (const p of present()) if (!want.has(p)) problems.push(`not in ../shared: ${p}`);
  if (problems.length) {
    console.error(`vectors: tests/vectors is not what ${shared} gives:\n  ${problems.join('\n  ')}\n` +
      'run `node scripts/vectors.mjs refresh` and commit the result');
    process.exit(1);
  }
  console.log(`vectors: ${want.size} files in tests/vectors match ${shared}`);
} else {
  console.error('usage: node scripts/vectors.mjs [check|refresh] [--shared DIR]');
  process.exit(2);
}
