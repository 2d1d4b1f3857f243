// elb-wasm/aws-config finds endpoint, profile, credentials and region in the AWS CLI's order, from
// an environment and shared files the test writes (never the user's own).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import util, { promisify } from 'node:util';
import { execFile } from 'node:child_process';
import { loadAwsConfig, parseIni } from 'elb-wasm/aws-config';
import { run } from './aws-cli.mjs';
import { requiredEnv } from './env.mjs';

const home = mkdtempSync(join(tmpdir(), 'aws-config-'));
after(() => rmSync(home, { recursive: true, force: true }));
mkdirSync(join(home, '.aws'));
writeFileSync(join(home, '.aws', 'credentials'), [
  '[default]',
  'aws_access_key_id = AKIDDEFAULTFILE',
  'aws_secret_access_key = default-file-secret',
  '',
  '# a comment',
  '[work]',
  'aws_access_key_id=AKIDWORKFILE',
  'aws_secret_access_key=work-file-secret',
  'aws_session_token=work-token',
].join('\n'));
writeFileSync(join(home, '.aws', 'config'), [
  '[default]',
  'region = eu-central-1',
  '[profile work]',
  'region = ap-southeast-2',
  'endpoint_url = http://127.0.0.1:4999',
  '[profile onlyconfig]',
  'aws_access_key_id = AKIDCONFIGFILE',
  'aws_secret_access_key = config-file-secret',
  'region = sa-east-1',
  '[profile local]',
  'services = local-stack',
  'endpoint_url = http://127.0.0.1:4000',
  '[profile ignoring]',
  'services = local-stack',
  'endpoint_url = http://127.0.0.1:4000',
  'ignore_configured_endpoint_urls = true',
  '[services local-stack]',
  'elastic_load_balancing =',
  '  endpoint_url = http://127.0.0.1:4001',
  'route_53 =',
  '  endpoint_url = http://127.0.0.1:4053',
  '  # a comment inside',
  'sts =',
  '  endpoint_url = http://127.0.0.1:4099',
].join('\r\n'));

const load = (env, options = {}) => loadAwsConfig({ home, env, ...options });

test('nothing configured: nothing found, profile default', () => {
  const c = loadAwsConfig({ home: join(home, 'nowhere'), env: {} });
  assert.deepEqual([c.endpoint, c.region, c.credentials, c.profile], [undefined, undefined, undefined, 'default']);
});

test('the default profile from the shared files', () => {
  const c = load({});
  assert.equal(c.credentials.accessKeyId, 'AKIDDEFAULTFILE');
  assert.equal(c.credentials.secretAccessKey, 'default-file-secret');
  assert.equal(c.region, 'eu-central-1');
  assert.equal(c.endpoint, undefined);
  assert.equal(c.from.credentials, `${join(home, '.aws', 'credentials')} [default]`);
});

test('AWS_PROFILE picks the profile: credentials, session token, region and endpoint_url', () => {
  const c = load({ AWS_PROFILE: 'work' });
  assert.deepEqual([c.credentials.accessKeyId, c.credentials.sessionToken, c.region, c.endpoint], ['AKIDWORKFILE', 'work-token', 'ap-southeast-2', 'http://127.0.0.1:4999']);
  assert.equal(load({ AWS_DEFAULT_PROFILE: 'work' }).profile, 'work');
  // Keys only in ~/.aws/config are found there.
  assert.equal(load({ AWS_PROFILE: 'onlyconfig' }).credentials.secretAccessKey, 'config-file-secret');
  // A profile in either file is found; one in neither says so (the CLI refuses it, as the AWS CLI does).
  assert.deepEqual([load({ AWS_PROFILE: 'work' }).profileFound, load({ AWS_PROFILE: 'onlyconfig' }).profileFound, load({}).profileFound], [true, true, true]);
  assert.equal(load({}, { profile: 'nope' }).profileFound, false);
  assert.equal(load({}, { profile: 'constructor' }).profileFound, false, 'not an object\'s own key');
});

