// ELBv2 through an injected fetch, for what moto lacks: the 14 actions it does not implement (trust
// stores, GetResourcePolicy, ModifyCapacityReservation, ModifyIpPools), with the exact form each sends
// and the values each answer (XML written from the model) decodes to; and the model's harder corners:
// maps both ways, longs, the double, empty lists, deep actions, and errors whose code differs from
// their shape's name or whose status is not 400.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requiredEnv } from './env.mjs';
import { ElbV2Client, ElbError } from 'elb-wasm/v2';

const NS = 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/';
const ok = (action, result) =>
  `<${action}Response xmlns="${NS}"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>req-${action}</RequestId></ResponseMetadata></${action}Response>`;
const err = (code, type = 'Sender') =>
  `<ErrorResponse xmlns="${NS}"><Error><Type>${type}</Type><Code>${code}</Code><Message>m</Message></Error><RequestId>err-${code}</RequestId></ErrorResponse>`;

/** A client whose fetch answers `status`/`body` and records each form it was sent. */
function recorded(status, body) {
  const forms = [];
  const client = new ElbV2Client({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDV2', secretAccessKey: 'v2-secret' },
    fetch: async (url, init) => {
      forms.push(Object.fromEntries(new URLSearchParams(init.body)));
      return new Response(body, { status, headers: { 'content-type': 'text/xml' } });
    },
  });
  return { client, forms };
}

const TS = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:truststore/ts/1a2b';
const LB = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188';
const store = '<member><Name>ts</Name><TrustStoreArn>' + TS + '</TrustStoreArn><Status>ACTIVE</Status><NumberOfCaCertificates>3</NumberOfCaCertificates><TotalRevokedEntries>9007199254740991</TotalRevokedEntries></member>';
const storeOut = { Name: 'ts', TrustStoreArn: TS, Status: 'ACTIVE', NumberOfCaCertificates: 3, TotalRevokedEntries: 9007199254740991 };
const revocation = `<member><TrustStoreArn>${TS}</TrustStoreArn><RevocationId>1234567890123</RevocationId><RevocationType>CRL</RevocationType><NumberOfRevokedEntries>42</NumberOfRevokedEntries></member>`;
const revocationOut = { TrustStoreArn: TS, RevocationId: 1234567890123, RevocationType: 'CRL', NumberOfRevokedEntries: 42 };

