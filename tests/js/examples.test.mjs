// Every tutorial example in examples/ (copied beside the installed package), run as a user runs
// it, against a fresh moto_server (EXAMPLES_MOTO_URL): each must exit 0 and print what the libcloud
// tutorial says it prints; the balancer it leaves is then read back through ElbClient.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ElbClient } from 'elb-wasm';
import { requiredEnv } from './env.mjs';

const endpoint = requiredEnv('EXAMPLES_MOTO_URL');
const run = promisify(execFile);

// The endpoint is named the AWS CLI's ways, in turn, with AWS credentials and a region in the
// environment as well: an explicit endpoint always wins, so every step still reaches moto (this
// machine has no route to AWS: a call sent there fails the step).
const ENDPOINT_VARS = ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING', 'ELB_ENDPOINT'];
let runs = 0;
async function example(name) {
  const env = { ...process.env, AWS_ACCESS_KEY_ID: 'AKIDEXAMPLES', AWS_SECRET_ACCESS_KEY: 'examples-secret', AWS_REGION: 'us-east-1', HOME: '/nonexistent' };
  for (const k of [...ENDPOINT_VARS, 'AWS_SESSION_TOKEN', 'AWS_DEFAULT_REGION', 'AWS_PROFILE', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE']) delete env[k];
  env[ENDPOINT_VARS[runs++ % ENDPOINT_VARS.length]] = endpoint;
  const { stdout } = await run(process.execPath, [`examples/${name}.mjs`], { env, timeout: 30_000 });
  return stdout.trimEnd().split('\n').filter((l) => l !== '');
}

const lb = (state) => `<LoadBalancer: id=MyLB, name=MyLB, state=${state}>`;
const POLICY_TYPES = "['ProxyProtocolPolicyType', 'AppCookieStickinessPolicyType', 'LBCookieStickinessPolicyType', 'SSLNegotiationPolicyType', 'BackendServerAuthenticationPolicyType', 'PublicKeyPolicyType']";

test('the tutorial, step by step, in its order', async (t) => {
  // [example, expected lines]: state 1 is PENDING (just created), 0 RUNNING (moto's instances are InService).
  const steps = [
    ['create_lb_connection_for_aws', []],
    ['list_load_balancer', ['[]']],
    ['create_load_balancer', ['[]', lb(1)]],
    ['create_lb_policy', [`[${lb(0)}]`, 'True']],
    ['ex_list_balancer_policies', [lb(0), "['EnableProxyProtocol']"]],
    ['ex_list_balancer_policy_types', [POLICY_TYPES]],
    ['ex_delete_balancer_policy', ['True']],
    ['ex_set_balancer_policies_backend_server', [`[${lb(0)}]`, 'True']],
    ['ex_create_balancer_listeners', ['True']],
    ['ex_set_balancer_policies_listener', ['True']],
  ];
  for (const [name, expected] of steps) {
    await t.test(name, async () => assert.deepEqual(await example(name), expected));
  }

  await t.test('MyLB is what the tutorial built', async () => {
    const elb = new ElbClient({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
    const [d] = (await elb.describeLoadBalancers({ LoadBalancerNames: ['MyLB'] })).LoadBalancerDescriptions;
    const listeners = Object.fromEntries(d.ListenerDescriptions.map((l) => [l.Listener.LoadBalancerPort, l]));
    assert.equal(listeners[80].Listener.Protocol, 'HTTP');
    assert.deepEqual(listeners[80].PolicyNames, ['MyDurationStickyPolicy']);
    assert.equal(listeners[1024].Listener.Protocol, 'HTTPS');
    assert.equal(listeners[1024].Listener.InstancePort, 65533);
    assert.deepEqual(d.BackendServerDescriptions, [{ InstancePort: 80, PolicyNames: ['EnableProxyProtocol'] }]);
    assert.equal(d.Instances.length, 2);
    const proxy = await elb.describeLoadBalancerPolicies({ LoadBalancerName: 'MyLB', PolicyNames: ['EnableProxyProtocol'] });
    assert.deepEqual(proxy.PolicyDescriptions[0].PolicyAttributeDescriptions, [{ AttributeName: 'ProxyProtocol', AttributeValue: 'true' }]);
  });

  await t.test('complete_tut: every step in one program, cleaning up after itself', async () => {
    assert.deepEqual(await example('complete_tut'), [
      `[${lb(0)}]`,
      '<LoadBalancer: id=MyTutLB, name=MyTutLB, state=1>',
      'True',
      "['EnableProxyProtocol']",
      'True',
      'True',
      'True',
      'True',
      'True',
      "['HTTP:80 -> 80 [MyDurationStickyPolicy]', 'HTTPS:1024 -> 65533 []']",
      'True',
    ]);
  });
});

test('without keys the examples take the AWS SDK\'s provider chain (a credential_process profile here)', async () => {
  const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const home = mkdtempSync(join(tmpdir(), 'examples-chain-'));
  mkdirSync(join(home, '.aws'));
  const script = join(home, 'creds.mjs');
  writeFileSync(script, "console.log(JSON.stringify({ Version: 1, AccessKeyId: 'ASIAEXAMPLES', SecretAccessKey: 'chain-secret', SessionToken: 't' }));");
  writeFileSync(join(home, '.aws', 'config'), `[profile proc]\nregion = eu-west-1\ncredential_process = ${process.execPath} ${script}\n`);
  const env = { PATH: process.env.PATH, HOME: home, AWS_PROFILE: 'proc', AWS_EC2_METADATA_DISABLED: 'true' };
  const probe = "const m = await import('./examples/_tutorial.mjs'); const c = m.connection(); console.log(m.onAws, c.region, typeof c.key, (await c.key()).accessKeyId);";
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', probe], { env, timeout: 30_000 });
  assert.equal(stdout.trim(), 'true eu-west-1 function ASIAEXAMPLES');
});
