// What JSON cannot carry, put back by the JS face along the paths generated from each table
// (src/model/leaves.rs, js/client/revive.js): timestamps become Dates and a double's NaN/±Infinity
// numbers, wherever the output nests them, and nothing else changes: a string that reads like a
// number or says "NaN" stays a string. Through an injected fetch, no server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CloudWatchClient } from 'elb-wasm/services';
import { ElbClient } from 'elb-wasm';

const NS = 'http://monitoring.amazonaws.com/doc/2010-08-01/';
const answering = (Client, body) =>
  new Client({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDREVIVE', secretAccessKey: 'revive-secret' },
    maxAttempts: 1,
    fetch: async () => new Response(body, { status: 200, headers: { 'content-type': 'text/xml' } }),
  });
const alarm = (name, threshold) =>
  `<member><AlarmName>${name}</AlarmName><AlarmDescription>1733256000</AlarmDescription><Threshold>${threshold}</Threshold>` +
  `<StateValue>OK</StateValue><StateUpdatedTimestamp>2026-12-01T10:00:00.250Z</StateUpdatedTimestamp>` +
  `<Dimensions><member><Name>LoadBalancer</Name><Value>NaN</Value></member></Dimensions></member>`;
const alarms = (members) =>
  `<DescribeAlarmsResponse xmlns="${NS}"><DescribeAlarmsResult><MetricAlarms>${members}</MetricAlarms></DescribeAlarmsResult>` +
  `<ResponseMetadata><RequestId>rv-1</RequestId></ResponseMetadata></DescribeAlarmsResponse>`;

test('timestamps and special doubles in every item of a list are revived; strings are not', async () => {
  const out = await answering(CloudWatchClient, alarms(alarm('NaN', 'NaN') + alarm('hot', '-Infinity') + alarm('warm', '2.5'))).describeAlarms({});
  const [a, b, c] = out.MetricAlarms;
  assert.ok(Number.isNaN(a.Threshold) && typeof a.Threshold === 'number');
  assert.equal(b.Threshold, -Infinity);
  assert.equal(c.Threshold, 2.5);
  for (const m of out.MetricAlarms) {
    assert.ok(m.StateUpdatedTimestamp instanceof Date, m.AlarmName);
    assert.equal(m.StateUpdatedTimestamp.toISOString(), '2026-12-01T10:00:00.250Z');
    // Strings that look like a number, NaN or an epoch stay what the service said.
    assert.equal(m.AlarmDescription, '1733256000');
    assert.equal(m.Dimensions[0].Value, 'NaN');
  }
  assert.equal(a.AlarmName, 'NaN');
  assert.deepEqual(out.$metadata, { requestId: 'rv-1', httpStatusCode: 200, attempts: 1 });
});

test('an answer without the members a path names is returned as it is', async () => {
  assert.deepEqual((await answering(CloudWatchClient, alarms('')).describeAlarms({})).MetricAlarms, []);
  const bare = `<DescribeAlarmsResponse xmlns="${NS}"><DescribeAlarmsResult/></DescribeAlarmsResponse>`;
  const out = await answering(CloudWatchClient, bare).describeAlarms({});
  assert.deepEqual(Object.keys(out), ['$metadata']);
  // A member the path reaches through, but without the leaf itself.
  const partial = alarms('<member><AlarmName>x</AlarmName></member>');
  assert.deepEqual((await answering(CloudWatchClient, partial).describeAlarms({})).MetricAlarms, [{ AlarmName: 'x' }]);
});

test('each call gets its own Dates, and the operations without leaves keep their numbers', async () => {
  const lbs = `<DescribeLoadBalancersResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/"><DescribeLoadBalancersResult><LoadBalancerDescriptions>` +
    `<member><LoadBalancerName>web</LoadBalancerName><CreatedTime>2013-05-24T21:15:31.280Z</CreatedTime>` +
    `<HealthCheck><Target>HTTP:80/</Target><Interval>30</Interval><Timeout>5</Timeout><UnhealthyThreshold>2</UnhealthyThreshold><HealthyThreshold>10</HealthyThreshold></HealthCheck></member>` +
    `</LoadBalancerDescriptions></DescribeLoadBalancersResult></DescribeLoadBalancersResponse>`;
  const client = answering(ElbClient, lbs);
  const [one, two] = await Promise.all([client.describeLoadBalancers(), client.describeLoadBalancers()]);
  const [x, y] = [one.LoadBalancerDescriptions[0], two.LoadBalancerDescriptions[0]];
  assert.ok(x.CreatedTime instanceof Date && y.CreatedTime instanceof Date && x.CreatedTime !== y.CreatedTime);
  assert.equal(x.CreatedTime.getTime(), 1_369_430_131_280);
  assert.equal(x.HealthCheck.Interval, 30);
});
