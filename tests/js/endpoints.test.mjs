// Default endpoints through the installed package's clients: botocore's endpoint test cases for ELB
// and ELBv2 (endpoint-tests-1.json, vendored in tests/vectors/models), the global and regional
// services' signing regions (Route 53 per partition, STS's aws-global), FIPS / dual-stack from
// loadAwsConfig (environment and profile), and the real AWS CLI going where the client goes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ElbClient, ElbError } from 'elb-wasm';
import { ElbV2Client } from 'elb-wasm/v2';
import { Route53Client, StsClient, AutoScalingClient, CloudWatchClient } from 'elb-wasm/services';
import { loadAwsConfig } from 'elb-wasm/aws-config';
import { vectorsDir, requiredEnv } from './env.mjs';
import { run } from './aws-cli.mjs';

const credentials = { accessKeyId: 'AKIDENDPOINTS', secretAccessKey: 'endpoints-secret' };

/** Where a client sends its first request, and the region in its credential scope; nothing leaves. */
async function sent(Client, config, call = 'describeLoadBalancers', input = {}) {
  let seen;
  const client = new Client({
    credentials,
    maxAttempts: 1,
    ...config,
    fetch: async (url, init) => {
      seen = { url, region: /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(init.headers.authorization ?? init.headers.Authorization)?.[1] };
      return new Response('<x/>', { status: 503 });
    },
  });
  await client[call](input).catch(() => {});
  return seen;
}

for (const [name, Client] of [['elb', ElbClient], ['elbv2', ElbV2Client]]) {
  const file = `${name}-${name === 'elb' ? '2012-06-01' : '2015-12-01'}-endpoint-tests-1.json`;
  test(`${name}: botocore's endpoint test cases hold through ${Client.name}`, async () => {
    const { testCases } = JSON.parse(readFileSync(join(vectorsDir('models'), file), 'utf8'));
    assert.ok(testCases.length > 40);
    for (const c of testCases) {
      const p = c.params ?? {};
      const config = { region: p.Region, endpoint: p.Endpoint, useFipsEndpoint: p.UseFIPS, useDualstackEndpoint: p.UseDualStack };
      if (!p.Region) {
        // A region is what requests are signed for: refused before anything is sent, as the
        // SDKs' signers refuse it, endpoint or not.
        assert.throws(() => new Client({ ...config, credentials }), (e) => e instanceof ElbError && e.field === 'region', c.documentation);
        continue;
      }
      if (c.expect.error) {
        assert.throws(
          () => new Client({ ...config, credentials }),
          (e) => e instanceof ElbError && e.code === 'InvalidInput' && /useFipsEndpoint and useDualstackEndpoint/.test(e.message),
          c.documentation,
        );
        continue;
      }
      const { url, region } = await sent(Client, config);
      assert.equal(url, `${c.expect.endpoint.url}/`, c.documentation);
      assert.equal(region, p.Region, c.documentation);
    }
  });
}

test('global and special endpoints: Route 53 per partition, STS aws-global, CloudWatch and Auto Scaling in GovCloud', async () => {
  const cases = [
    [Route53Client, { region: 'eu-west-1' }, 'https://route53.amazonaws.com/', 'us-east-1'],
    [Route53Client, { region: 'eu-west-1', useFipsEndpoint: true }, 'https://route53-fips.amazonaws.com/', 'us-east-1'],
    [Route53Client, { region: 'us-west-2', useDualstackEndpoint: true }, 'https://route53.global.api.aws/', 'us-east-1'],
    [Route53Client, { region: 'cn-north-1' }, 'https://route53.amazonaws.com.cn/', 'cn-northwest-1'],
    [Route53Client, { region: 'us-gov-east-1', useFipsEndpoint: true }, 'https://route53.us-gov.amazonaws.com/', 'us-gov-west-1'],
    [Route53Client, { region: 'us-isob-east-1' }, 'https://route53.sc2s.sgov.gov/', 'us-isob-east-1'],
    [Route53Client, { region: 'eusc-de-east-1' }, 'https://route53.amazonaws.eu/', 'eusc-de-east-1'],
    [StsClient, { region: 'aws-global' }, 'https://sts.amazonaws.com/', 'us-east-1'],
    [StsClient, { region: 'eu-west-1' }, 'https://sts.eu-west-1.amazonaws.com/', 'eu-west-1'],
    [StsClient, { region: 'us-gov-west-1', useFipsEndpoint: true }, 'https://sts.us-gov-west-1.amazonaws.com/', 'us-gov-west-1'],
    [CloudWatchClient, { region: 'us-gov-west-1', useFipsEndpoint: true, useDualstackEndpoint: true }, 'https://monitoring.us-gov-west-1.api.aws/', 'us-gov-west-1'],
    [AutoScalingClient, { region: 'eu-isoe-west-1', useFipsEndpoint: true }, 'https://autoscaling-fips.eu-isoe-west-1.cloud.adc-e.uk/', 'eu-isoe-west-1'],
  ];
  const call = new Map([[Route53Client, 'getHostedZone'], [StsClient, 'getCallerIdentity'], [CloudWatchClient, 'listMetrics'], [AutoScalingClient, 'describeAutoScalingGroups']]);
  for (const [Client, config, url, region] of cases) {
    const got = await sent(Client, config, call.get(Client), Client === Route53Client ? { Id: 'Z1' } : {});
    assert.deepEqual(got, { url: url + (Client === Route53Client ? '2013-04-01/hostedzone/Z1' : ''), region }, `${call.get(Client)} ${JSON.stringify(config)}`);
  }
  // A custom endpoint of a global service is still signed for the partition's global region.
  assert.equal((await sent(Route53Client, { region: 'cn-north-1', endpoint: 'http://127.0.0.1:9' }, 'getHostedZone', { Id: 'Z1' })).region, 'cn-northwest-1');
});

