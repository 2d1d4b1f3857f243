// elb-wasm/credentials from the installed package: the providers with the AWS SDK v3's names.
// Shared files written per test into a temporary folder (never the user's); roles assumed through
// moto's STS with SigV4 verification on (AWS_ENDPOINT_URL_STS, as loadAwsConfig finds it); web
// identity on the moto without verification (moto fails an unsigned call with a 500 when it
// verifies); a credential_process that is a small Node script. A page's bundle of fromWebIdentity
// holds no Node code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { fromEnv, fromIni, fromProcess, fromTokenFile, fromNodeProviderChain, fromTemporaryCredentials, fromWebIdentity, fromContainerMetadata, fromInstanceMetadata, fromSSO, fromCognitoIdentityPool } from 'elb-wasm/credentials';
import { StsClient } from 'elb-wasm/services';
import { ElbError } from 'elb-wasm';
import { endpoint, credentials, region, requiredEnv } from './env.mjs';
import { query } from './aws-query.mjs';
import { run } from './aws-cli.mjs';

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

/** A Cognito identity pool (unauthenticated identities allowed) made by the AWS CLI on the open moto. */
async function makePool(region, prefix) {
  return JSON.parse(await run(requiredEnv('AWSCLI_BIN'), [
    '--endpoint-url', requiredEnv('OPEN_MOTO_URL'), '--region', region, '--output', 'json', 'cognito-identity', 'create-identity-pool',
    '--identity-pool-name', `${prefix}${Date.now()}`, '--allow-unauthenticated-identities',
  ], { env: { ...process.env, AWS_ACCESS_KEY_ID: 'AKIDPOOL', AWS_SECRET_ACCESS_KEY: 'pool-secret' } }));
}

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
  await assert.rejects(fromIni({ ...sso, profile: 's' })(), isCredentialsError(/names sso_session corp, which the config file lacks/));
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
      '[profile mfa]', `role_arn = ${first}`, 'source_profile = base', `mfa_serial = arn:aws:iam::${account}:mfa/ops`, 'role_session_name = mfaops',
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
  // mfa_serial: refused without a code provider, nothing sent; with one, its code goes with AssumeRole.
  const sent = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = (url, init) => {
    sent.push(String(init?.body ?? ''));
    return realFetch(url, init);
  };
  try {
    await assert.rejects(fromIni({ ...f, profile: 'mfa' })(), isCredentialsError(/profile mfa has mfa_serial: give mfaCodeProvider/));
    assert.equal(sent.length, 0);
    const asked = [];
    const mfa = await new StsClient({ region, endpoint, credentials: fromIni({ ...f, profile: 'mfa', mfaCodeProvider: async (serial) => { asked.push(serial); return '123456'; } }) }).getCallerIdentity();
    assert.match(mfa.Arn, /\/mfaops$/);
    assert.deepEqual(asked, [`arn:aws:iam::${account}:mfa/ops`]);
    const assumeRole = new URLSearchParams(sent.find((b) => b.includes('Action=AssumeRole')));
    assert.deepEqual([assumeRole.get('SerialNumber'), assumeRole.get('TokenCode')], [`arn:aws:iam::${account}:mfa/ops`, '123456']);
  } finally {
    globalThis.fetch = realFetch;
  }
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
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  await assert.rejects(fromNodeProviderChain(none)(), (e) => {
    assert.ok(isCredentialsError(/fromNodeProviderChain: no source gave credentials: fromEnv: .*; fromIni: .*; fromTokenFile: .*; fromContainerMetadata: .*; fromInstanceMetadata: AWS_EC2_METADATA_DISABLED is true$/)(e), e.message);
    return true;
  });
  clean();
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

