// elb-wasm/services: AutoScalingClient, CloudWatchClient and StsClient from the installed package
// (Route53Client: route53.test.mjs).
// Through an injected fetch, the forms each sends for awsQuery's harder shapes (CloudWatch's nested
// MetricDataQueries and Dimensions, Auto Scaling's TrafficSources) and what their answers decode to
// (Timestamps/Values lists, STS's Expiration as a Date, errors by wire code); against moto with
// SigV4 verification on, each client's calls read back (by the AWS CLI where this client has no
// reader), AssumeRole's credentials used by a second client, an Auto Scaling group's balancers and
// target groups attached and detached; AssumeRoleWithWebIdentity (unsigned) on a moto without
// verification, where moto takes an unsigned call (with it on, it fails one with a 500).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AutoScalingClient, CloudWatchClient, StsClient, ElbError } from 'elb-wasm/services';
import { ElbClient, ElbError as ClassicError } from 'elb-wasm';
import { ElbV2Client } from 'elb-wasm/v2';
import { endpoint, credentials, region, requiredEnv } from './env.mjs';
import { query, all } from './aws-query.mjs';
import { awsCli } from './aws-cli.mjs';

/** A client of `Client` whose fetch answers `body` and records each form it was sent. */
function recorded(Client, body, status = 200) {
  const forms = [];
  const urls = [];
  const client = new Client({
    region,
    credentials: { accessKeyId: 'AKIDSVC', secretAccessKey: 'svc-secret' },
    maxAttempts: 1,
    fetch: async (url, init) => {
      urls.push(String(url));
      forms.push(Object.fromEntries(new URLSearchParams(init.body)));
      return new Response(body, { status, headers: { 'content-type': 'text/xml' } });
    },
  });
  return { client, forms, urls };
}

test('one ElbError class across entries; each client goes to its own endpoint and signing name', async () => {
  assert.equal(ElbError, ClassicError);
  const cases = [
    [AutoScalingClient, 'describeAutoScalingGroups', 'https://autoscaling.us-east-1.amazonaws.com/', '2011-01-01'],
    [CloudWatchClient, 'listMetrics', 'https://monitoring.us-east-1.amazonaws.com/', '2010-08-01'],
    [StsClient, 'getCallerIdentity', 'https://sts.us-east-1.amazonaws.com/', '2011-06-15'],
  ];
  for (const [Client, method, url, version] of cases) {
    const { client, forms, urls } = recorded(Client, '<R/>', 500);
    await assert.rejects(client[method]({}), ElbError);
    assert.equal(urls[0], url, Client.name);
    assert.equal(forms[0].Version, version);
  }
});

test('CloudWatch GetMetricData: nested queries and dimensions out, Timestamps as Dates and Values as numbers in', async () => {
  const body = `<GetMetricDataResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/"><GetMetricDataResult>
    <MetricDataResults><member><Id>req</Id><Label>RequestCount</Label><StatusCode>Complete</StatusCode>
      <Timestamps><member>2026-12-01T10:05:00Z</member><member>2026-12-01T10:00:00Z</member></Timestamps>
      <Values><member>42.0</member><member>7</member></Values></member></MetricDataResults>
    <Messages/></GetMetricDataResult><ResponseMetadata><RequestId>cw-1</RequestId></ResponseMetadata></GetMetricDataResponse>`;
  const { client, forms } = recorded(CloudWatchClient, body);
  const out = await client.getMetricData({
    StartTime: new Date('2026-12-01T10:00:00Z'),
    EndTime: new Date('2026-12-01T11:00:00Z'),
    MetricDataQueries: [{
      Id: 'req',
      MetricStat: {
        Metric: { Namespace: 'AWS/ApplicationELB', MetricName: 'RequestCount', Dimensions: [{ Name: 'LoadBalancer', Value: 'app/web/50dc6c495c0c9188' }] },
        Period: 300,
        Stat: 'Sum',
      },
    }],
  });
  assert.deepEqual(
    Object.fromEntries(Object.entries(forms[0]).filter(([k]) => k.startsWith('MetricDataQueries'))),
    {
      'MetricDataQueries.member.1.Id': 'req',
      'MetricDataQueries.member.1.MetricStat.Metric.Namespace': 'AWS/ApplicationELB',
      'MetricDataQueries.member.1.MetricStat.Metric.MetricName': 'RequestCount',
      'MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Name': 'LoadBalancer',
      'MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Value': 'app/web/50dc6c495c0c9188',
      'MetricDataQueries.member.1.MetricStat.Period': '300',
      'MetricDataQueries.member.1.MetricStat.Stat': 'Sum',
    },
  );
  assert.equal(forms[0].StartTime, '2026-12-01T10:00:00Z');
  const [r] = out.MetricDataResults;
  assert.deepEqual(r.Values, [42, 7]);
  assert.ok(r.Timestamps.every((t) => t instanceof Date));
  assert.equal(r.Timestamps[1].toISOString(), '2026-12-01T10:00:00.000Z');
  assert.deepEqual(out.Messages, []);
  assert.equal(out.$metadata.requestId, 'cw-1');
});

