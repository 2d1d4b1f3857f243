// The one smoke scenario every runtime runs (Node, Deno, Workers, browsers): create a balancer with
// two listeners, describe it, add a policy, set it on a listener, tag it, delete it, then an error
// case, and ElbDriver (libcloud's face) agrees it is gone.
// Then ELBv2 from the package's second entry (elb-wasm/v2, the same wasm): a target group created
// with tags, read back, deleted, and its absence an ElbError of the first entry's class.
// Then one call of each of ELB's neighbours (elb-wasm/services: STS, CloudWatch, Auto Scaling, Route 53).
// Runtime-agnostic: no imports, the runtime's test passes the three entries in.
// Resolves to a list of step names; throws an Error naming the step that failed.

export async function runScenario(
  { ElbClient, ElbDriver, ElbError },
  { ElbV2Client },
  { AutoScalingClient, CloudWatchClient, Route53Client, StsClient, ElbError: ServicesError },
  { endpoint, region, credentials, name, route53Endpoint = endpoint },
) {
  const steps = [];
  const check = (ok, what) => {
    if (!ok) throw new Error(`scenario: ${what}`);
  };
  const elb = new ElbClient({ region, endpoint, credentials });
  const describe = async () => (await elb.describeLoadBalancers({ LoadBalancerNames: [name] })).LoadBalancerDescriptions[0];

  const created = await elb.createLoadBalancer({
    LoadBalancerName: name,
    Listeners: [
      { Protocol: 'HTTP', LoadBalancerPort: 80, InstancePort: 8080 },
      { Protocol: 'TCP', LoadBalancerPort: 8443, InstancePort: 8443 },
    ],
    AvailabilityZones: [`${region}a`],
  });
  check(typeof created.DNSName === 'string' && created.$metadata.httpStatusCode === 200, 'create returns DNSName');
  steps.push('create');

  let lb = await describe();
  const ports = lb.ListenerDescriptions.map((d) => d.Listener.LoadBalancerPort).sort((a, b) => a - b);
  check(ports.join() === '80,8443', `two listeners, got ${ports}`);
  check(lb.CreatedTime instanceof Date, 'CreatedTime is a Date');
  steps.push('describe');

  await elb.createLBCookieStickinessPolicy({ LoadBalancerName: name, PolicyName: 'sticky', CookieExpirationPeriod: 300 });
  lb = await describe();
  check(lb.Policies.LBCookieStickinessPolicies.some((p) => p.PolicyName === 'sticky'), 'policy listed');
  steps.push('policy');

  await elb.setLoadBalancerPoliciesOfListener({ LoadBalancerName: name, LoadBalancerPort: 80, PolicyNames: ['sticky'] });
  lb = await describe();
  const http = lb.ListenerDescriptions.find((d) => d.Listener.LoadBalancerPort === 80);
  check(http.PolicyNames.join() === 'sticky', 'policy set on the listener');
  steps.push('set-policy');

  await elb.addTags({ LoadBalancerNames: [name], Tags: [{ Key: 'runtime', Value: 'smoke' }] });
  const tags = (await elb.describeTags({ LoadBalancerNames: [name] })).TagDescriptions[0].Tags;
  check(tags.some((t) => t.Key === 'runtime' && t.Value === 'smoke'), 'tag read back');
  steps.push('tag');

  await elb.deleteLoadBalancer({ LoadBalancerName: name });
  steps.push('delete');

  let error;
  try {
    await elb.describeLoadBalancers({ LoadBalancerNames: [name] });
  } catch (e) {
    error = e;
  }
  check(error instanceof ElbError && error instanceof Error, 'the error is an ElbError');
  check(error.code === 'LoadBalancerNotFound' && error.statusCode === 400, `error code ${error?.code}`);
  steps.push('error');

  // libcloud's face of the same package: the balancer is gone for it too.
  const driver = new ElbDriver({ key: credentials.accessKeyId, secret: credentials.secretAccessKey, region, endpoint });
  check(!(await driver.listBalancers()).some((b) => b.name === name), 'ElbDriver no longer lists it');
  steps.push('driver');

  const v2 = new ElbV2Client({ region, endpoint, credentials });
  const tg = (await v2.createTargetGroup({ Name: name, TargetType: 'lambda', Tags: [{ Key: 'runtime', Value: 'smoke' }] })).TargetGroups[0];
  check(tg.TargetGroupName === name && tg.TargetType === 'lambda', 'ELBv2 target group created');
  const v2tags = (await v2.describeTags({ ResourceArns: [tg.TargetGroupArn] })).TagDescriptions[0].Tags;
  check(v2tags.some((t) => t.Key === 'runtime' && t.Value === 'smoke'), 'ELBv2 tag read back');
  await v2.deleteTargetGroup({ TargetGroupArn: tg.TargetGroupArn });
  let v2error;
  try {
    await v2.describeTargetGroups({ Names: [name] });
  } catch (e) {
    v2error = e;
  }
  check(v2error instanceof ElbError && v2error.code === 'TargetGroupNotFound', `ELBv2 error ${v2error?.code}`);
  steps.push('elbv2');

  // ELB's neighbours (elb-wasm/services, the same wasm and ElbError): one call of each client.
  check(ServicesError === ElbError, 'one ElbError class across entries');
  const config = { region, endpoint, credentials };
  const who = await new StsClient(config).getCallerIdentity();
  check(/^\d{12}$/.test(who.Account), `STS caller identity ${who.Account}`);
  const metrics = await new CloudWatchClient(config).listMetrics({ Namespace: 'AWS/ApplicationELB' });
  check(Array.isArray(metrics.Metrics), 'CloudWatch metrics listed');
  const groups = await new AutoScalingClient(config).describeAutoScalingGroups({});
  check(Array.isArray(groups.AutoScalingGroups), 'Auto Scaling groups listed');
  // restXml: a signed POST with an XML body (moto checks a POST's signature, not a GET's), answered
  // by Route 53's error document. A page reaches it through its own origin (Route 53 answers no CORS).
  let r53error;
  try {
    await new Route53Client({ ...config, endpoint: route53Endpoint }).changeResourceRecordSets({
      HostedZoneId: '/hostedzone/ZNOSUCHZONE1',
      ChangeBatch: { Changes: [{ Action: 'UPSERT', ResourceRecordSet: { Name: 'smoke.example.com.', Type: 'A', TTL: 60, ResourceRecords: [{ Value: '192.0.2.1' }] } }] },
    });
  } catch (e) {
    r53error = e;
  }
  check(r53error instanceof ElbError && r53error.code === 'NoSuchHostedZone' && r53error.statusCode === 404, `Route 53 error ${r53error?.code}`);
  steps.push('services');
  return steps;
}