test('a page that imports fromWebIdentity or fromCognitoIdentityPool bundles no Node code', async () => {
  for (const name of ['fromWebIdentity', 'fromCognitoIdentityPool']) {
    const out = await esbuild.build({
      stdin: { contents: `export { ${name} } from 'elb-wasm/credentials';`, resolveDir: process.cwd() },
      bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent', loader: { '.wasm': 'file' },
      outdir: join(dir, 'page'),
    });
    const js = out.outputFiles.map((f) => f.text).join('');
    assert.ok(!/node:(fs|os|path|child_process)/.test(js), `${name}: no node: module in the page bundle`);
    assert.ok(!js.includes('credential_process'), `${name}: no file provider in the page bundle`);
    // Each page carries the table it calls and not the other's.
    assert.equal(js.includes('AWSCognitoIdentityService'), name === 'fromCognitoIdentityPool', name);
  }
});

test('fromCognitoIdentityPool against moto: GetId once, then GetCredentialsForIdentity at each refresh, both unsigned', async () => {
  const open = requiredEnv('OPEN_MOTO_URL');
  const created = await makePool('eu-west-1', 'pool');
  const sent = [];
  const recording = async (url, init) => {
    sent.push({ target: init.headers['x-amz-target'], signed: 'authorization' in init.headers, body: JSON.parse(init.body) });
    return fetch(url, init);
  };
  let asked = 0;
  const provider = fromCognitoIdentityPool({
    identityPoolId: created.IdentityPoolId,
    logins: { 'accounts.google.com': () => `eyJ.token-${++asked}` },
    clientConfig: { endpoint: open, fetch: recording },
  });
  const first = await provider();
  // moto's canned credentials; its Expiration is epoch seconds with a fraction.
  assert.equal(first.accessKeyId, 'TESTACCESSKEY12345');
  assert.ok(first.expiration instanceof Date && first.expiration > new Date(), String(first.expiration));
  assert.match(first.identityId, /^[\w-]+:[0-9a-f-]+$/);
  const second = await provider();
  assert.equal(second.identityId, first.identityId);
  assert.deepEqual(sent.map((s) => s.target), [
    'AWSCognitoIdentityService.GetId',
    'AWSCognitoIdentityService.GetCredentialsForIdentity',
    'AWSCognitoIdentityService.GetCredentialsForIdentity',
  ]);
  assert.ok(sent.every((s) => !s.signed), 'nothing signed');
  assert.deepEqual(sent[0].body, { IdentityPoolId: created.IdentityPoolId, Logins: { 'accounts.google.com': 'eyJ.token-1' } });
  // The token is asked for once a refresh, and both calls of a refresh carry it.
  assert.equal(sent[1].body.Logins['accounts.google.com'], 'eyJ.token-1');
  assert.deepEqual(sent[2].body, { IdentityId: first.identityId, Logins: { 'accounts.google.com': 'eyJ.token-2' } });
  for (const c of [first, second]) assert.ok(!JSON.stringify(Object.keys(c)).includes('eyJ'));
});

test('fromCognitoIdentityPool in Node: the endpoint as the AWS CLI finds it (AWS_ENDPOINT_URL_COGNITO_IDENTITY), clientConfig\'s first', async () => {
  const open = requiredEnv('OPEN_MOTO_URL');
  const pool = (await makePool('eu-west-1', 'envpool')).IdentityPoolId;
  const asked = [];
  const recording = async (url, init) => {
    asked.push(new URL(url).origin);
    return fetch(url, init);
  };
  clean();
  process.env.AWS_CONFIG_FILE = join(dir, 'no-config');
  process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY = open;
  try {
    const c = await fromCognitoIdentityPool({ identityPoolId: pool, clientConfig: { fetch: recording } })();
    assert.equal(c.accessKeyId, 'TESTACCESSKEY12345');
    assert.deepEqual(asked, [new URL(open).origin, new URL(open).origin]);
    // The option wins over the variable: nothing listens on port 1.
    process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY = 'http://127.0.0.1:1';
    const again = await fromCognitoIdentityPool({ identityPoolId: pool, clientConfig: { endpoint: open, fetch: recording } })();
    assert.equal(again.accessKeyId, 'TESTACCESSKEY12345');
    await assert.rejects(fromCognitoIdentityPool({ identityPoolId: pool, clientConfig: { fetch: recording } })(), (e) => e instanceof ElbError && /127\.0\.0\.1:1/.test(e.message));
  } finally {
    clean();
  }
});