test('wrong options are refused before anything is sent', () => {
  for (const config of [{ useFipsEndpoint: 'yes' }, { useDualstackEndpoint: 1 }]) {
    assert.throws(() => new ElbV2Client({ region: 'us-east-1', credentials, ...config }), (e) => e instanceof ElbError && e.code === 'InvalidInput' && e.field === Object.keys(config)[0]);
  }
  assert.throws(
    () => new ElbClient({ region: 'us-east-1', credentials, endpoint: 'http://127.0.0.1:9', useDualstackEndpoint: true }),
    (e) => e instanceof ElbError && e.field === 'useFipsEndpoint' && /an endpoint of your own/.test(e.message),
  );
});

test('loadAwsConfig: AWS_USE_FIPS_ENDPOINT / AWS_USE_DUALSTACK_ENDPOINT beat the profile, and the AWS CLI goes where the client goes', async () => {
  const home = mkdtempSync(join(tmpdir(), 'endpoints-'));
  mkdirSync(join(home, '.aws'));
  writeFileSync(join(home, '.aws', 'config'), [
    '[profile fips]', 'region = us-gov-west-1', 'use_fips_endpoint = true',
    '[profile dual]', 'region = cn-north-1', 'use_dualstack_endpoint = true',
    '[profile both]', 'region = us-east-2', 'use_fips_endpoint = true', 'use_dualstack_endpoint = true',
  ].join('\n'));
  const load = (profile, env = {}) => loadAwsConfig({ home, profile, service: 'elbv2', env });
  assert.equal(load('fips').useFipsEndpoint, true);
  assert.equal(load('fips', { AWS_USE_FIPS_ENDPOINT: 'false' }).useFipsEndpoint, undefined);
  assert.equal(load('dual').useDualstackEndpoint, true);
  assert.equal(load('dual').useFipsEndpoint, undefined);
  assert.equal(loadAwsConfig({ home, env: { AWS_USE_DUALSTACK_ENDPOINT: 'TRUE' } }).useDualstackEndpoint, true);
  assert.equal(load('fips').from.useFipsEndpoint, join(home, '.aws', 'config'));

  // No network here: the AWS CLI's error names the URL it tried, at once.
  for (const [profile, service, Client, args] of [
    ['fips', 'elbv2', ElbV2Client, ['elbv2', 'describe-load-balancers']],
    ['dual', 'elb', ElbClient, ['elb', 'describe-load-balancers']],
    ['both', 'elbv2', ElbV2Client, ['elbv2', 'describe-load-balancers']],
    ['fips', 'cloudwatch', CloudWatchClient, ['cloudwatch', 'list-metrics']],
  ]) {
    const env = {
      PATH: process.env.PATH, HOME: home, AWS_PROFILE: profile, AWS_ACCESS_KEY_ID: 'AKIDCLI', AWS_SECRET_ACCESS_KEY: 'cli-secret',
      AWS_MAX_ATTEMPTS: '1', AWS_RETRY_MODE: 'standard',
    };
    const error = await run(requiredEnv('AWSCLI_BIN'), [...args, '--cli-connect-timeout', '1', '--cli-read-timeout', '1'], { env }).then(
      () => assert.fail('the AWS CLI reached an endpoint'),
      (e) => e.message,
    );
    const tried = /Could not connect to the endpoint URL: "([^"]+)"/.exec(error)?.[1];
    assert.ok(tried, error);
    const { region, useFipsEndpoint, useDualstackEndpoint } = loadAwsConfig({ home, service, env: { AWS_PROFILE: profile } });
    const ours = new Client({ region, useFipsEndpoint, useDualstackEndpoint, credentials }).toJSON().endpoint;
    assert.equal(new URL(tried).origin, new URL(ours).origin, `${profile} ${service}`);
  }
});