test('Auto Scaling: TrafficSources in and out; a model error by its wire code', async () => {
  const body = `<DescribeTrafficSourcesResponse xmlns="http://autoscaling.amazonaws.com/doc/2011-01-01/"><DescribeTrafficSourcesResult>
    <TrafficSources><member><TrafficSource>arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/1a2b</TrafficSource>
      <State>InService</State><Identifier>arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/1a2b</Identifier><Type>elbv2</Type></member></TrafficSources>
    </DescribeTrafficSourcesResult><ResponseMetadata><RequestId>as-1</RequestId></ResponseMetadata></DescribeTrafficSourcesResponse>`;
  const { client, forms } = recorded(AutoScalingClient, body);
  const out = await client.describeTrafficSources({ AutoScalingGroupName: 'web-asg', TrafficSourceType: 'elbv2' });
  assert.equal(forms[0].Action, 'DescribeTrafficSources');
  assert.equal(forms[0].AutoScalingGroupName, 'web-asg');
  assert.deepEqual(out.TrafficSources.map((s) => [s.State, s.Type]), [['InService', 'elbv2']]);
  const attach = recorded(AutoScalingClient, '<AttachTrafficSourcesResponse><AttachTrafficSourcesResult/></AttachTrafficSourcesResponse>');
  await attach.client.attachTrafficSources({ AutoScalingGroupName: 'web-asg', TrafficSources: [{ Identifier: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/1a2b', Type: 'elbv2' }] });
  assert.equal(attach.forms[0]['TrafficSources.member.1.Type'], 'elbv2');
  const err = `<ErrorResponse xmlns="http://autoscaling.amazonaws.com/doc/2011-01-01/"><Error><Type>Sender</Type><Code>ResourceContention</Code><Message>busy</Message></Error><RequestId>as-2</RequestId></ErrorResponse>`;
  const failing = recorded(AutoScalingClient, err, 500);
  await assert.rejects(failing.client.detachTrafficSources({ AutoScalingGroupName: 'web-asg', TrafficSources: [{ Identifier: 'x' }] }), (e) => {
    assert.ok(e instanceof ElbError);
    assert.equal(e.code, 'ResourceContention');
    assert.equal(e.statusCode, 500);
    return true;
  });
});

test('STS AssumeRole: Expiration is a Date; inputs are checked before anything is sent', async () => {
  const body = `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>
    <Credentials><AccessKeyId>ASIAEXAMPLE</AccessKeyId><SecretAccessKey>s3cr3t</SecretAccessKey><SessionToken>tok</SessionToken>
    <Expiration>2026-12-03T12:00:00Z</Expiration></Credentials>
    <AssumedRoleUser><AssumedRoleId>AROA:s</AssumedRoleId><Arn>arn:aws:sts::123456789012:assumed-role/r/s</Arn></AssumedRoleUser>
    </AssumeRoleResult><ResponseMetadata><RequestId>sts-1</RequestId></ResponseMetadata></AssumeRoleResponse>`;
  const { client, forms } = recorded(StsClient, body);
  const out = await client.assumeRole({ RoleArn: 'arn:aws:iam::123456789012:role/r', RoleSessionName: 'ss', DurationSeconds: 900 });
  assert.ok(out.Credentials.Expiration instanceof Date);
  assert.equal(out.Credentials.Expiration.toISOString(), '2026-12-03T12:00:00.000Z');
  assert.equal(forms[0].DurationSeconds, '900');
  for (const [input, field] of [
    [{ RoleArn: 'arn:aws:iam::123456789012:role/r', RoleSessionName: 'has space' }, 'RoleSessionName'],
    [{ RoleArn: 'arn:aws:iam::123456789012:role/r', RoleSessionName: 'ss', DurationSeconds: 60 }, 'DurationSeconds'],
    [{ RoleSessionName: 'ss' }, 'RoleArn'],
  ]) {
    const again = recorded(StsClient, body);
    await assert.rejects(again.client.assumeRole(input), (e) => e.code === 'InvalidInput' && e.field === field);
    assert.equal(again.forms.length, 0, 'nothing sent');
  }
});

test('against moto: each client read back, and AssumeRole credentials used by a second client', async () => {
  const config = { region, endpoint, credentials };
  const sts = new StsClient(config);
  const me = await sts.getCallerIdentity();
  assert.match(me.Arn, /^arn:aws:iam::\d{12}:user\/elb-wasm-test$/);
  assert.match(me.Account, /^\d{12}$/);

  const cw = new CloudWatchClient(config);
  const alarm = `elb-wasm-5xx-${Date.now()}`;
  await cw.putMetricAlarm({
    AlarmName: alarm, Namespace: 'AWS/ApplicationELB', MetricName: 'HTTPCode_ELB_5XX_Count', Statistic: 'Sum', Period: 60,
    EvaluationPeriods: 1, Threshold: 5, ComparisonOperator: 'GreaterThanThreshold', Dimensions: [{ Name: 'LoadBalancer', Value: 'app/web/1' }],
  });
  const found = await cw.describeAlarms({ AlarmNames: [alarm] });
  assert.deepEqual(found.MetricAlarms.map((a) => [a.AlarmName, a.Threshold, a.Dimensions[0].Value]), [[alarm, 5, 'app/web/1']]);
  const forMetric = await cw.describeAlarmsForMetric({ Namespace: 'AWS/ApplicationELB', MetricName: 'HTTPCode_ELB_5XX_Count' });
  assert.ok(forMetric.MetricAlarms.some((a) => a.AlarmName === alarm));
  // Tagged by this client, read back by the AWS CLI.
  const [{ AlarmArn }] = found.MetricAlarms;
  await cw.tagResource({ ResourceARN: AlarmArn, Tags: [{ Key: 'team', Value: 'web' }, { Key: 'tier', Value: 'edge' }] });
  const tags = await awsCli(endpoint)('cloudwatch', 'list-tags-for-resource', '--resource-arn', AlarmArn);
  assert.deepEqual(tags.Tags.map((t) => `${t.Key}=${t.Value}`).sort(), ['team=web', 'tier=edge']);
  await cw.deleteAlarms({ AlarmNames: [alarm] });
  assert.deepEqual((await cw.describeAlarms({ AlarmNames: [alarm] })).MetricAlarms, []);

  // Data points put by another client (a raw awsQuery call), read back by GetMetricData and ListMetrics.
  const now = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000);
  // Names of this run's own: moto's GetMetricData matches on the metric name and dimensions and
  // leaves the namespace out.
  const namespace = `ElbWasm/Test${Date.now()}`;
  const metricName = `Requests${Date.now()}`;
  await query(config, 'monitoring', '2010-08-01', {
    Action: 'PutMetricData', Namespace: namespace,
    'MetricData.member.1.MetricName': metricName, 'MetricData.member.1.Value': '12.5',
    'MetricData.member.1.Timestamp': now.toISOString(),
    'MetricData.member.1.Dimensions.member.1.Name': 'LoadBalancer', 'MetricData.member.1.Dimensions.member.1.Value': 'web',
  });
  const metrics = await cw.listMetrics({ Namespace: namespace });
  assert.deepEqual(metrics.Metrics.map((m) => m.MetricName), [metricName]);
  const data = await cw.getMetricData({
    StartTime: new Date(now.getTime() - 600_000), EndTime: new Date(now.getTime() + 600_000),
    MetricDataQueries: [{ Id: 'r', MetricStat: { Metric: { Namespace: namespace, MetricName: metricName, Dimensions: [{ Name: 'LoadBalancer', Value: 'web' }] }, Period: 60, Stat: 'Sum' } }],
  });
  assert.deepEqual(data.MetricDataResults[0].Values, [12.5]);
  assert.ok(data.MetricDataResults[0].Timestamps[0] instanceof Date);

  const as = new AutoScalingClient(config);
  const groups = await as.describeAutoScalingGroups({ AutoScalingGroupNames: ['no-such-group'] });
  assert.deepEqual(groups.AutoScalingGroups, []);

  // A role this user may assume; its temporary credentials sign a second client's calls.
  const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: me.Arn }, Action: 'sts:AssumeRole' }] });
  const roleName = `elb-wasm-role-${Date.now()}`;
  await query(config, 'iam', '2010-05-08', { Action: 'CreateRole', RoleName: roleName, AssumeRolePolicyDocument: trust });
  const assumed = await sts.assumeRole({ RoleArn: `arn:aws:iam::${me.Account}:role/${roleName}`, RoleSessionName: 'elb-wasm', DurationSeconds: 900 });
  assert.ok(assumed.Credentials.Expiration > new Date());
  const second = new StsClient({ region, endpoint, credentials: {
    accessKeyId: assumed.Credentials.AccessKeyId, secretAccessKey: assumed.Credentials.SecretAccessKey, sessionToken: assumed.Credentials.SessionToken,
  } });
  const who = await second.getCallerIdentity();
  assert.match(who.Arn, new RegExp(`assumed-role/${roleName}/elb-wasm$`));
});