// [method, input, the form it sends (besides Action and Version), result XML, decoded output (without $metadata)]
const CASES = [
  ['addTrustStoreRevocations', { TrustStoreArn: TS, RevocationContents: [{ S3Bucket: 'b', S3Key: 'crl.pem', RevocationType: 'CRL' }] },
    { TrustStoreArn: TS, 'RevocationContents.member.1.S3Bucket': 'b', 'RevocationContents.member.1.S3Key': 'crl.pem', 'RevocationContents.member.1.RevocationType': 'CRL' },
    `<TrustStoreRevocations>${revocation}</TrustStoreRevocations>`, { TrustStoreRevocations: [revocationOut] }],
  ['createTrustStore', { Name: 'ts', CaCertificatesBundleS3Bucket: 'b', CaCertificatesBundleS3Key: 'ca.pem', Tags: [{ Key: 'env', Value: 'prod' }] },
    { Name: 'ts', CaCertificatesBundleS3Bucket: 'b', CaCertificatesBundleS3Key: 'ca.pem', 'Tags.member.1.Key': 'env', 'Tags.member.1.Value': 'prod' },
    `<TrustStores>${store}</TrustStores>`, { TrustStores: [storeOut] }],
  ['deleteSharedTrustStoreAssociation', { TrustStoreArn: TS, ResourceArn: LB }, { TrustStoreArn: TS, ResourceArn: LB }, '', {}],
  ['deleteTrustStore', { TrustStoreArn: TS }, { TrustStoreArn: TS }, '', {}],
  ['describeTrustStoreAssociations', { TrustStoreArn: TS, PageSize: 5 }, { TrustStoreArn: TS, PageSize: '5' },
    `<TrustStoreAssociations><member><ResourceArn>${LB}</ResourceArn></member></TrustStoreAssociations><NextMarker>m2</NextMarker>`,
    { TrustStoreAssociations: [{ ResourceArn: LB }], NextMarker: 'm2' }],
  ['describeTrustStoreRevocations', { TrustStoreArn: TS, RevocationIds: [1234567890123, 9007199254740991] },
    { TrustStoreArn: TS, 'RevocationIds.member.1': '1234567890123', 'RevocationIds.member.2': '9007199254740991' },
    `<TrustStoreRevocations>${revocation}</TrustStoreRevocations>`, { TrustStoreRevocations: [revocationOut] }],
  ['describeTrustStores', { Names: ['ts'], TrustStoreArns: [] }, { 'Names.member.1': 'ts', TrustStoreArns: '' },
    `<TrustStores>${store}</TrustStores>`, { TrustStores: [storeOut] }],
  ['getTrustStoreCaCertificatesBundle', { TrustStoreArn: TS }, { TrustStoreArn: TS }, '<Location>https://s3.example/ca.pem?sig=1&amp;x=2</Location>',
    { Location: 'https://s3.example/ca.pem?sig=1&x=2' }],
  ['getTrustStoreRevocationContent', { TrustStoreArn: TS, RevocationId: 1234567890123 }, { TrustStoreArn: TS, RevocationId: '1234567890123' },
    '<Location>https://s3.example/crl.pem</Location>', { Location: 'https://s3.example/crl.pem' }],
  ['modifyTrustStore', { TrustStoreArn: TS, CaCertificatesBundleS3Bucket: 'b', CaCertificatesBundleS3Key: 'ca2.pem', CaCertificatesBundleS3ObjectVersion: 'v7' },
    { TrustStoreArn: TS, CaCertificatesBundleS3Bucket: 'b', CaCertificatesBundleS3Key: 'ca2.pem', CaCertificatesBundleS3ObjectVersion: 'v7' },
    `<TrustStores>${store}</TrustStores>`, { TrustStores: [storeOut] }],
  ['removeTrustStoreRevocations', { TrustStoreArn: TS, RevocationIds: [7] }, { TrustStoreArn: TS, 'RevocationIds.member.1': '7' }, '', {}],
  ['getResourcePolicy', { ResourceArn: TS }, { ResourceArn: TS }, '<Policy>{"Version":"2012-10-17"}</Policy>', { Policy: '{"Version":"2012-10-17"}' }],
  ['modifyCapacityReservation', { LoadBalancerArn: LB, MinimumLoadBalancerCapacity: { CapacityUnits: 1500 } },
    { LoadBalancerArn: LB, 'MinimumLoadBalancerCapacity.CapacityUnits': '1500' },
    '<LastModifiedTime>2026-11-30T08:15:00.250Z</LastModifiedTime><DecreaseRequestsRemaining>2</DecreaseRequestsRemaining>' +
      '<MinimumLoadBalancerCapacity><CapacityUnits>1500</CapacityUnits></MinimumLoadBalancerCapacity>' +
      '<CapacityReservationState><member><State><Code>pending</Code><Reason>scaling</Reason></State><AvailabilityZone>us-east-1a</AvailabilityZone><EffectiveCapacityUnits>750.5</EffectiveCapacityUnits></member></CapacityReservationState>',
    { LastModifiedTime: new Date('2026-11-30T08:15:00.250Z'), DecreaseRequestsRemaining: 2, MinimumLoadBalancerCapacity: { CapacityUnits: 1500 },
      CapacityReservationState: [{ State: { Code: 'pending', Reason: 'scaling' }, AvailabilityZone: 'us-east-1a', EffectiveCapacityUnits: 750.5 }] }],
  ['modifyIpPools', { LoadBalancerArn: LB, IpamPools: { Ipv4IpamPoolId: 'ipam-pool-0abc' }, RemoveIpamPools: [] },
    { LoadBalancerArn: LB, 'IpamPools.Ipv4IpamPoolId': 'ipam-pool-0abc', RemoveIpamPools: '' },
    '<IpamPools><Ipv4IpamPoolId>ipam-pool-0abc</Ipv4IpamPoolId></IpamPools>', { IpamPools: { Ipv4IpamPoolId: 'ipam-pool-0abc' } }],
];

test('the 14 actions moto lacks: exact requests, decoded answers', async () => {
  assert.equal(CASES.length, 14);
  for (const [method, input, form, result, output] of CASES) {
    const action = method[0].toUpperCase() + method.slice(1);
    const { client, forms } = recorded(200, ok(action, result));
    const out = await client[method](input);
    assert.deepEqual(forms, [{ Action: action, Version: '2015-12-01', ...form }], method);
    const { $metadata, ...rest } = out;
    assert.deepEqual(rest, output, method);
    assert.deepEqual($metadata, { requestId: `req-${action}`, httpStatusCode: 200, attempts: 1 }, method);
  }
});

