// The same work done by each contender, for Node and for the browser page alike. Each factory
// returns functions the harness times; none of them touches the network. (aws4 is Node-only: it
// is added in node.mjs.)
import { AwsV4Signer } from 'aws4fetch';
import { SignatureV4 } from '@smithy/signature-v4';
import { ElasticLoadBalancingClient, DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing';
import { ElbClient, sign } from 'elb-wasm';
import { SIGN_REQUEST, CREDENTIALS, REGION, SERVICE, describeLoadBalancers, amzDateOf } from './fixtures.mjs';
import { interleaved } from './lib.mjs';

const { url, body, contentType } = SIGN_REQUEST;
const host = new URL(url).host;

/**
 * One signature of the same POST per call. `sha256` is the SDK's hash for this runtime; `date`
 * pins the signing time (to compare signatures), else each signs at "now".
 */
export function signers(sha256, date) {
  const smithy = new SignatureV4({ credentials: CREDENTIALS, region: REGION, service: SERVICE, sha256 });
  const amzDate = amzDateOf(date);
  return {
    'elb-wasm sign': () => sign({ method: 'POST', url, headers: { 'content-type': contentType }, body }, { region: REGION, service: SERVICE, credentials: CREDENTIALS, ...(date && { date }) }),
    aws4fetch: () => new AwsV4Signer({ url, method: 'POST', headers: { 'content-type': contentType }, body, service: SERVICE, region: REGION, ...CREDENTIALS, ...(date && { datetime: amzDate }) }).sign(),
    '@smithy/signature-v4': () => smithy.sign({ method: 'POST', protocol: 'https:', hostname: host, path: '/', query: {}, headers: { host, 'content-type': contentType }, body }, date ? { signingDate: date } : undefined),
  };
}

/** A whole describeLoadBalancers call answered with `xml` (bytes, as a fetch body arrives). */
export function describers(xml) {
  const bytes = new TextEncoder().encode(xml);
  const decoder = new TextDecoder();
  // A Response-like answer: building a real Response would cost the same for both, and the
  // SDK's handler gets raw bytes too; each side decodes UTF-8 itself.
  const headers = new Headers({ 'content-type': 'text/xml', 'x-amzn-requestid': 'bench' });
  const elb = new ElbClient({
    region: REGION,
    credentials: CREDENTIALS,
    fetch: async () => ({ status: 200, headers, arrayBuffer: async () => bytes.buffer, text: async () => decoder.decode(bytes) }),
  });
  const sdk = new ElasticLoadBalancingClient({
    region: REGION,
    credentials: CREDENTIALS,
    requestHandler: { handle: async () => ({ response: { statusCode: 200, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': 'bench' }, body: bytes } }) },
  });
  const command = new DescribeLoadBalancersCommand({});
  return {
    bytes: bytes.length,
    cases: {
      'elb-wasm': () => elb.describeLoadBalancers(),
      'AWS SDK v3': () => sdk.send(command),
    },
    check: async () => [
      (await elb.describeLoadBalancers()).LoadBalancerDescriptions?.length ?? 0,
      (await sdk.send(command)).LoadBalancerDescriptions?.length ?? 0,
    ],
  };
}

/** MB/s decoding DescribeLoadBalancers pages of 1, 100 and 400 balancers into JS objects. */
export async function decoding(opts) {
  const out = {};
  for (const n of [1, 100, 400]) {
    const d = describers(describeLoadBalancers(n));
    const [a, b] = await d.check();
    if (a !== n || b !== n) throw new Error(`decoded ${a} and ${b} balancers, not ${n}`);
    const perSec = await interleaved(d.cases, opts);
    out[n] = { bytes: d.bytes, mbps: Object.fromEntries(Object.entries(perSec).map(([k, v]) => [k, (v * d.bytes) / 1e6])) };
  }
  return out;
}