test('STS AssumeRoleWithWebIdentity goes unsigned and needs no credentials; GetCallerIdentity needs them', async () => {
  const body = `<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleWithWebIdentityResult>
    <Credentials><AccessKeyId>ASIAWEB</AccessKeyId><SecretAccessKey>w3b</SecretAccessKey><SessionToken>t</SessionToken><Expiration>2026-12-03T13:00:00Z</Expiration></Credentials>
    <SubjectFromWebIdentityToken>user-1</SubjectFromWebIdentityToken></AssumeRoleWithWebIdentityResult>
    <ResponseMetadata><RequestId>sts-web</RequestId></ResponseMetadata></AssumeRoleWithWebIdentityResponse>`;
  const sent = [];
  const sts = new StsClient({
    region,
    fetch: async (url, init) => {
      sent.push(new Headers(init.headers));
      return new Response(body, { status: 200 });
    },
  });
  const out = await sts.assumeRoleWithWebIdentity({ RoleArn: 'arn:aws:iam::123456789012:role/web', RoleSessionName: 'page', WebIdentityToken: 'eyJhbGciOi.payload.sig' });
  assert.equal(out.Credentials.AccessKeyId, 'ASIAWEB');
  assert.ok(out.Credentials.Expiration instanceof Date);
  assert.equal(sent.length, 1);
  assert.equal(sent[0].get('authorization'), null, 'no signature');
  assert.equal(sent[0].get('x-amz-date'), null);
  await assert.rejects(sts.getCallerIdentity(), (e) => e instanceof ElbError && e.code === 'CredentialsError');
  assert.equal(sent.length, 1, 'nothing sent for a call that needs credentials');
});

