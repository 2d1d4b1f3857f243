// What every tutorial example shares: where to connect, how to print like the tutorial, and EC2
// instances to put behind the balancer. Not part of the package.
//
// Where they connect is found as the AWS CLI finds it (elb-wasm/aws-config): an explicit endpoint
// (AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING, AWS_ENDPOINT_URL, ELB_ENDPOINT, the profile's
// endpoint_url) always wins and is taken for a local moto_server; else, with credentials (environment,
// ~/.aws/credentials, ~/.aws/config; AWS_PROFILE; a role, SSO or process profile, a token file or a
// container through the AWS SDK's provider chain) and a region, AWS; else the moto that `npm start`
// runs on 127.0.0.1:5055.
import { sign } from 'elb-wasm';
import { loadAwsConfig } from 'elb-wasm/aws-config';

const env = globalThis.process?.env ?? {};
const aws = loadAwsConfig();
const region = aws.region;
export const onAws = !aws.endpoint && Boolean((aws.credentials || aws.chain) && region);
const motoEndpoint = aws.endpoint ?? 'http://127.0.0.1:5055';

// AWS's policy types (from the ELB developer guide). moto does not implement
// DescribeLoadBalancerPolicyTypes, so against moto this fetch answers that one action itself.
const POLICY_TYPES = [
  ['ProxyProtocolPolicyType', 'Policy that controls whether to include the IP address and port of the originating request for TCP messages.'],
  ['AppCookieStickinessPolicyType', 'Stickiness policy with session lifetimes controlled by the lifetime of the application-generated cookie.'],
  ['LBCookieStickinessPolicyType', 'Stickiness policy with session lifetimes controlled by the browser (user-agent) or a specified expiration period.'],
  ['SSLNegotiationPolicyType', 'Listener policy that defines the ciphers and protocols that will be accepted by the load balancer.'],
  ['BackendServerAuthenticationPolicyType', 'Policy that controls authentication to back-end server(s).'],
  ['PublicKeyPolicyType', 'Policy containing a list of public keys to accept when authenticating the back-end server(s).'],
];
async function motoFetch(url, init) {
  if (new URLSearchParams(String(init?.body ?? '')).get('Action') !== 'DescribeLoadBalancerPolicyTypes') return fetch(url, init);
  const members = POLICY_TYPES.map(([name, d]) => `<member><PolicyTypeName>${name}</PolicyTypeName><Description>${d}</Description></member>`);
  const xml = `<DescribeLoadBalancerPolicyTypesResponse><DescribeLoadBalancerPolicyTypesResult><PolicyTypeDescriptions>${members.join('')}</PolicyTypeDescriptions></DescribeLoadBalancerPolicyTypesResult></DescribeLoadBalancerPolicyTypesResponse>`;
  return new Response(xml, { status: 200, headers: { 'content-type': 'text/xml' } });
}

/** The ElbDriver options: { key, secret, region, token?, endpoint?, fetch? }. */
export function connection() {
  const c = aws.credentials;
  // Keys found as they are, else the chain's temporary credentials, refreshed by the driver.
  if (onAws && !c) return { key: aws.credentialsProvider, region };
  if (onAws) return { key: c.accessKeyId, secret: c.secretAccessKey, token: c.sessionToken, region };
  return { key: c?.accessKeyId ?? 'testing', secret: c?.secretAccessKey ?? 'testing', region: region ?? 'us-east-1', endpoint: motoEndpoint, fetch: motoFetch };
}

/** Prints values the way the tutorial's Python shows them: [a, b], 'text', True, None. */
export function show(value) {
  console.log(repr(value));
}
function repr(v) {
  if (Array.isArray(v)) return `[${v.map(repr).join(', ')}]`;
  if (typeof v === 'string') return `'${v.replaceAll("'", "\\'")}'`;
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (v == null) return 'None';
  return String(v);
}

/** EC2 instance ids to register. On AWS: ELB_EXAMPLE_INSTANCE_IDS (comma-separated), else none.
 * Against moto: `count` instances launched there for the purpose. */
export async function exampleInstances(count) {
  if (onAws) return (env.ELB_EXAMPLE_INSTANCE_IDS ?? '').split(',').filter(Boolean).slice(0, count);
  const c = connection();
  const body = new URLSearchParams({ Action: 'RunInstances', Version: '2016-11-15', ImageId: 'ami-12c6146b', MinCount: String(count), MaxCount: String(count) }).toString();
  const req = sign(
    { method: 'POST', url: `${c.endpoint}/`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body },
    { region: c.region, service: 'ec2', credentials: { accessKeyId: c.key, secretAccessKey: c.secret } },
  );
  const res = await fetch(req.url, { method: 'POST', headers: req.headers, body });
  const text = await res.text();
  if (!res.ok) throw new Error(`EC2 RunInstances on moto: HTTP ${res.status}`);
  return [...text.matchAll(/<instanceId>([^<]+)<\/instanceId>/g)].map((m) => m[1]);
}

/** The certificate for the HTTPS listener: the tutorial's placeholder ARN unless one is given. */
export const certificateArn = env.ELB_EXAMPLE_CERT_ARN ?? 'arn:aws:iam::123456789012:server-certificate/servercert';