test('in Chromium, through elb-wasm/credentials/esbuild: fromCognitoIdentityPool and fromWebIdentity sign a page in', async () => {
  const open = requiredEnv('OPEN_MOTO_URL');
  const created = await makePool('us-east-1', 'page');
  const root = mkdtempSync(join(process.cwd(), '.page-credentials-'));
  const entry = join(root, 'page.mjs');
  writeFileSync(entry, `import { fromCognitoIdentityPool, fromWebIdentity, fromIni } from 'elb-wasm/credentials/esbuild';
const q = new URLSearchParams(location.search);
const endpoint = location.origin + '/aws';
const shape = (c) => ({ key: c.accessKeyId, token: Boolean(c.sessionToken), dated: c.expiration instanceof Date && c.expiration > new Date() });
Promise.all([
  fromCognitoIdentityPool({ identityPoolId: q.get('pool'), clientConfig: { endpoint } })().then(shape),
  fromWebIdentity({ roleArn: 'arn:aws:iam::123456789012:role/page', webIdentityToken: 'eyJ.page', roleSessionName: 'page', clientConfig: { endpoint } })().then(shape),
  fromIni()().then(() => 'read a file', (e) => e.code + ': ' + e.message),
]).then((r) => { window.__result = r; }, (e) => { window.__result = String(e?.stack ?? e); });
`);
  await esbuild.build({ entryPoints: [entry], bundle: true, format: 'esm', outdir: join(root, 'out'), loader: { '.wasm': 'file' }, logLevel: 'silent' });
  writeFileSync(join(root, 'out', 'index.html'), '<!doctype html><meta charset="utf-8"><title>page</title><script type="module" src="./page.js"></script>');
  const { forwardAws } = await import('./same-origin-aws.mjs');
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };
  const server = createServer(async (req, res) => {
    if (await forwardAws(req, res, open)) return;
    const name = new URL(req.url, 'http://x').pathname.slice(1) || 'index.html';
    let body;
    try {
      body = readFileSync(join(root, 'out', name));
    } catch {
      return void res.writeHead(404).end();
    }
    res.writeHead(200, { 'content-type': types[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream' }).end(body);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/?pool=${encodeURIComponent(created.IdentityPoolId)}`);
    await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 30_000 });
    const [cognito, web, ini] = await page.evaluate(() => window.__result);
    assert.deepEqual(cognito, { key: 'TESTACCESSKEY12345', token: true, dated: true });
    assert.equal(web.token, true);
    assert.equal(web.dated, true);
    assert.match(ini, /^CredentialsError: .*Node, Deno or Bun/);
  } finally {
    await browser.close();
    server.close();
    rmSync(root, { recursive: true, force: true });
  }
});

test('fromCognitoIdentityPool: an answer\'s epoch seconds (fraction, exponent) become the exact Date; a cut answer is refused', async () => {
  // awsJson answers cross into JS as they came (written by hand here: JSON.stringify never writes an exponent).
  const answer = (body) => async (url, init) =>
    new Response(init.headers['x-amz-target'].endsWith('GetId') ? '{"IdentityId":"us-west-2:0f1e2d3c-aaaa-bbbb-cccc-000000000009"}' : body, { status: 200 });
  for (const [expiration, ms] of [['1.7332560005E9', 1_733_256_000_500], ['1733256000', 1_733_256_000_000], ['1733256000.25', 1_733_256_000_250]]) {
    const body = `{"Credentials":{"AccessKeyId":"ASIACOGNITO","SecretKey":"s","SessionToken":"t","Expiration":${expiration}},"IdentityId":"us-west-2:x","SomethingNew":[1]}`;
    const c = await fromCognitoIdentityPool({ identityPoolId: 'us-west-2:0f1e2d3c-aaaa-bbbb-cccc-000000000001', clientConfig: { fetch: answer(body) } })();
    assert.ok(c.expiration instanceof Date, expiration);
    assert.equal(c.expiration.getTime(), ms, expiration);
  }
  const cut = fromCognitoIdentityPool({ identityPoolId: 'us-west-2:0f1e2d3c-aaaa-bbbb-cccc-000000000001', clientConfig: { fetch: answer('{"Credentials":{"AccessKeyId":') } });
  await assert.rejects(cut(), (e) => e instanceof ElbError && e.code === 'CredentialsError' && /InvalidResponse/.test(e.message));
});

test('fromCognitoIdentityPool: awsJson answers are read in JS (js/client/aws_json.js) and the engine decides on what was read', async () => {
  const pool = 'us-west-2:0f1e2d3c-aaaa-bbbb-cccc-000000000001';
  /** The provider's outcome when GetId answers `status` with `body` (text or bytes); and how many tries. */
  const outcome = async (status, body) => {
    let calls = 0;
    const fetch = async () => {
      calls++;
      return new Response(body, { status });
    };
    try {
      await fromCognitoIdentityPool({ identityPoolId: pool, clientConfig: { fetch, maxAttempts: 2 } })();
      return { calls, message: 'resolved' };
    } catch (e) {
      assert.ok(e instanceof ElbError && e.code === 'CredentialsError', String(e));
      return { calls, message: e.message };
    }
  };
  // A 2xx that is not a JSON object is refused, not retried, and says why.
  for (const [body, why] of [['[1]', /InvalidResponse: .*HTTP 200.*the answer is not a JSON object$/], ['"x"', /not a JSON object$/], ['null', /not a JSON object$/], ['{"IdentityId":', /InvalidResponse: .*the answer is not JSON: /]]) {
    const { calls, message } = await outcome(200, body);
    assert.match(message, why, body);
    assert.equal(calls, 1, body);
  }
  // An error's code without its namespace (`#`) or URL (`:`); `code` and `Message` read too.
  assert.match((await outcome(400, '{"code":"LimitExceededException:http://internal.amazon.com/coral/x/","Message":"too many"}')).message, /refused: LimitExceededException: too many$/);
  assert.match((await outcome(400, '{"__type":"a.b#NotAuthorizedException"}')).message, /refused: NotAuthorizedException$/);
  // An error status without a JSON error document: the engine's InvalidResponse, a 5xx tried again.
  for (const [status, body, tries] of [[400, '<html>bad gateway</html>', 1], [400, '{"message":"no type"}', 1], [502, '', 2]]) {
    const { calls, message } = await outcome(status, body);
    assert.match(message, /InvalidResponse: .*HTTP \d+.*an error status without a JSON error document$/, body);
    assert.equal(calls, tries, body);
  }
  // Throttling and server faults by their code, tried again as for every protocol.
  for (const [status, type] of [[400, 'ThrottlingException'], [500, 'InternalErrorException']]) {
    const { calls, message } = await outcome(status, JSON.stringify({ __type: type, message: 'later' }));
    assert.match(message, new RegExp(`refused: ${type}: later$`));
    assert.equal(calls, 2, type);
  }
  // Bytes that are not UTF-8 read as U+FFFD, as every other answer.
  const bytes = new Uint8Array([...new TextEncoder().encode('{"__type":"X","message":"a'), 0xff, ...new TextEncoder().encode('b"}')]);
  assert.match((await outcome(400, bytes)).message, /refused: X: a\uFFFDb$/);
});

test('fromCognitoIdentityPool: a refusal is a CredentialsError naming the service and code, never the token', async () => {
  const answers = [
    [400, { __type: 'NotAuthorizedException', message: 'Invalid login token.' }],
    [400, { __type: 'com.amazonaws.cognito.identity.model#ResourceNotFoundException', message: 'Identity pool not found' }],
  ];
  for (const [status, body] of answers) {
    let calls = 0;
    const provider = fromCognitoIdentityPool({
      identityPoolId: 'us-west-2:0f1e2d3c-aaaa-bbbb-cccc-000000000001',
      logins: { 'cognito-idp.us-west-2.amazonaws.com/us-west-2_abc': 'eyJ.secret-token' },
      clientConfig: { fetch: async (url) => { calls++; assert.equal(url, 'https://cognito-identity.us-west-2.amazonaws.com/'); return new Response(JSON.stringify(body), { status }); } },
    });
    await assert.rejects(provider(), (e) => {
      assert.ok(e instanceof ElbError && e.code === 'CredentialsError', String(e));
      assert.match(e.message, new RegExp(`fromCognitoIdentityPool: Cognito Identity refused: ${body.__type.split('#').pop()}: ${body.message}`));
      assert.ok(!e.message.includes('secret-token'));
      return true;
    });
    assert.equal(calls, 1, 'a 400 is not retried');
  }
  let calls = 0;
  const fetchNothing = async () => { calls++; throw new Error('sent'); };
  for (const identityPoolId of [undefined, 'no-region', 'us-east-1:not hex!']) {
    await assert.rejects(fromCognitoIdentityPool({ identityPoolId, clientConfig: { fetch: fetchNothing } })(), isCredentialsError(/identityPoolId|IdentityPoolId/));
  }
  assert.equal(calls, 0, 'bad input sends nothing');
});

/**
 * The metadata services, small and local, in AWS's documented formats:
 * - IMDSv2 (docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html and
 *   instance-metadata-security-credentials.html): `PUT /latest/api/token` with
 *   `X-aws-ec2-metadata-token-ttl-seconds` gives a token; every GET must carry it in
 *   `X-aws-ec2-metadata-token` (401 otherwise); `/latest/meta-data/iam/security-credentials/` names the
 *   role, `.../<role>` answers `{ Code, LastUpdated, Type, AccessKeyId, SecretAccessKey, Token, Expiration }`.
 * - The container endpoint (docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html,
 *   EKS Pod Identity): a GET answered with `{ AccessKeyId, SecretAccessKey, Token, Expiration, RoleArn }`,
 *   checking the `Authorization` header when a token is configured.
 */
async function metadataServer(keys, { failFirst = false } = {}) {
  const seen = [];
  let failed = !failFirst;
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url} ${req.headers['x-aws-ec2-metadata-token'] ?? ''} ${req.headers.authorization ?? ''}`.trim());
    if (!failed) {
      failed = true;
      return void res.writeHead(503).end();
    }
    const json = (body) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    const expiration = new Date(Date.now() + 3_600_000).toISOString();
    if (req.url === '/latest/api/token') {
      if (req.method !== 'PUT' || !req.headers['x-aws-ec2-metadata-token-ttl-seconds']) return void res.writeHead(400).end();
      return void res.writeHead(200).end('imds-session-token');
    }
    if (req.url.startsWith('/latest/meta-data/')) {
      if (req.headers['x-aws-ec2-metadata-token'] !== 'imds-session-token') return void res.writeHead(401).end();
      if (req.url === '/latest/meta-data/iam/security-credentials/') return void res.writeHead(200).end('ec2-role');
      if (req.url === '/latest/meta-data/iam/security-credentials/ec2-role') {
        return json({ Code: 'Success', LastUpdated: new Date().toISOString(), Type: 'AWS-HMAC', AccessKeyId: keys.accessKeyId, SecretAccessKey: keys.secretAccessKey, Token: keys.sessionToken, Expiration: expiration });
      }
    }
    if (req.url === '/container-credentials') {
      if (req.headers.authorization !== 'pod-identity-token') return void res.writeHead(401).end();
      return json({ AccessKeyId: 'ASIACONTAINER', SecretAccessKey: 'container-secret', Token: 'container-token', Expiration: expiration, RoleArn: 'arn:aws:iam::123456789012:role/task' });
    }
    res.writeHead(404).end();
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}`, seen, close: () => new Promise((r) => server.close(r)) };
}