test('environment keys win over the files, unless a profile is given as an option', () => {
  const env = { AWS_ACCESS_KEY_ID: 'AKIDENV', AWS_SECRET_ACCESS_KEY: 'env-secret', AWS_PROFILE: 'work' };
  assert.equal(load(env).credentials.accessKeyId, 'AKIDENV');
  assert.equal(load(env).from.credentials, 'environment');
  assert.equal(load(env, { profile: 'work' }).credentials.accessKeyId, 'AKIDWORKFILE');
  // A key id without its secret is no credentials: the files are read.
  assert.equal(load({ AWS_ACCESS_KEY_ID: 'AKIDHALF' }).credentials.accessKeyId, 'AKIDDEFAULTFILE');
});

test('endpoint: option, service variable, AWS_ENDPOINT_URL, ELB_ENDPOINT, profile; one switch ignores all but the option', () => {
  const env = {
    AWS_PROFILE: 'work',
    ELB_ENDPOINT: 'http://127.0.0.1:3',
    AWS_ENDPOINT_URL: 'http://127.0.0.1:2',
    AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING: 'http://127.0.0.1:1',
    AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2: 'http://127.0.0.1:21',
  };
  assert.equal(load(env, { endpoint: 'http://127.0.0.1:0' }).endpoint, 'http://127.0.0.1:0');
  assert.equal(load(env).endpoint, 'http://127.0.0.1:1');
  assert.equal(load(env, { service: 'elbv2' }).endpoint, 'http://127.0.0.1:21');
  const without = (...keys) => Object.fromEntries(Object.entries(env).filter(([k]) => !keys.includes(k)));
  assert.equal(load(without('AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING')).endpoint, 'http://127.0.0.1:2');
  assert.equal(load(without('AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING', 'AWS_ENDPOINT_URL')).endpoint, 'http://127.0.0.1:3');
  assert.equal(load({ AWS_PROFILE: 'work' }).from.endpoint, join(home, '.aws', 'config'));
  const ignore = { ...env, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' };
  assert.equal(load(ignore).endpoint, undefined);
  assert.equal(load(ignore, { endpoint: 'http://127.0.0.1:0' }).endpoint, 'http://127.0.0.1:0');
  assert.throws(() => load({}, { service: 's3' }), TypeError);
});

test('endpoint per service: every client\'s variable, the profile\'s [services] section, then its endpoint_url', () => {
  const ids = {
    elb: 'ELASTIC_LOAD_BALANCING', elbv2: 'ELASTIC_LOAD_BALANCING_V2', autoscaling: 'AUTO_SCALING', cloudwatch: 'CLOUDWATCH',
    route53: 'ROUTE_53', sts: 'STS', sso: 'SSO', 'cognito-identity': 'COGNITO_IDENTITY',
  };
  Object.entries(ids).forEach(([service, id], i) => {
    const url = `http://127.0.0.1:${5100 + i}`;
    const found = load({ [`AWS_ENDPOINT_URL_${id}`]: url, AWS_ENDPOINT_URL: 'http://127.0.0.1:5000' }, { service });
    assert.deepEqual([found.endpoint, found.from.endpoint], [url, `AWS_ENDPOINT_URL_${id}`], service);
    // Another service's variable is not this one's.
    assert.equal(load({ [`AWS_ENDPOINT_URL_${id}X`]: url }, { service }).endpoint, undefined, service);
  });
  const local = (service, env = {}) => load({ AWS_PROFILE: 'local', ...env }, { service });
  assert.equal(local('elb').endpoint, 'http://127.0.0.1:4001');
  assert.equal(local('route53').endpoint, 'http://127.0.0.1:4053');
  assert.equal(local('sts').endpoint, 'http://127.0.0.1:4099');
  assert.equal(local('route53').from.endpoint, `${join(home, '.aws', 'config')} [services local-stack]`);
  // A service the section does not name: the profile's own endpoint_url.
  assert.equal(local('cloudwatch').endpoint, 'http://127.0.0.1:4000');
  // The variables still come first; ELB_ENDPOINT (this project's older name) is the ELB services' only.
  assert.equal(local('route53', { AWS_ENDPOINT_URL: 'http://127.0.0.1:5000' }).endpoint, 'http://127.0.0.1:5000');
  assert.equal(local('route53', { ELB_ENDPOINT: 'http://127.0.0.1:5001' }).endpoint, 'http://127.0.0.1:4053');
  assert.equal(local('elb', { ELB_ENDPOINT: 'http://127.0.0.1:5001' }).endpoint, 'http://127.0.0.1:5001');
  // The profile's own switch ignores every configured endpoint, as the variable does.
  assert.equal(load({ AWS_PROFILE: 'ignoring', AWS_ENDPOINT_URL_ROUTE_53: 'http://127.0.0.1:5002' }, { service: 'route53' }).endpoint, undefined);
  assert.equal(load({ AWS_PROFILE: 'ignoring' }, { service: 'route53', endpoint: 'http://127.0.0.1:0' }).endpoint, 'http://127.0.0.1:0');
});

test('the AWS CLI goes where loadAwsConfig says, service by service, from the same [services] section', async () => {
  // Nothing listens on these ports: the AWS CLI's error names the URL it tried, at once.
  const env = {
    PATH: process.env.PATH, HOME: home, AWS_PROFILE: 'local', AWS_DEFAULT_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIDCLI', AWS_SECRET_ACCESS_KEY: 'cli-secret', AWS_MAX_ATTEMPTS: '1', AWS_RETRY_MODE: 'standard',
  };
  for (const [service, args] of [
    ['elb', ['elb', 'describe-load-balancers']],
    ['elbv2', ['elbv2', 'describe-load-balancers']],
    ['route53', ['route53', 'list-hosted-zones']],
    ['sts', ['sts', 'get-caller-identity']],
    ['cloudwatch', ['cloudwatch', 'list-metrics']],
    ['autoscaling', ['autoscaling', 'describe-auto-scaling-groups']],
  ]) {
    const error = await run(requiredEnv('AWSCLI_BIN'), [...args, '--cli-connect-timeout', '1'], { env }).then(
      () => assert.fail(`${service}: the AWS CLI reached an endpoint`),
      (e) => e.message,
    );
    const tried = /Could not connect to the endpoint URL: "([^"]+)"/.exec(error)?.[1];
    assert.ok(tried, `${service}: ${error}`);
    assert.equal(new URL(tried).origin, load({ AWS_PROFILE: 'local' }, { service }).endpoint, service);
  }
});

