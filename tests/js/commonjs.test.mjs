// `require('elb-wasm')` and its subpaths in Node 20 (the package's `require` condition: one CommonJS
// bundle): the same API, one ElbError class and one wasm instance across the CommonJS entries. ESM and
// CommonJS are two copies (Node's dual package hazard): an error of one is not `instanceof` the other's
// class, as the README says; `code` and `name` are the same.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { ElbError as EsmElbError } from 'elb-wasm';
import { recordedFetch } from './env.mjs';

const require = createRequire(import.meta.url);

test('require: every entry, one ElbError class, working clients', async () => {
  const root = require('elb-wasm');
  const v2 = require('elb-wasm/v2');
  const migrate = require('elb-wasm/migrate');
  const config = require('elb-wasm/aws-config');
  const services = require('elb-wasm/services');
  const creds = require('elb-wasm/credentials');
  assert.deepEqual(Object.keys(creds).sort(), ['fromCognitoIdentityPool', 'fromContainerMetadata', 'fromEnv', 'fromIni', 'fromInstanceMetadata', 'fromNodeProviderChain', 'fromProcess', 'fromSSO', 'fromTemporaryCredentials', 'fromTokenFile', 'fromWebIdentity']);
  assert.equal(typeof creds.fromIni({ profile: 'x' }), 'function');
  assert.deepEqual(Object.keys(root).sort(), ['Algorithm', 'ElbClient', 'ElbDriver', 'ElbError', 'LoadBalancer', 'Member', 'State', 'sign']);
  assert.equal(v2.ElbError, root.ElbError);
  assert.deepEqual(Object.keys(services).sort(), ['AutoScalingClient', 'CloudWatchClient', 'ElbError', 'Route53Client', 'StsClient']);
  assert.equal(services.ElbError, root.ElbError);
  assert.equal(typeof migrate.planMigration, 'function');
  assert.equal(typeof config.loadAwsConfig, 'function');

  const { fetch, calls } = recordedFetch(400, '<ErrorResponse><Error><Type>Sender</Type><Code>LoadBalancerNotFound</Code><Message>m</Message></Error><RequestId>r</RequestId></ErrorResponse>');
  const client = new v2.ElbV2Client({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, fetch });
  const e = await client.describeLoadBalancers({ Names: ['x'] }).then(() => assert.fail(), (e) => e);
  assert.ok(e instanceof root.ElbError && e instanceof Error);
  assert.deepEqual([e.name, e.code, e.statusCode], ['ElbError', 'LoadBalancerNotFound', 400]);
  assert.equal(calls.length, 1);
  // The ESM copy is another class (documented), with the same shape.
  assert.notEqual(EsmElbError, root.ElbError);
  const signed = root.sign({ method: 'GET', url: 'https://example.amazonaws.com/' }, { region: 'us-east-1', service: 'service', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }, date: new Date('2015-08-30T12:36:00Z') });
  assert.match(signed.headers.authorization, /Signature=[0-9a-f]{64}$/);
});
