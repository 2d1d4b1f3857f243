// Every number an answer carries reaches the user as a JS number, or the call fails with an
// ElbError InvalidResponse: never a SyntaxError from JSON.parse (`01.5`, `-007` in a double), and
// NaN/±Infinity (Smithy's awsQuery spellings) as the JS values, as the AWS SDK gives them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ElbV2Client, ElbError } from 'elb-wasm/v2';

const NS = 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/';

/** DescribeCapacityReservation answering one zone's EffectiveCapacityUnits (a Double) and
 * DecreaseRequestsRemaining (an Integer) as the given texts. */
function client(units, remaining) {
  const body =
    `<DescribeCapacityReservationResponse xmlns="${NS}"><DescribeCapacityReservationResult>` +
    `<DecreaseRequestsRemaining>${remaining}</DecreaseRequestsRemaining>` +
    `<LastModifiedTime>2026-01-02T03:04:05Z</LastModifiedTime>` +
    `<CapacityReservationState><member><AvailabilityZone>us-east-1a</AvailabilityZone>` +
    `<EffectiveCapacityUnits>${units}</EffectiveCapacityUnits></member></CapacityReservationState>` +
    `</DescribeCapacityReservationResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></DescribeCapacityReservationResponse>`;
  return new ElbV2Client({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDNUM', secretAccessKey: 'num-secret' },
    maxAttempts: 1,
    fetch: async () => new Response(body, { status: 200 }),
  });
}
const ask = (units, remaining = '1') =>
  client(units, remaining).describeCapacityReservation({ LoadBalancerArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/a/1' });

test('doubles in any XML spelling arrive as the JS number they mean', async () => {
  for (const text of ['1.5', '01.5', '-007', '+3', '.5', '5.', '-.25E+02', '000', '-0', ' 2.25\n', '1e3', '1e999', '4.9e-324']) {
    const out = await ask(text);
    const got = out.CapacityReservationState[0].EffectiveCapacityUnits;
    assert.equal(typeof got, 'number', text);
    assert.ok(Object.is(got, Number(text.trim())), `${JSON.stringify(text)}: ${got}`);
  }
});

test('NaN, Infinity and -Infinity arrive as those JS numbers; a date beside them stays a Date', async () => {
  for (const [text, want] of [['NaN', NaN], ['Infinity', Infinity], ['-Infinity', -Infinity]]) {
    const out = await ask(text);
    assert.ok(Object.is(out.CapacityReservationState[0].EffectiveCapacityUnits, want), text);
    assert.ok(out.LastModifiedTime instanceof Date);
    assert.equal(out.CapacityReservationState[0].AvailabilityZone, 'us-east-1a');
  }
});

test('integers with leading zeros, signs and blanks are numbers; a blank one is absent', async () => {
  for (const [text, want] of [['007', 7], ['-007', -7], ['+5', 5], [' 12\t', 12]]) {
    assert.equal((await ask('1', text)).DecreaseRequestsRemaining, want, text);
  }
  assert.ok(!('DecreaseRequestsRemaining' in (await ask('1', ' '))));
});

test('what is no number is an ElbError InvalidResponse, never a SyntaxError', async () => {
  for (const [units, remaining] of [['1', '9223372036854775808'], ['1', '1.5'], ['1', '0x10'], ['1.5.2', '1'], ['nan', '1'], ['INF', '1'], ['1e', '1']]) {
    await assert.rejects(ask(units, remaining), (e) => {
      assert.ok(e instanceof ElbError, `${units}/${remaining}: ${e}`);
      assert.equal(e.code, 'InvalidResponse');
      assert.equal(e.retryable, false);
      return true;
    });
  }
});