test('fromInstanceMetadata: IMDSv2, the token first and on every read; a 5xx retried once; disabled by the variable', async () => {
  clean();
  const imds = await metadataServer({ accessKeyId: 'ASIAIMDS', secretAccessKey: 'imds-secret', sessionToken: 'imds-token' }, { failFirst: true });
  try {
    process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT = imds.url;
    const c = await fromInstanceMetadata()();
    assert.deepEqual([c.accessKeyId, c.secretAccessKey, c.sessionToken], ['ASIAIMDS', 'imds-secret', 'imds-token']);
    assert.ok(c.expiration instanceof Date && c.expiration > new Date());
    assert.deepEqual(imds.seen, [
      'PUT /latest/api/token',
      'PUT /latest/api/token',
      'GET /latest/meta-data/iam/security-credentials/ imds-session-token',
      'GET /latest/meta-data/iam/security-credentials/ec2-role imds-session-token',
    ]);
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    await assert.rejects(fromInstanceMetadata()(), isCredentialsError(/AWS_EC2_METADATA_DISABLED/));
  } finally {
    await imds.close();
    clean();
  }
  // Nothing listening: a CredentialsError naming the endpoint, quickly.
  process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT = imds.url;
  await assert.rejects(fromInstanceMetadata()(), isCredentialsError(/fromInstanceMetadata: http:\/\/127\.0\.0\.1:\d+: unreachable/));
  clean();
});

