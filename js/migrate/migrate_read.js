// What a migration plan reads: the Classic balancer (description, attributes, its own policies with
// their attributes, tags, instance health) and, from ELBv2, the TLS policies that exist and the names
// already taken. Only Describe calls: nothing is ever written to the Classic balancer.

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

/** The names among `names` that an existing ELBv2 resource of that kind already has. */
async function takenNames(v2, method, key, nameKey, names) {
  const taken = [];
  for (const name of names) {
    try {
      const found = await v2[method]({ Names: [name] });
      if ((found[key] ?? []).some((r) => r[nameKey] === name)) taken.push(name);
    } catch (e) {
      if (!/NotFound$/.test(e?.code ?? '')) throw e;
    }
  }
  return taken;
}

/**
 * Reads the Classic balancer `name` and what ELBv2 already holds, as plain data.
 * Throws the client's ElbError (e.g. `LoadBalancerNotFound`) when the balancer does not exist.
 */
export async function readSource({ elb, v2 }, name, { signal } = {}) {
  const options = { signal };
  const description = (await elb.describeLoadBalancers({ LoadBalancerNames: [name] }, options)).LoadBalancerDescriptions[0];
  const attributes = (await elb.describeLoadBalancerAttributes({ LoadBalancerName: name }, options)).LoadBalancerAttributes;
  const policies = (await elb.describeLoadBalancerPolicies({ LoadBalancerName: name }, options)).PolicyDescriptions ?? [];
  const tags = (await elb.describeTags({ LoadBalancerNames: [name] }, options)).TagDescriptions?.[0]?.Tags ?? [];
  const health = (await elb.describeInstanceHealth({ LoadBalancerName: name }, options)).InstanceStates ?? [];
  const sslPolicies = (await allPages((i) => v2.describeSSLPolicies(i, options), {}, 'SslPolicies')).map((p) => p.Name);
  return strip({ description, attributes, policies, tags, health, sslPolicies });
}

/** Checks which of the names a plan will create are taken (and by resources not of this plan). */
export async function namesInUse(v2, { balancers = [], targetGroups = [] }) {
  return {
    balancers: await takenNames(v2, 'describeLoadBalancers', 'LoadBalancers', 'LoadBalancerName', balancers),
    targetGroups: await takenNames(v2, 'describeTargetGroups', 'TargetGroups', 'TargetGroupName', targetGroups),
  };
}

export { allPages };

/** Plain data: `$metadata` dropped, Dates as ISO text, so a plan's source survives JSON. */
function strip(value) {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(strip);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== '$metadata').map(([k, v]) => [k, strip(v)]));
  }
  return value;
}
