// A correct use of the package's declarations: must compile with --strict.
import { ElbClient, ElbDriver, ElbError, Member, State, Algorithm, sign, type DescribeLoadBalancersOutput, type Listener, type LoadBalancer } from 'elb-wasm';
import { loadAwsConfig } from 'elb-wasm/aws-config';
import { planMigration, applyMigration, rollbackMigration, type MigrationPlan } from 'elb-wasm/migrate';
import { ElbV2Client, ElbError as V2Error, type Action, type LoadBalancer as V2LoadBalancer } from 'elb-wasm/v2';
// The esbuild entries carry the same declarations as the main ones.
import { ElbClient as EsbuildElbClient, ElbError as EsbuildError } from 'elb-wasm/esbuild';
import { ElbV2Client as EsbuildElbV2Client } from 'elb-wasm/v2/esbuild';
import { AutoScalingClient, CloudWatchClient, Route53Client, StsClient, ElbError as ServicesError } from 'elb-wasm/services';
import { fromIni, fromNodeProviderChain, fromWebIdentity, fromTemporaryCredentials, type AwsCredentialIdentity as ProvidedIdentity } from 'elb-wasm/credentials';

const elb = new ElbClient({
  region: 'us-east-1',
  credentials: async () => ({ accessKeyId: 'a', secretAccessKey: 'b', expiration: new Date() }),
  endpoint: 'http://127.0.0.1:5055',
  maxAttempts: 3,
});

async function main(): Promise<void> {
  const listener: Listener = { Protocol: 'HTTP', LoadBalancerPort: 80, InstancePort: 8080 };
  const created = await elb.createLoadBalancer({ LoadBalancerName: 'lb', Listeners: [listener] });
  const dns: string | undefined = created.DNSName;
  const out: DescribeLoadBalancersOutput = await elb.describeLoadBalancers({ LoadBalancerNames: ['lb'] });
  for (const lb of out.LoadBalancerDescriptions ?? []) {
    const when: Date | undefined = lb.CreatedTime;
    const port: number | undefined = lb.ListenerDescriptions?.[0]?.Listener?.InstancePort;
    console.log(lb.LoadBalancerName, when?.toISOString(), port, dns);
  }
  const id: string | undefined = (await elb.describeAccountLimits()).$metadata.requestId;
  for await (const page of elb.paginateDescribeLoadBalancers({ PageSize: 10 })) {
    console.log(page.LoadBalancerDescriptions?.length, page.$metadata.attempts, id);
  }
  const ac = new AbortController();
  const w = await elb.waitUntilInstanceInService({ LoadBalancerName: 'lb' }, { maxWaitMs: 60_000, signal: ac.signal });
  console.log(w.state);
  try {
    await elb.deleteLoadBalancer({ LoadBalancerName: 'lb' }, { signal: ac.signal });
  } catch (e) {
    if (e instanceof ElbError && e.code === 'LoadBalancerNotFound') console.log(e.statusCode, e.requestId, e.retryable, e.attempts);
  }
  const signed = sign(
    { method: 'POST', url: 'https://example.com/', headers: { 'content-type': 'text/plain' }, body: 'x' },
    { region: 'us-east-1', service: 'execute-api', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } },
  );
  const auth: string | undefined = signed.headers['authorization'];
  console.log(auth);

  const driver = new ElbDriver({ key: 'a', secret: 'b', region: 'us-east-1' });
  const balancer: LoadBalancer = await driver.createBalancer('MyLB', 80, 'http', Algorithm.ROUND_ROBIN, [new Member('i-1', null, 80)], {
    availabilityZones: ['us-east-1a'],
  });
  const running: boolean = balancer.state === State.RUNNING;
  const listenersCreated: true = await driver.exCreateBalancerListeners('MyLB', [[1024, 65533, 'HTTPS', 'arn:aws:iam::1:server-certificate/c']]);
  const names: string[] = await driver.exListBalancerPolicies(balancer);
  const members: Member[] = await balancer.listMembers();
  console.log(running, listenersCreated, names, members[0]?.extra.state, balancer.extra.listeners[0]?.LoadBalancerPort);
}
void main();

// Configuration found as the AWS CLI finds it, handed to a client.
const found = loadAwsConfig({ service: 'elb', profile: 'default' });
if (found.credentials) {
  const fromFiles = new ElbClient({ region: found.region ?? 'us-east-1', endpoint: found.endpoint, credentials: found.credentials });
  void fromFiles;
}
const anyway = new ElbClient({ region: found.region ?? 'us-east-1', credentials: found.credentialsProvider });
void anyway;
const where: string | undefined = found.from.endpoint;
void where;

