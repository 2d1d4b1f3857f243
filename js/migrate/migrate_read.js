// What a migration plan reads: the Classic balancer (description, attributes, its own policies with
// their attributes, tags, instance health) and, from ELBv2, the TLS policies that exist and the names
// already taken. Only Describe calls: nothing is ever written to the Classic balancer.
import { PLAN_TAG, SOURCE_TAG } from './migrate_plan.js';

/** Every page of a paginated ELBv2 describe call, its `key` lists concatenated. */
async function allPages(call, input, key) {
  const out = [];
  let Marker;
  for (let page = 0; page < 1000; page++) {
    const res = await call({ ...input, Marker });
    out.push(...(res[key] ?? []));
    if (!res.NextMarker || res.NextMarker === Marker) return out;
    Marker = res.NextMarker;
  }
  return out;
}

/**
 * Reads the Classic balancer `name` and what ELBv2 already holds, as plain data.
 * Throws the client's ElbError (e.g. `LoadBalancerNotFound`) when the balancer does not exist.
 */
export async function readSource({ elb, v2 }, name, { signal } = {}) {
  return { ...(await readClassicByName(elb, name, { signal })), sslPolicies: await sslPolicyNames(v2, { signal }) };
}

/**
 * The Classic balancer `name` alone, what its fingerprint is made of (apply re-reads it to see
 * whether the plan is stale: ELBv2's TLS policies are not needed for that).
 */
export async function readClassicByName(elb, name, { signal } = {}) {
  const options = { signal };
  const description = (await elb.describeLoadBalancers({ LoadBalancerNames: [name] }, options)).LoadBalancerDescriptions[0];
  const tags = (await elb.describeTags({ LoadBalancerNames: [name] }, options)).TagDescriptions?.[0]?.Tags ?? [];
  return readClassic(elb, { description, tags }, { signal });
}

/** The TLS policies ELBv2 has, by name. */
export async function sslPolicyNames(v2, { signal } = {}) {
  return (await allPages((i) => v2.describeSSLPolicies(i, { signal }), {}, 'SslPolicies')).map((p) => p.Name);
}

/**
 * The rest of a Classic balancer whose description and tags were read (a fleet reads those in
 * batches): its attributes, its policies and its instances' health, three calls.
 */
export async function readClassic(elb, { description, tags, sslPolicies = [] }, { signal } = {}) {
  const options = { signal };
  const name = description.LoadBalancerName;
  const attributes = (await elb.describeLoadBalancerAttributes({ LoadBalancerName: name }, options)).LoadBalancerAttributes;
  const policies = (await elb.describeLoadBalancerPolicies({ LoadBalancerName: name }, options)).PolicyDescriptions ?? [];
  const health = (await elb.describeInstanceHealth({ LoadBalancerName: name }, options)).InstanceStates ?? [];
  return strip({ description, attributes, policies, tags, health, sslPolicies });
}

/**
 * Every ELBv2 balancer and target group with its name and the migration tags it carries (the plan
 * id and the Classic balancer it came from): one read before one pure plan, for the names in use
 * and for a migration of this source already under way or done.
 */
export async function inventory(v2, { signal } = {}) {
  const options = { signal };
  const balancers = (await allPages((i) => v2.describeLoadBalancers(i, options), {}, 'LoadBalancers'))
    .map((b) => ({ kind: 'balancer', name: b.LoadBalancerName, arn: b.LoadBalancerArn, created: b.CreatedTime instanceof Date ? b.CreatedTime.getTime() : 0 }));
  const targetGroups = (await allPages((i) => v2.describeTargetGroups(i, options), {}, 'TargetGroups'))
    .map((t) => ({ kind: 'target group', name: t.TargetGroupName, arn: t.TargetGroupArn }));
  const all = [...balancers, ...targetGroups];
  const byArn = new Map(all.map((r) => [r.arn, r]));
  // A resource deleted between the listing and its tags fails the whole batch: then one by one,
  // the gone ones left out.
  const tagsOf = async (arns) => {
    try {
      return (await v2.describeTags({ ResourceArns: arns }, options)).TagDescriptions ?? [];
    } catch (e) {
      if (!/NotFound$/.test(e?.code ?? '')) throw e;
      if (arns.length === 1) return [];
      const out = [];
      for (const arn of arns) out.push(...(await tagsOf([arn])));
      return out;
    }
  };
  for (let i = 0; i < all.length; i += 20) {
    const TagDescriptions = await tagsOf(all.slice(i, i + 20).map((r) => r.arn));
    for (const d of TagDescriptions) {
      const r = byArn.get(d.ResourceArn);
      if (!r) continue;
      r.plan = d.Tags?.find((t) => t.Key === PLAN_TAG)?.Value;
      r.source = d.Tags?.find((t) => t.Key === SOURCE_TAG)?.Value;
    }
  }
  return { balancers, targetGroups };
}