test('fromContainerMetadata: the full URI with its token file; plain http must stay on the machine; the chain reaches it', async () => {
  clean();
  const ecs = await metadataServer({});
  const tokenFile = join(dir, 'pod-token');
  writeFileSync(tokenFile, 'pod-identity-token\n');
  try {
    Object.assign(process.env, { AWS_CONTAINER_CREDENTIALS_FULL_URI: `${ecs.url}/container-credentials`, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: tokenFile });
    const c = await fromContainerMetadata()();
    assert.deepEqual([c.accessKeyId, c.sessionToken], ['ASIACONTAINER', 'container-token']);
    assert.deepEqual(ecs.seen, ['GET /container-credentials  pod-identity-token']);
    // The chain: nothing in the environment or the files, so the container endpoint answers.
    assert.equal((await fromNodeProviderChain(files('chain-ecs', '', ''))()).accessKeyId, 'ASIACONTAINER');
    process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE = join(dir, 'no-such-file');
    await assert.rejects(fromContainerMetadata()(), isCredentialsError(/AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: ENOENT/));
    clean();
    process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI = 'http://example.com/creds';
    await assert.rejects(fromContainerMetadata()(), isCredentialsError(/over http must name this machine, not example\.com/));
  } finally {
    await ecs.close();
    clean();
  }
});

