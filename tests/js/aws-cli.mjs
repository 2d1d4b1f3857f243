// The real AWS CLI (awscli v1, pinned; test-js.sh installs it and sets AWSCLI_BIN) against a moto:
// what the tests read back with, independently of the package.
import { execFile } from 'node:child_process';
import { credentials as testCredentials, region, requiredEnv } from './env.mjs';

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
