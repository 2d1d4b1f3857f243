// elb-wasm/credentials from the installed package: the providers with the AWS SDK v3's names.
// Shared files written per test into a temporary folder (never the user's); roles assumed through
// moto's STS with SigV4 verification on (AWS_ENDPOINT_URL_STS, as loadAwsConfig finds it); web
// identity on the moto without verification (moto fails an unsigned call with a 500 when it
// verifies); a credential_process that is a small Node script. A page's bundle of fromWebIdentity
// holds no Node code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { fromEnv, fromIni, fromProcess, fromTokenFile, fromNodeProviderChain, fromTemporaryCredentials, fromWebIdentity } from 'elb-wasm/credentials';
import { StsClient } from 'elb-wasm/services';
import { ElbError } from 'elb-wasm';
import { endpoint, credentials, region, requiredEnv } from './env.mjs';
import { query } from './aws-query.mjs';

const dir = mkdtempSync(join(tmpdir(), 'credentials-'));
const files = (name, credentialsText, configText) => {
  const filepath = join(dir, `${name}-credentials`);
  const configFilepath = join(dir, `${name}-config`);
  writeFileSync(filepath, credentialsText);
  writeFileSync(configFilepath, configText);
  return { filepath, configFilepath };
};
const clean = () => {
  for (const k of Object.keys(process.env)) if (k.startsWith('AWS_')) delete process.env[k];
};
const isCredentialsError = (pattern) => (e) => e instanceof ElbError && e.code === 'CredentialsError' && pattern.test(e.message);

/** A role the test user (and `principals`) may assume. */
async function makeRole(name, principals = []) {
  const config = { region, endpoint, credentials };
  const me = await new StsClient(config).getCallerIdentity();
  const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: [me.Arn, ...principals] }, Action: 'sts:AssumeRole' }] });
  await query(config, 'iam', '2010-05-08', { Action: 'CreateRole', RoleName: name, AssumeRolePolicyDocument: trust });
  return `arn:aws:iam::${me.Account}:role/${name}`;
}

test('fromEnv: the four variables; a missing half is a CredentialsError naming them, never a value', async () => {
  clean();
  process.env.AWS_ACCESS_KEY_ID = 'AKIDENVONLY';
  await assert.rejects(fromEnv()(), isCredentialsError(/fromEnv: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/));
  process.env.AWS_SECRET_ACCESS_KEY = 'env-secret';
  process.env.AWS_SESSION_TOKEN = 'env-token';
  process.env.AWS_CREDENTIAL_EXPIRATION = '2030-01-01T00:00:00Z';
  const c = await fromEnv()();
  assert.deepEqual([c.accessKeyId, c.secretAccessKey, c.sessionToken, c.expiration.toISOString()], ['AKIDENVONLY', 'env-secret', 'env-token', '2030-01-01T00:00:00.000Z']);
  clean();
});

test('fromIni: static keys from either file, the credentials file first; a missing profile says so', async () => {
  clean();
  const f = files('static', '[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = file-secret\n', '[profile cfg]\naws_access_key_id = AKIDCFG\naws_secret_access_key = cfg-secret\n');
  assert.equal((await fromIni(f)()).accessKeyId, 'AKIDFILE');
  assert.equal((await fromIni({ ...f, profile: 'cfg' })()).accessKeyId, 'AKIDCFG');
  process.env.AWS_PROFILE = 'cfg';
  assert.equal((await fromIni(f)()).accessKeyId, 'AKIDCFG');
  clean();
  await assert.rejects(fromIni({ ...f, profile: 'nope' })(), isCredentialsError(/profile nope is in neither shared file/));
  const sso = files('sso', '', '[profile s]\nsso_session = corp\nsso_account_id = 1\n');
  await assert.rejects(fromIni({ ...sso, profile: 's' })(), isCredentialsError(/SSO/));
});

test('fromIni against moto: a role from source_profile, a role chained on it, credential_source Environment; each signs a call', async () => {
  clean();
  process.env.AWS_ENDPOINT_URL_STS = endpoint;
  const firstName = `cred-first-${Date.now()}`;
  const first = await makeRole(firstName);
  const account = first.split(':')[4];
  const second = await makeRole(`cred-second-${Date.now()}`, [first, `arn:aws:sts::${account}:assumed-role/${firstName}/ops`]);
  // The first role may assume the second (no `*` in the policy: moto re-encodes a form's `*`
  // before it checks the signature, and the body as sent keeps it).
  const hop = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: second }] });
  await query({ region, endpoint, credentials }, 'iam', '2010-05-08', { Action: 'PutRolePolicy', RoleName: firstName, PolicyName: 'hop', PolicyDocument: hop });
  const f = files(
    'roles',
    `[base]\naws_access_key_id = ${credentials.accessKeyId}\naws_secret_access_key = ${credentials.secretAccessKey}\n`,
    [
      '[profile role]', `role_arn = ${first}`, 'source_profile = base', 'role_session_name = ops', 'duration_seconds = 900', 'region = us-east-1',
      '[profile chained]', `role_arn = ${second}`, 'source_profile = role', 'external_id = ext-1',
      '[profile fromenv]', `role_arn = ${first}`, 'credential_source = Environment', 'role_session_name = envops',
      '[profile loop1]', `role_arn = ${first}`, 'source_profile = loop2',
      '[profile loop2]', `role_arn = ${first}`, 'source_profile = loop1',
    ].join('\n'),
  );
  const role = await fromIni({ ...f, profile: 'role' })();
  assert.ok(role.expiration instanceof Date && role.expiration > new Date());
  assert.match(role.accessKeyId, /^ASIA/);
  const who = await new StsClient({ region, endpoint, credentials: fromIni({ ...f, profile: 'role' }) }).getCallerIdentity();
  assert.match(who.Arn, /assumed-role\/cred-first-\d+\/ops$/);
  const chained = await new StsClient({ region, endpoint, credentials: fromIni({ ...f, profile: 'chained' }) }).getCallerIdentity();
  assert.match(chained.Arn, /assumed-role\/cred-second-\d+\//);
  process.env.AWS_ACCESS_KEY_ID = credentials.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = credentials.secretAccessKey;
  const fromenv = await new StsClient({ region, endpoint, credentials: fromIni({ ...f, profile: 'fromenv' }) }).getCallerIdentity();
  assert.match(fromenv.Arn, /\/envops$/);
  await assert.rejects(fromIni({ ...f, profile: 'loop1' })(), isCredentialsError(/loops back/));
  // STS's refusal is a CredentialsError with STS's code, and no secret in it.
  const bad = files('bad', '[base]\naws_access_key_id = AKIDNOSUCHKEY\naws_secret_access_key = nope-secret\n', `[profile role]\nrole_arn = ${first}\nsource_profile = base\n`);
  await assert.rejects(fromIni({ ...bad, profile: 'role' })(), (e) => isCredentialsError(/fromIni: STS refused: \w+/)(e) && !e.message.includes('nope-secret'));
  clean();
});