test('credential_source = Ec2InstanceMetadata: the instance\'s keys assume the profile\'s role at moto\'s STS', async () => {
  clean();
  const imds = await metadataServer({ accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey });
  try {
    Object.assign(process.env, { AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url, AWS_ENDPOINT_URL_STS: endpoint });
    const role = await makeRole(`cred-imds-${Date.now()}`);
    const f = files('imds', '', `[profile ec2]\nrole_arn = ${role}\ncredential_source = Ec2InstanceMetadata\nrole_session_name = box\n`);
    const who = await new StsClient({ region, endpoint, credentials: fromIni({ ...f, profile: 'ec2' }) }).getCallerIdentity();
    assert.match(who.Arn, /assumed-role\/cred-imds-\d+\/box$/);
  } finally {
    await imds.close();
    clean();
  }
});

/**
 * IAM Identity Center, small and local: the portal's GetRoleCredentials as the SSO Portal API
 * reference gives it (docs.aws.amazon.com/singlesignon/latest/PortalAPIReference/API_GetRoleCredentials.html:
 * `GET /federation/credentials?account_id=&role_name=` with `x-amz-sso_bearer_token`, answering
 * `{ roleCredentials: { accessKeyId, secretAccessKey, sessionToken, expiration } }`, expiration in epoch
 * ms), and the token cache `aws sso login` writes (`~/.aws/sso/cache/<sha1 of the sso_session name, or
 * of the start URL for the legacy keys>.json` with `accessToken` and `expiresAt`, as the AWS CLI and the
 * SDKs' shared-ini loader read it).
 */
