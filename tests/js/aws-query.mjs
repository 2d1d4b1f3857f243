// Raw awsQuery calls to the other services moto hosts (EC2, IAM), signed with the package's `sign`:
// the tests need EC2 instances and subnets to put behind balancers.
import { sign } from 'elb-wasm';

export async function query({ endpoint, region, credentials }, service, version, params) {
  const body = new URLSearchParams({ Version: version, ...params }).toString();
  const req = sign(
    { method: 'POST', url: `${endpoint}/`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body },
    { region, service, credentials },
  );
  const res = await fetch(req.url, { method: 'POST', headers: req.headers, body });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${service} ${params.Action}: HTTP ${res.status}: ${text.slice(0, 300)}`);
  return text;
}

/** Every text of <tag> elements in an XML body (EC2's replies are flat enough for this). */
export const all = (text, tag) => [...text.matchAll(new RegExp(`<${tag}>([^<]+)</${tag}>`, 'g'))].map((m) => m[1]);