/** Lowercase hex SHA-256 of `text` (WebCrypto: the same in every runtime). */
export async function sha256Hex(text) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** JSON with object keys sorted: the same data, the same text. */
export function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().filter((k) => value[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * What a plan is made from, as one hash. Left out, as they change by themselves: instance health,
 * and the instances of the Auto Scaling groups (they come and go as the groups scale; the groups
 * themselves are in).
 */
export function fingerprint(source) {
  const { description, attributes, policies, tags, autoScalingGroups = [] } = source;
  const scaled = new Set(autoScalingGroups.flatMap((g) => g.instances));
  const own = (description.Instances ?? []).filter((i) => !scaled.has(i.InstanceId));
  return sha256Hex(canonical({ description: { ...description, Instances: own }, attributes, policies, tags, groups: autoScalingGroups.map((g) => g.name) }));
}

export { allPages };

/**
 * The Auto Scaling groups attached to the Classic balancer `name` (by `LoadBalancerNames`, or a
 * traffic source of type `elb`), with their instances: `[{ name, instances }]`.
 */
export async function scalingGroups(autoscaling, name, { signal } = {}) {
  return groupsOf(await allScalingGroups(autoscaling, { signal }), name);
}

/** Every Auto Scaling group (none without the client). */
export async function allScalingGroups(autoscaling, { signal } = {}) {
  if (!autoscaling) return [];
  const groups = [];
  let NextToken;
  for (let page = 0; page < 1000; page++) {
    const res = await autoscaling.describeAutoScalingGroups({ NextToken }, { signal });
    groups.push(...(res.AutoScalingGroups ?? []));
    if (!res.NextToken || res.NextToken === NextToken) break;
    NextToken = res.NextToken;
  }
  return groups;
}

/** Of `groups`, those attached to the Classic balancer `name`, with their instances. */
export function groupsOf(groups, name) {
  return groups
    .filter((g) => g.LoadBalancerNames?.includes(name) || g.TrafficSources?.some((t) => t.Type === 'elb' && t.Identifier === name))
    .map((g) => ({ name: g.AutoScalingGroupName, instances: (g.Instances ?? []).map((i) => i.InstanceId).sort() }));
}

/** Every CloudWatch metric alarm (none without the client). */
export async function allAlarms(cloudwatch, { signal } = {}) {
  if (!cloudwatch) return [];
  const alarms = [];
  let NextToken;
  for (let page = 0; page < 1000; page++) {
    const res = await cloudwatch.describeAlarms({ NextToken, AlarmTypes: ['MetricAlarm'] }, { signal });
    alarms.push(...(res.MetricAlarms ?? []));
    if (!res.NextToken || res.NextToken === NextToken) break;
    NextToken = res.NextToken;
  }
  return alarms;
}

/** Of `alarms`, the single-metric ones on the Classic balancer `name`'s metrics, as plain data. */
export function alarmsOf(alarms, name) {
  return strip(alarms.filter((a) => a.Namespace === 'AWS/ELB' && a.MetricName && a.Dimensions?.some((d) => d.Name === 'LoadBalancerName' && d.Value === name)));
}

/** Plain data: `$metadata` dropped, Dates as ISO text, so a plan's source survives JSON. */
function strip(value) {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(strip);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== '$metadata').map(([k, v]) => [k, strip(v)]));
  }
  return value;
}