test('against moto: an Auto Scaling group\'s Classic balancers and target groups, attached and detached, read back by the AWS CLI', async () => {
  const config = { region, endpoint, credentials };
  const aws = awsCli(endpoint);
  const stamp = Date.now();
  const [lbName, tgName, lcName, asgName] = ['as-lb', 'as-tg', 'as-lc', 'as-asg'].map((p) => `${p}-${stamp}`);
  await new ElbClient(config).createLoadBalancer({
    LoadBalancerName: lbName, AvailabilityZones: ['us-east-1a'],
    Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstancePort: 8080 }],
  });
  const vpc = all(await query(config, 'ec2', '2016-11-15', { Action: 'CreateVpc', CidrBlock: '10.77.0.0/16' }), 'vpcId')[0];
  const { TargetGroups: [tg] } = await new ElbV2Client(config).createTargetGroup({ Name: tgName, Protocol: 'HTTP', Port: 8080, VpcId: vpc });
  await aws('autoscaling', 'create-launch-configuration', '--launch-configuration-name', lcName, '--image-id', 'ami-12c6146b', '--instance-type', 't2.micro');
  await aws('autoscaling', 'create-auto-scaling-group', '--auto-scaling-group-name', asgName, '--launch-configuration-name', lcName,
    '--min-size', '0', '--max-size', '2', '--desired-capacity', '0', '--availability-zones', 'us-east-1a', '--load-balancer-names', lbName);

  const as = new AutoScalingClient(config);
  const { AutoScalingGroups: [group] } = await as.describeAutoScalingGroups({ AutoScalingGroupNames: [asgName] });
  assert.deepEqual([group.AutoScalingGroupName, group.MinSize, group.MaxSize, group.LoadBalancerNames], [asgName, 0, 2, [lbName]]);
  assert.ok(group.CreatedTime instanceof Date);
  const classic = await as.describeLoadBalancers({ AutoScalingGroupName: asgName });
  assert.deepEqual(classic.LoadBalancers.map((l) => l.LoadBalancerName), [lbName]);

  await as.attachLoadBalancerTargetGroups({ AutoScalingGroupName: asgName, TargetGroupARNs: [tg.TargetGroupArn] });
  const theirs = await aws('autoscaling', 'describe-load-balancer-target-groups', '--auto-scaling-group-name', asgName);
  assert.deepEqual(theirs.LoadBalancerTargetGroups.map((t) => t.LoadBalancerTargetGroupARN), [tg.TargetGroupArn]);
  const ours = await as.describeLoadBalancerTargetGroups({ AutoScalingGroupName: asgName });
  assert.deepEqual(ours.LoadBalancerTargetGroups.map((t) => t.LoadBalancerTargetGroupARN), [tg.TargetGroupArn]);
  await as.detachLoadBalancerTargetGroups({ AutoScalingGroupName: asgName, TargetGroupARNs: [tg.TargetGroupArn] });
  const after = await aws('autoscaling', 'describe-load-balancer-target-groups', '--auto-scaling-group-name', asgName);
  assert.deepEqual(after.LoadBalancerTargetGroups, []);
  // moto 5.2.5 has no *TrafficSources actions (../shared/MIGRATION.md): those are tested through an
  // injected fetch above.
});

test('against moto: AssumeRoleWithWebIdentity, unsigned, gives credentials that sign the next call', async () => {
  const open = requiredEnv('OPEN_MOTO_URL');
  const sts = new StsClient({ region, endpoint: open });
  const out = await sts.assumeRoleWithWebIdentity({
    RoleArn: 'arn:aws:iam::123456789012:role/web', RoleSessionName: 'page', WebIdentityToken: 'eyJhbGciOi.payload.sig', DurationSeconds: 900,
  });
  assert.ok(out.Credentials.Expiration instanceof Date && out.Credentials.Expiration > new Date());
  const as = new StsClient({ region, endpoint: open, credentials: {
    accessKeyId: out.Credentials.AccessKeyId, secretAccessKey: out.Credentials.SecretAccessKey, sessionToken: out.Credentials.SessionToken,
  } });
  assert.match((await as.getCallerIdentity()).Arn, /assumed-role\/web\/page$/);
});