test('credential_process, alone and through the chain; the chain\'s order and its error', async () => {
  clean();
  const script = join(dir, 'proc.mjs');
  writeFileSync(script, "console.log(JSON.stringify({ Version: 1, AccessKeyId: 'AKIDPROC', SecretAccessKey: 'proc-secret', SessionToken: 't', Expiration: '2031-01-01T00:00:00Z' }));");
  const f = files('proc', '', `[default]\ncredential_process = "${process.execPath}" "${script}"\n[profile broken]\ncredential_process = "${process.execPath}" -e "process.exit(3)"\n`);
  const c = await fromProcess(f)();
  assert.deepEqual([c.accessKeyId, c.expiration.toISOString()], ['AKIDPROC', '2031-01-01T00:00:00.000Z']);
  assert.equal((await fromIni(f)()).accessKeyId, 'AKIDPROC');
  await assert.rejects(fromProcess({ ...f, profile: 'broken' })(), isCredentialsError(/credential_process failed \(exit 3\)/));
  // The environment first, then the profile.
  process.env.AWS_ACCESS_KEY_ID = 'AKIDCHAINENV';
  process.env.AWS_SECRET_ACCESS_KEY = 'chain-secret';
  assert.equal((await fromNodeProviderChain(f)()).accessKeyId, 'AKIDCHAINENV');
  clean();
  assert.equal((await fromNodeProviderChain(f)()).accessKeyId, 'AKIDPROC');
  const none = files('none', '', '');
  await assert.rejects(fromNodeProviderChain(none)(), (e) => {
    assert.ok(isCredentialsError(/fromNodeProviderChain: no source gave credentials: fromEnv: .*; fromIni: .*; fromTokenFile: /)(e), e.message);
    return true;
  });
});

test('fromTokenFile and fromWebIdentity: AssumeRoleWithWebIdentity unsigned; fromTemporaryCredentials: AssumeRole', async () => {
  clean();
  const open = requiredEnv('OPEN_MOTO_URL');
  const token = join(dir, 'token');
  writeFileSync(token, 'eyJhbGciOi.payload.sig\n');
  Object.assign(process.env, { AWS_ENDPOINT_URL_STS: open, AWS_WEB_IDENTITY_TOKEN_FILE: token, AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/irsa', AWS_ROLE_SESSION_NAME: 'pod' });
  const c = await fromTokenFile()();
  assert.ok(c.expiration instanceof Date);
  const who = await new StsClient({ region, endpoint: open, credentials: c }).getCallerIdentity();
  assert.match(who.Arn, /assumed-role\/irsa\/pod$/);
  clean();
  const web = await fromWebIdentity({ roleArn: 'arn:aws:iam::123456789012:role/page', webIdentityToken: 'eyJ.a.b', roleSessionName: 'user-1', clientConfig: { endpoint: open } })();
  assert.match((await new StsClient({ region, endpoint: open, credentials: web }).getCallerIdentity()).Arn, /assumed-role\/page\/user-1$/);
  const role = await makeRole(`cred-temp-${Date.now()}`);
  const temp = fromTemporaryCredentials({ params: { RoleArn: role, RoleSessionName: 'temp' }, masterCredentials: credentials, clientConfig: { endpoint } });
  assert.match((await new StsClient({ region, endpoint, credentials: temp }).getCallerIdentity()).Arn, /\/temp$/);
  await assert.rejects(fromTemporaryCredentials({ params: {}, masterCredentials: credentials })(), isCredentialsError(/RoleArn is required/));
});

test('a page that imports fromWebIdentity bundles no Node code', async () => {
  const out = await esbuild.build({
    stdin: { contents: "export { fromWebIdentity } from 'elb-wasm/credentials';", resolveDir: process.cwd() },
    bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent', loader: { '.wasm': 'file' },
    outdir: join(dir, 'page'),
  });
  const js = out.outputFiles.map((f) => f.text).join('');
  assert.ok(!/node:(fs|os|path|child_process)/.test(js), 'no node: module in the page bundle');
  assert.ok(!js.includes('credential_process'), 'no file provider in the page bundle');
});
