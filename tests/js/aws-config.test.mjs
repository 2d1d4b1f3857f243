// elb-wasm/aws-config finds endpoint, profile, credentials and region in the AWS CLI's order, from
// an environment and shared files the test writes (never the user's own).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import util from 'node:util';
import { loadAwsConfig, parseIni } from 'elb-wasm/aws-config';

const home = mkdtempSync(join(tmpdir(), 'aws-config-'));
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

test('parseIni: sections, comments, spacing, case of keys', () => {
  assert.deepEqual(parseIni('; c\n[ a ]\nKey = v = w\n#x\n[b]\nk=\n'), { a: { key: 'v = w' }, b: { k: '' } });
});
