// DescribeLoadBalancers answers as AWS writes them, with every member a production balancer
// tends to have: listeners with policies and a certificate, stickiness and other policies,
// back-end policies, zones, subnets, security groups, instances, a health check.

const NS = 'http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/';
const members = (xs) => xs.map((x) => `<member>${x}</member>`).join('');

function balancer(i) {
  const name = `web-${String(i).padStart(4, '0')}`;
  const listener = (proto, port, iproto, iport, cert, policies) =>
    `<PolicyNames>${members(policies)}</PolicyNames><Listener><Protocol>${proto}</Protocol><LoadBalancerPort>${port}</LoadBalancerPort>` +
    `<InstanceProtocol>${iproto}</InstanceProtocol><InstancePort>${iport}</InstancePort>${cert ? `<SSLCertificateId>${cert}</SSLCertificateId>` : ''}</Listener>`;
  return (
    `<SecurityGroups>${members([`sg-0a1b2c3d4e5f${i % 10}0001`])}</SecurityGroups>` +
    `<LoadBalancerName>${name}</LoadBalancerName><CreatedTime>2026-0${1 + (i % 9)}-1${i % 10}T08:1${i % 10}:32.540Z</CreatedTime>` +
    `<HealthCheck><Interval>30</Interval><Target>HTTP:8080/health</Target><HealthyThreshold>3</HealthyThreshold><Timeout>5</Timeout><UnhealthyThreshold>2</UnhealthyThreshold></HealthCheck>` +
    `<VPCId>vpc-0f1e2d3c4b5a69788</VPCId>` +
    `<ListenerDescriptions>${members([
      listener('HTTP', 80, 'HTTP', 8080, null, ['AWSConsole-LBCookieStickinessPolicy-web-1700000000000']),
      listener('HTTPS', 443, 'HTTP', 8080, `arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef01234567${String(i % 100).padStart(2, '0')}`, ['ELBSecurityPolicy-TLS-1-2-2017-01', 'AWSConsole-LBCookieStickinessPolicy-web-1700000000000']),
    ])}</ListenerDescriptions>` +
    `<Instances>${members(Array.from({ length: 6 }, (_, k) => `<InstanceId>i-0${(i * 7 + k).toString(16).padStart(16, '0')}</InstanceId>`))}</Instances>` +
    `<Policies><AppCookieStickinessPolicies/><OtherPolicies>${members(['ELBSecurityPolicy-TLS-1-2-2017-01', 'ProxyProtocol-policy'])}</OtherPolicies>` +
    `<LBCookieStickinessPolicies>${members(['<PolicyName>AWSConsole-LBCookieStickinessPolicy-web-1700000000000</PolicyName><CookieExpirationPeriod>3600</CookieExpirationPeriod>'])}</LBCookieStickinessPolicies></Policies>` +
    `<AvailabilityZones>${members(['us-east-1a', 'us-east-1b', 'us-east-1c'])}</AvailabilityZones>` +
    `<CanonicalHostedZoneName>${name}-1234567890.us-east-1.elb.amazonaws.com</CanonicalHostedZoneName>` +
    `<CanonicalHostedZoneNameID>Z35SXDOTRQ7X7K</CanonicalHostedZoneNameID><Scheme>internet-facing</Scheme>` +
    `<SourceSecurityGroup><OwnerAlias>123456789012</OwnerAlias><GroupName>web-elb</GroupName></SourceSecurityGroup>` +
    `<DNSName>${name}-1234567890.us-east-1.elb.amazonaws.com</DNSName>` +
    `<BackendServerDescriptions>${members(['<PolicyNames><member>ProxyProtocol-policy</member></PolicyNames><InstancePort>8080</InstancePort>'])}</BackendServerDescriptions>` +
    `<Subnets>${members(['subnet-0a1b2c3d4e5f60001', 'subnet-0a1b2c3d4e5f60002', 'subnet-0a1b2c3d4e5f60003'])}</Subnets>`
  );
}

/** The XML text of a DescribeLoadBalancers page holding `n` balancers. */
export function describeLoadBalancers(n) {
  return (
    `<DescribeLoadBalancersResponse xmlns="${NS}"><DescribeLoadBalancersResult><LoadBalancerDescriptions>` +
    members(Array.from({ length: n }, (_, i) => balancer(i))) +
    `</LoadBalancerDescriptions>${n >= 400 ? '<NextMarker>d2ViLTA0MDA=</NextMarker>' : ''}</DescribeLoadBalancersResult>` +
    `<ResponseMetadata><RequestId>83c88b9d-12b7-11e3-8b82-87b12EXAMPLE</RequestId></ResponseMetadata></DescribeLoadBalancersResponse>`
  );
}

/** The signing benchmark's request: one ELB call as it goes on the wire. */
export const SIGN_REQUEST = {
  url: 'https://elasticloadbalancing.us-east-1.amazonaws.com/',
  body: 'Action=DescribeLoadBalancers&Version=2012-06-01&LoadBalancerNames.member.1=web-0001&PageSize=100',
  contentType: 'application/x-www-form-urlencoded; charset=utf-8',
};
export const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
export const REGION = 'us-east-1';
export const SERVICE = 'elasticloadbalancing';

/** A Date in SigV4's `X-Amz-Date` form (`20261125T120000Z`), or undefined. */
export const amzDateOf = (date) => date && date.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
