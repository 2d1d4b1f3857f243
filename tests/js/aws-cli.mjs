// The real AWS CLI (awscli v1, pinned; test-js.sh installs it and sets AWSCLI_BIN) against a moto:
// what the tests read back with, independently of the package.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { credentials as testCredentials, region, requiredEnv } from './env.mjs';

/** The package's bin (`elb-wasm`) in the installed tarball, as npx runs it. */
export function packageBin() {
  const dir = dirname(createRequire(import.meta.url).resolve('elb-wasm/package.json'));
  return join(dir, JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).bin['elb-wasm']);
}

/** Runs `file args`; resolves to { code, stdout, stderr } whatever the exit code. */
export function runStatus(file, args, { env, cwd, timeout = 300_000 } = {}) {
  return new Promise((resolve) => {
    execFile(file, args, { env, cwd, timeout, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** Runs `file args`; resolves to stdout, rejects with stderr. `input` goes to stdin. */
export function run(file, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = execFile(file, args, { timeout: 120_000, maxBuffer: 8 << 20, ...options }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${file} ${args.join(' ')}: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
    if (options.input !== undefined) child.stdin.end(options.input);
  });
}

/** `aws ...args` against the moto at `url` with `keys`, its JSON output parsed. */
export function awsCli(url, keys = testCredentials) {
  const env = {
    PATH: process.env.PATH, HOME: process.env.HOME, AWS_ACCESS_KEY_ID: keys.accessKeyId,
    AWS_SECRET_ACCESS_KEY: keys.secretAccessKey, AWS_DEFAULT_REGION: region,
  };
  return async (...args) => {
    const out = await run(requiredEnv('AWSCLI_BIN'), [...args, '--endpoint-url', url, '--output', 'json'], { env });
    return out.trim() ? JSON.parse(out) : {};
  };
}