test('chain: without keys, where the AWS SDK\'s provider chain will look', (t) => {
  const chainHome = mkdtempSync(join(tmpdir(), 'aws-config-chain-'));
  t.after(() => rmSync(chainHome, { recursive: true, force: true }));
  mkdirSync(join(chainHome, '.aws'));
  writeFileSync(join(chainHome, '.aws', 'config'), '[profile sso]\nsso_session = corp\n[profile role]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = sso\n');
  const at = (env) => loadAwsConfig({ home: chainHome, env });
  assert.equal(at({ AWS_PROFILE: 'sso' }).chain, `${join(chainHome, '.aws', 'config')} [sso] sso_session`);
  assert.equal(at({ AWS_PROFILE: 'role' }).chain, `${join(chainHome, '.aws', 'config')} [role] role_arn`);
  assert.equal(at({ AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:1/creds' }).chain, 'AWS_CONTAINER_CREDENTIALS_FULL_URI');
  assert.equal(at({}).chain, undefined);
  // Keys found: no chain.
  assert.equal(at({ AWS_PROFILE: 'role', AWS_ACCESS_KEY_ID: 'A', AWS_SECRET_ACCESS_KEY: 'B' }).chain, undefined);
});

test('region: option, AWS_REGION, AWS_DEFAULT_REGION, the profile', () => {
  assert.equal(load({ AWS_REGION: 'us-west-2', AWS_DEFAULT_REGION: 'us-west-1' }, { region: 'us-east-2' }).region, 'us-east-2');
  assert.equal(load({ AWS_REGION: 'us-west-2', AWS_DEFAULT_REGION: 'us-west-1' }).region, 'us-west-2');
  assert.equal(load({ AWS_DEFAULT_REGION: 'us-west-1' }).region, 'us-west-1');
});

test('the secret and token stay out of JSON.stringify and util.inspect', () => {
  const c = load({ AWS_PROFILE: 'work' });
  for (const text of [JSON.stringify(c), util.inspect(c, { depth: 5 }), `${JSON.stringify(c.credentials)}`]) {
    assert.ok(!text.includes('work-file-secret') && !text.includes('work-token'), text);
    assert.ok(text.includes('AKIDWORKFILE'));
  }
});

test('credentialsProvider: the keys found, or the AWS SDK chain for the profile found (a credential_process here), in ESM and CommonJS', async (t) => {
  const keys = await load({ AWS_PROFILE: 'work' }).credentialsProvider();
  assert.deepEqual([keys.accessKeyId, keys.secretAccessKey, keys.sessionToken], ['AKIDWORKFILE', 'work-file-secret', 'work-token']);

  const procHome = mkdtempSync(join(tmpdir(), 'aws-config-proc-'));
  t.after(() => rmSync(procHome, { recursive: true, force: true }));
  mkdirSync(join(procHome, '.aws'));
  const script = join(procHome, 'process.mjs');
  const expiration = new Date(Date.now() + 3600_000).toISOString();
  writeFileSync(script, `console.log(JSON.stringify({ Version: 1, AccessKeyId: 'AKIDPROCESS', SecretAccessKey: 'process-secret', SessionToken: 'process-token', Expiration: '${expiration}' }));`);
  writeFileSync(join(procHome, '.aws', 'config'), `[profile proc]\ncredential_process = "${process.execPath}" "${script}"\n[profile broken]\ncredential_process = "${process.execPath}" -e "process.exit(3)"\n`);
  // A fresh process as a person runs it: only this home, no keys in the environment, no instance to ask.
  const env = { PATH: process.env.PATH, HOME: procHome, AWS_EC2_METADATA_DISABLED: 'true' };
  const cwd = new URL('.', import.meta.url);
  const program = (load) => `${load}
    const out = [];
    for (const profile of ['proc', 'broken']) {
      const c = loadAwsConfig({ profile });
      try {
        const k = await c.credentialsProvider();
        out.push([c.credentials === undefined, k.accessKeyId, k.secretAccessKey, k.sessionToken, k.expiration.toISOString()]);
      } catch (e) {
        out.push([e instanceof ElbError, e.code, e.message]);
      }
    }
    console.log(JSON.stringify(out));`;
  const esm = `import { loadAwsConfig } from 'elb-wasm/aws-config'; import { ElbError } from 'elb-wasm';`;
  const cjs = `const { loadAwsConfig } = require('elb-wasm/aws-config'); const { ElbError } = require('elb-wasm');`;
  for (const [type, load] of [['module', esm], ['commonjs', `${cjs} (async () => {`]]) {
    const code = program(load) + (type === 'commonjs' ? '})();' : '');
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type', type, '-e', code], { env, cwd });
    const [proc, broken] = JSON.parse(stdout);
    assert.deepEqual(proc, [true, 'AKIDPROCESS', 'process-secret', 'process-token', expiration], type);
    assert.equal(broken[0], true, `${type}: the chain's error is the package's ElbError`);
    assert.equal(broken[1], 'CredentialsError', type);
    assert.match(broken[2], /fromNodeProviderChain: no source gave credentials: .*credential_process failed \(exit 3\)/, type);
  }
});

test('parseIni: sections, comments, spacing, case of keys, indented blocks', () => {
  assert.deepEqual(parseIni('; c\n[ a ]\nKey = v = w\n#x\n[b]\nk=\n'), { a: { key: 'v = w' }, b: { k: '' } });
  assert.deepEqual(
    parseIni('[services s]\nsts =\n  Endpoint_URL = http://x\n\tother = 1\nname = n\n  stray = 2\n'),
    { 'services s': { sts: { endpoint_url: 'http://x', other: '1' }, name: 'n', stray: '2' } },
  );
});