test('maps: AuthenticationRequestExtraParams as entry.N.key/value out and <entry> back; deep authenticate actions', async () => {
  const oidc = {
    Issuer: 'https://idp.example', AuthorizationEndpoint: 'https://idp.example/auth', TokenEndpoint: 'https://idp.example/token',
    UserInfoEndpoint: 'https://idp.example/me', ClientId: 'c1', ClientSecret: 's1',
    AuthenticationRequestExtraParams: { prompt: 'login', display: 'page' }, OnUnauthenticatedRequest: 'authenticate', SessionTimeout: 604800,
  };
  const xml = ok('CreateListener', '<Listeners><member><ListenerArn>L</ListenerArn><DefaultActions><member><Type>authenticate-oidc</Type><Order>1</Order>' +
    '<AuthenticateOidcConfig><Issuer>https://idp.example</Issuer><AuthenticationRequestExtraParams>' +
    '<entry><key>prompt</key><value>login</value></entry><entry><key>display</key><value>page</value></entry>' +
    '</AuthenticationRequestExtraParams><SessionTimeout>604800</SessionTimeout></AuthenticateOidcConfig></member>' +
    '<member><Type>forward</Type><Order>2</Order><TargetGroupArn>TG</TargetGroupArn></member></DefaultActions></member></Listeners>');
  const { client, forms } = recorded(200, xml);
  const out = await client.createListener({
    LoadBalancerArn: LB, Protocol: 'HTTPS', Port: 443,
    DefaultActions: [{ Type: 'authenticate-oidc', Order: 1, AuthenticateOidcConfig: oidc }, { Type: 'forward', Order: 2, TargetGroupArn: 'TG' }],
  });
  const p = 'DefaultActions.member.1.AuthenticateOidcConfig.';
  assert.equal(forms[0][`${p}AuthenticationRequestExtraParams.entry.1.key`], 'prompt');
  assert.equal(forms[0][`${p}AuthenticationRequestExtraParams.entry.1.value`], 'login');
  assert.equal(forms[0][`${p}AuthenticationRequestExtraParams.entry.2.key`], 'display');
  assert.equal(forms[0][`${p}AuthenticationRequestExtraParams.entry.2.value`], 'page');
  assert.equal(forms[0][`${p}SessionTimeout`], '604800');
  assert.equal(forms[0]['DefaultActions.member.2.TargetGroupArn'], 'TG');
  const [auth, forward] = out.Listeners[0].DefaultActions;
  assert.deepEqual(auth.AuthenticateOidcConfig.AuthenticationRequestExtraParams, { prompt: 'login', display: 'page' });
  assert.equal(auth.AuthenticateOidcConfig.SessionTimeout, 604800);
  assert.deepEqual(forward, { Type: 'forward', Order: 2, TargetGroupArn: 'TG' });
  // A map's values must be strings: checked before sending.
  const bad = await client.createListener({ LoadBalancerArn: LB, DefaultActions: [{ Type: 'authenticate-oidc', AuthenticateOidcConfig: { ...oidc, AuthenticationRequestExtraParams: { prompt: 1 } } }] }).then(() => assert.fail(), (e) => e);
  assert.equal(bad.code, 'InvalidInput');
  assert.match(bad.field, /^DefaultActions\[0\]\.AuthenticateOidcConfig\.AuthenticationRequestExtraParams/);
  assert.equal(forms.length, 1);
});

test('errors: codes that differ from shape names, 429 and 500 statuses, retryable as their status says', async () => {
  for (const [code, status, retryable, attempts] of [
    ['AssociationNotFound', 400, false, 1],
    ['ALPNPolicyNotFound', 400, false, 1],
    ['CapacityDecreaseRequestLimitExceeded', 400, false, 1],
    ['PriorRequestNotComplete', 429, true, 2],
    ['InsufficientCapacity', 500, true, 2],
    ['HealthUnavailable', 500, true, 2],
  ]) {
    const { forms } = recorded(status, '');
    const client = new ElbV2Client({
      region: 'us-east-1', maxAttempts: 2, credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
      fetch: async (url, init) => {
        forms.push(init.body);
        return new Response(err(code, status >= 500 ? 'Receiver' : 'Sender'), { status });
      },
    });
    const e = await client.deleteSharedTrustStoreAssociation({ TrustStoreArn: TS, ResourceArn: LB }).then(() => assert.fail(), (e) => e);
    assert.ok(e instanceof ElbError);
    assert.deepEqual([e.code, e.statusCode, e.retryable, e.attempts, e.requestId], [code, status, retryable, attempts, `err-${code}`], code);
    assert.equal(forms.length, attempts);
  }
});

test('every modelled ELBv2 error decodes to its code and status', async () => {
  // The repository's full table (its `e` records: shape, code, status, fault); the shipped one
  // keeps only shape and code, which is what the engine reads.
  const table = readFileSync(join(requiredEnv('ELB_WASM_REPO'), 'src/model/elbv2.table'), 'utf8');
  const errors = table.split('\n').filter((l) => l.startsWith('e\t')).map((l) => l.split('\t'));
  assert.equal(errors.length, 56, "the model's 56 errors");
  for (const [, , code, status] of errors) {
    const client = new ElbV2Client({
      region: 'us-east-1', maxAttempts: 1, credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
      fetch: async () => new Response(err(code), { status: Number(status) }),
    });
    const e = await client.describeLoadBalancers().then(() => assert.fail(), (e) => e);
    assert.deepEqual([e.code, e.statusCode, e.requestId], [code, Number(status), `err-${code}`]);
    assert.equal(e.retryable, Number(status) >= 429, code);
  }
});
