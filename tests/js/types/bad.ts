// Deliberate mistakes: the line after each "expect-failure" comment below must not compile under --strict.
import { ElbClient, ElbDriver } from 'elb-wasm';
import { loadAwsConfig } from 'elb-wasm/aws-config';
import { ElbV2Client } from 'elb-wasm/v2';
import { planMigration } from 'elb-wasm/migrate';
import { CloudWatchClient, Route53Client } from 'elb-wasm/services';

const elb = new ElbClient({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });

async function main(): Promise<void> {
  // @ts-expect-failure: LoadBalancerName is required
  await elb.createLoadBalancer({ Listeners: [] });
  // @ts-expect-failure: a port is a number
  await elb.createLoadBalancer({ LoadBalancerName: 'x', Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: '80', InstancePort: 80 }] });
  // @ts-expect-failure: LoadBalancerNames is a list
  await elb.describeLoadBalancers({ LoadBalancerNames: 'x' });
  // @ts-expect-failure: no such member
  await elb.describeLoadBalancers({ LoadBalancerName: ['x'] });
  // @ts-expect-failure: no such method
  await elb.describeLoadBalancer({});
  const out = await elb.describeLoadBalancers();
  // @ts-expect-failure: CreatedTime is a Date, not a string
  const s: string | undefined = out.LoadBalancerDescriptions?.[0]?.CreatedTime;
  console.log(s);
  // @ts-expect-failure: region is required
  new ElbClient({ credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
  const driver = new ElbDriver({ key: 'a', secret: 'b', region: 'us-east-1' });
  // @ts-expect-failure: a listener tuple is [lbPort, instancePort, protocol, cert?]
  await driver.exCreateBalancerListeners('MyLB', [['1024', 65533, 'HTTPS']]);
  // @ts-expect-failure: listProtocols is synchronous, a list of strings
  const n: number = driver.listProtocols();
  console.log(n);
}
void main();
// @ts-expect-failure: only the ELB services' ids
loadAwsConfig({ service: 's3' });
const v2 = new ElbV2Client({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
async function v2Mistakes(): Promise<void> {
  // @ts-expect-failure: Name is a string
  await v2.createLoadBalancer({ Name: 7 });
  // @ts-expect-failure: ListenerArn is required
  await v2.createRule({ Priority: 1, Conditions: [], Actions: [] });
  // @ts-expect-failure: no such member (it is LoadBalancerArns)
  await v2.describeLoadBalancers({ LoadBalancerArn: 'x' });
  // @ts-expect-failure: a map's values are strings
  await v2.createListener({ LoadBalancerArn: 'x', DefaultActions: [{ Type: 'authenticate-oidc', AuthenticateOidcConfig: { Issuer: 'i', AuthorizationEndpoint: 'a', TokenEndpoint: 't', UserInfoEndpoint: 'u', ClientId: 'c', AuthenticationRequestExtraParams: { prompt: 1 } } }] });
  // @ts-expect-failure: ElbClient's methods are not ElbV2Client's
  await v2.describeInstanceHealth({ LoadBalancerName: 'x' });
}
void v2Mistakes;
async function migrationMistakes(): Promise<void> {
  // @ts-expect-failure: target is auto, application or network
  await planMigration({ elb, v2 }, 'web', { target: 'gateway' });
}
void migrationMistakes;
async function neighbourMistakes(): Promise<void> {
  const cw = new CloudWatchClient({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
  // @ts-expect-failure: a period is a number
  await cw.getMetricData({ StartTime: new Date(), EndTime: new Date(), MetricDataQueries: [{ Id: 'r', MetricStat: { Metric: {}, Period: '60', Stat: 'Sum' } }] });
  const r53 = new Route53Client({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
  // @ts-expect-failure: MaxItems is a string in Route 53's model
  await r53.listResourceRecordSets({ HostedZoneId: 'Z1', MaxItems: 100 });
}
void neighbourMistakes;