test('fromSSO and sso profiles: the cached token traded at the portal; an expired or missing one says to log in', async () => {
  clean();
  const seen = [];
  const portal = createServer((req, res) => {
    seen.push(`${req.url} ${req.headers['x-amz-sso_bearer_token'] ?? ''}`);
    if (req.headers['x-amz-sso_bearer_token'] === 'revoked') return void res.writeHead(401).end('{"message":"Session token not found or invalid"}');
    const q = new URL(req.url, 'http://x').searchParams;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
      roleCredentials: { accessKeyId: `ASIASSO${q.get('role_name')}`, secretAccessKey: 'sso-secret', sessionToken: 'sso-token', expiration: Date.now() + 3_600_000 },
    }));
  });
  await new Promise((r) => portal.listen(0, '127.0.0.1', r));
  const home = join(dir, 'sso-home');
  mkdirSync(join(home, '.aws', 'sso', 'cache'), { recursive: true });
  const cache = (key, token) => writeFileSync(join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update(key).digest('hex')}.json`), JSON.stringify(token));
  const startUrl = 'https://corp.awsapps.com/start';
  const f = files('sso-ok', '', [
    '[profile dev]', 'sso_session = corp', 'sso_account_id = 123456789012', 'sso_role_name = Dev', 'region = us-east-1',
    '[profile old]', `sso_start_url = ${startUrl}`, 'sso_region = us-east-1', 'sso_account_id = 123456789012', 'sso_role_name = Old',
    '[sso-session corp]', `sso_start_url = ${startUrl}`, 'sso_region = us-east-1', 'sso_registration_scopes = sso:account:access',
  ].join('\n'));
  const ownHome = process.env.HOME;
  try {
    Object.assign(process.env, { HOME: home, AWS_ENDPOINT_URL_SSO: `http://127.0.0.1:${portal.address().port}` });
    const later = new Date(Date.now() + 3_600_000).toISOString();
    cache('corp', { accessToken: 'session-token', expiresAt: later, region: 'us-east-1', startUrl });
    cache(startUrl, { accessToken: 'legacy-token', expiresAt: later, region: 'us-east-1', startUrl });
    const dev = await fromSSO({ ...f, profile: 'dev' })();
    assert.deepEqual([dev.accessKeyId, dev.sessionToken], ['ASIASSODev', 'sso-token']);
    assert.ok(dev.expiration instanceof Date && dev.expiration > new Date());
    assert.equal((await fromIni({ ...f, profile: 'dev' })()).accessKeyId, 'ASIASSODev');
    assert.equal((await fromIni({ ...f, profile: 'old' })()).accessKeyId, 'ASIASSOOld');
    assert.deepEqual(seen, [
      '/federation/credentials?account_id=123456789012&role_name=Dev session-token',
      '/federation/credentials?account_id=123456789012&role_name=Dev session-token',
      '/federation/credentials?account_id=123456789012&role_name=Old legacy-token',
    ]);
    cache('corp', { accessToken: 'session-token', expiresAt: new Date(Date.now() - 60_000).toISOString() });
    await assert.rejects(fromSSO({ ...f, profile: 'dev' })(), isCredentialsError(/has expired: run aws sso login --profile dev$/));
    cache('corp', { accessToken: 'revoked', expiresAt: later });
    await assert.rejects(fromSSO({ ...f, profile: 'dev' })(), isCredentialsError(/refused the token \(HTTP 401\): run aws sso login --profile dev$/));
    process.env.HOME = join(dir, 'empty-home');
    await assert.rejects(fromSSO({ ...f, profile: 'dev' })(), isCredentialsError(/no SSO token cached for profile dev \(ENOENT\): run aws sso login --profile dev$/));
  } finally {
    await new Promise((r) => portal.close(r));
    process.env.HOME = ownHome;
    clean();
  }
});