// ELBv2: an ALB with a target group, a listener and a rule; enums take the model's values and any other string.
async function alb(): Promise<void> {
  const v2 = new ElbV2Client({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
  const { LoadBalancers } = await v2.createLoadBalancer({ Name: 'web', Type: 'application', Subnets: ['subnet-1', 'subnet-2'], IpAddressType: 'dualstack' });
  const lb: V2LoadBalancer | undefined = LoadBalancers?.[0];
  const created: Date | undefined = lb?.CreatedTime;
  const tg = await v2.createTargetGroup({ Name: 'web', Protocol: 'HTTP', Port: 80, VpcId: 'vpc-1', TargetType: 'instance' });
  const forward: Action = { Type: 'forward', TargetGroupArn: tg.TargetGroups?.[0]?.TargetGroupArn };
  const listener = await v2.createListener({ LoadBalancerArn: lb?.LoadBalancerArn ?? '', Protocol: 'HTTPS', Port: 443, DefaultActions: [forward] });
  await v2.createRule({
    ListenerArn: listener.Listeners?.[0]?.ListenerArn ?? '',
    Priority: 10,
    Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/api/*'] } }],
    Actions: [{ Type: 'authenticate-oidc', AuthenticateOidcConfig: { Issuer: 'i', AuthorizationEndpoint: 'a', TokenEndpoint: 't', UserInfoEndpoint: 'u', ClientId: 'c', AuthenticationRequestExtraParams: { prompt: 'login' } } }],
  });
  await v2.createListener({ LoadBalancerArn: 'x', Protocol: 'QUIC_NEXT', DefaultActions: [] }); // a value newer than the table
  for await (const page of v2.paginateDescribeTargetGroups({ PageSize: 10 })) console.log(page.TargetGroups?.length);
  const waited = await v2.waitUntilTargetInService({ TargetGroupArn: 'x' }, { maxWaitMs: 60_000 });
  const revocations = await v2.describeTrustStoreRevocations({ TrustStoreArn: 'x', RevocationIds: [1234567890123] });
  const id: number | undefined = revocations.TrustStoreRevocations?.[0]?.RevocationId;
  console.log(created, waited.state, id, new V2Error('x') instanceof Error);
}
void alb;

// Migration: plan, save, apply with progress, roll back.
async function migrate(elb: ElbClient, v2: ElbV2Client): Promise<void> {
  const plan = await planMigration({ elb, v2 }, 'web', { target: 'auto', name: 'web-v2', subnets: ['subnet-9'] });
  const saved: MigrationPlan = JSON.parse(JSON.stringify(plan));
  const blockers = plan.findings.filter((f) => f.severity === 'blocker').map((f) => f.message);
  const script: string = plan.toCli();
  const done = await applyMigration(saved, { v2 }, { onProgress: (p) => console.log(p.index, p.total, p.state) });
  const arn: string | undefined = done.applied.refs['lb:alb'];
  const { deleted } = await rollbackMigration(done, { v2 });
  console.log(blockers, script.length, arn, deleted.length);
}
void migrate;

const sameClients: [typeof ElbClient, typeof ElbV2Client, typeof ElbError] = [EsbuildElbClient, EsbuildElbV2Client, EsbuildError];
void sameClients;

// ELB's neighbours: the same configuration, typed inputs and outputs (Dates, numbers).
async function neighbours(): Promise<void> {
  const config = { region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } };
  const cw = new CloudWatchClient(config);
  const data = await cw.getMetricData({
    StartTime: new Date(0),
    EndTime: new Date(),
    MetricDataQueries: [{ Id: 'r', MetricStat: { Metric: { Namespace: 'AWS/ApplicationELB', MetricName: 'RequestCount' }, Period: 60, Stat: 'Sum' } }],
  });
  const first: Date | undefined = data.MetricDataResults?.[0]?.Timestamps?.[0];
  const value: number | undefined = data.MetricDataResults?.[0]?.Values?.[0];
  const creds = (await new StsClient(config).assumeRole({ RoleArn: 'arn:aws:iam::1:role/r', RoleSessionName: 'ss' })).Credentials;
  const expires: Date | undefined = creds?.Expiration;
  for await (const page of new AutoScalingClient(config).paginateDescribeAutoScalingGroups({})) {
    console.log(page.AutoScalingGroups?.length, first, value, expires);
  }
  const r53 = new Route53Client(config);
  const change = await r53.changeResourceRecordSets({
    HostedZoneId: '/hostedzone/Z1',
    ChangeBatch: { Changes: [{ Action: 'UPSERT', ResourceRecordSet: { Name: 'w.example.com.', Type: 'A', SetIdentifier: 'blue', Weight: 10, AliasTarget: { HostedZoneId: 'Z2', DNSName: 'lb.example.com.', EvaluateTargetHealth: false } } }] },
  });
  const submitted: Date | undefined = change.ChangeInfo?.SubmittedAt;
  await r53.waitUntilResourceRecordSetsChanged({ Id: change.ChangeInfo?.Id ?? '' }, { maxWaitMs: 60_000 });
  for await (const page of r53.paginateListResourceRecordSets({ HostedZoneId: 'Z1', MaxItems: '100' })) {
    const weight: number | undefined = page.ResourceRecordSets?.[0]?.Weight;
    console.log(weight, page.NextRecordIdentifier, submitted);
  }
  const same: typeof ElbError = ServicesError;
  void same;
}
void neighbours;

// Providers plug into `credentials:` as they are.
async function providers(): Promise<void> {
  const fromProfile = new StsClient({ region: 'us-east-1', credentials: fromIni({ profile: 'ops', mfaCodeProvider: async () => '123456' }) });
  await fromProfile.getCallerIdentity();
  const chain = new CloudWatchClient({ region: 'us-east-1', credentials: fromNodeProviderChain() });
  await chain.listMetrics({});
  const page = fromWebIdentity({ roleArn: 'arn:aws:iam::1:role/web', webIdentityToken: 't', clientConfig: { region: 'us-east-1' } });
  const temp = fromTemporaryCredentials({ params: { RoleArn: 'arn:aws:iam::1:role/r' }, masterCredentials: page });
  const got: ProvidedIdentity = await temp();
  const expires: Date | undefined = got.expiration;
  void expires;
}
void providers;
