// wasm linear memory never shrinks, so a leak shows as growth: after a warm-up, 100,000 more calls
// (successes, service errors, invalid inputs) through an injected fetch must not grow it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ElbClient } from 'elb-wasm';
// The glue the package's entry already initialised (same module URL, same instance): the
// diagnostic export lives there, not in the public entry.
import { wasmMemoryBytes } from './node_modules/elb-wasm/dist/elb_wasm.js';

const CALLS = Number(process.env.MEMORY_CALLS ?? 100_000);

const lbs = Array.from({ length: 5 }, (_, i) =>
  `<member><LoadBalancerName>lb-${i}</LoadBalancerName><DNSName>lb-${i}.elb.amazonaws.com</DNSName>` +
  `<CreatedTime>2026-11-25T10:00:00.000Z</CreatedTime><ListenerDescriptions><member><PolicyNames/><Listener>` +
  `<Protocol>HTTP</Protocol><LoadBalancerPort>80</LoadBalancerPort><InstanceProtocol>HTTP</InstanceProtocol>` +
  `<InstancePort>8080</InstancePort></Listener></member></ListenerDescriptions>` +
  `<Instances><member><InstanceId>i-${i}</InstanceId></member></Instances><AvailabilityZones><member>us-east-1a</member></AvailabilityZones></member>`,
).join('');
const OK = `<DescribeLoadBalancersResponse><DescribeLoadBalancersResult><LoadBalancerDescriptions>${lbs}</LoadBalancerDescriptions></DescribeLoadBalancersResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DescribeLoadBalancersResponse>`;
const NOT_FOUND = '<ErrorResponse><Error><Type>Sender</Type><Code>LoadBalancerNotFound</Code><Message>There is no ACTIVE Load Balancer named \'x\'</Message></Error><RequestId>r</RequestId></ErrorResponse>';

test(`wasm memory does not grow across ${CALLS} calls after warm-up`, async () => {
  const elb = new ElbClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDMEM', secretAccessKey: 'memory-test-secret' },
    fetch: async (url, init) =>
      init.body.includes('LoadBalancerNames.member.1=missing')
        ? new Response(NOT_FOUND, { status: 400 })
        : new Response(OK, { status: 200, headers: { 'x-amzn-requestid': 'rid' } }),
  });
  const one = async (i) => {
    switch (i % 4) {
      case 0:
      case 1:
        return (await elb.describeLoadBalancers({ LoadBalancerNames: ['lb-0'] })).LoadBalancerDescriptions.length;
      case 2:
        return elb.describeLoadBalancers({ LoadBalancerNames: ['missing'] }).catch((e) => e.code);
      default:
        return elb.createLoadBalancer({ LoadBalancerName: 'x'.repeat(40), Listeners: [] }).catch((e) => e.code);
    }
  };
  // Batches of concurrent calls: the allocator sees many calls in flight at once, as in real use.
  const run = async (n) => {
    for (let i = 0; i < n; i += 100) await Promise.all(Array.from({ length: 100 }, (_, j) => one(i + j)));
  };
  await run(5_000);
  const before = wasmMemoryBytes();
  const started = performance.now();
  await run(CALLS);
  const ms = performance.now() - started;
  const afterBytes = wasmMemoryBytes();
  console.log(`memory: wasm linear memory ${before} B after warm-up, ${afterBytes} B after ${CALLS} more calls (${(ms / CALLS * 1000).toFixed(1)} µs/call)`);
  assert.equal(afterBytes, before);
  assert.equal(await one(0), 5, 'still answering');
});
