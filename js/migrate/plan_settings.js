// What the Classic balancer says beyond its listeners, read once for every balancer of the plan:
// subnets, the shared attributes, tags and owners, instances and Auto Scaling groups, the health
// check, back-end and cookie policies (MIGRATION.md's rows; each finding next to what it explains).
import { cleanName } from './plan_names.js';
import { PLAN_TAG, SOURCE_TAG } from './plan_tags.js';

const MAX_TAGS = 50; // per ELBv2 resource, the plan's own included
/** Tags of a tool that owns the balancer (MIGRATION.md, "Owners"): migrated through the owner, never copied. */
const OWNERS = [
  [/^aws:cloudformation:stack-name$/, 'CloudFormation'],
  [/^elasticbeanstalk:environment-(name|id)$/, 'Elastic Beanstalk'],
  [/^kubernetes\.io\/(cluster\/.+|service-name)$/, 'Kubernetes'],
];

/** `HTTP:80/index.html` → { protocol, port, path } */
function parseTarget(target) {
  const m = /^(HTTP|HTTPS|TCP|SSL):(\d+)(\/.*)?$/i.exec(target ?? '');
  if (!m) return null;
  return { protocol: m[1].toUpperCase(), port: m[2], path: m[3] ?? '' };
}

export function attr(policy, name) {
  return policy?.PolicyAttributeDescriptions?.find((a) => a.AttributeName === name)?.AttributeValue;
}

/** The settings every balancer of the plan is made from. */
export function readSettings(source, options, { id, listeners, find, carried }) {
  const d = source.description;
  const classicName = d.LoadBalancerName;
  const attributes = source.attributes ?? {};
  const policies = Object.fromEntries((source.policies ?? []).map((p) => [p.PolicyName, p]));
  const registerTargets = options.registerTargets !== false;
  // Zones: one subnet per zone on Classic; moto reports no AvailabilityZones for a VPC balancer.
  const subnets = [...new Set([...(d.Subnets ?? []), ...(options.subnets ?? [])])];
  const baseName = cleanName(options.name ?? classicName);
  const taken = options.taken ?? { balancers: [], targetGroups: [] };

  // Attributes shared by the balancers.
  const drainingSeconds = attributes.ConnectionDraining?.Enabled ? attributes.ConnectionDraining.Timeout ?? 300 : 0;
  const idle = attributes.ConnectionSettings?.IdleTimeout ?? 60;
  const crossZone = attributes.CrossZoneLoadBalancing?.Enabled ?? false;
  const log = attributes.AccessLog ?? {};
  const additional = Object.fromEntries((attributes.AdditionalAttributes ?? []).map((a) => [a.Key, a.Value]));
  const desync = additional['elb.http.desyncmitigationmode'];

  const userTags = [];
  const owners = new Set();
  for (const t of source.tags ?? []) {
    const owner = OWNERS.find(([re]) => re.test(t.Key))?.[1];
    if (owner) {
      owners.add(owner);
      find('dropped', 'tags', `tag ${t.Key} belongs to ${owner}, which owns the Classic balancer: not copied`);
    } else if (t.Key.startsWith('aws:')) find('dropped', 'tags', `tag ${t.Key} is reserved for AWS and cannot be set on ELBv2 resources`);
    else userTags.push({ Key: t.Key, Value: t.Value ?? '' });
  }
  for (const owner of owners) {
    find(options.allowOwned ? 'changed' : 'blocker', 'owner', `${owner} made this balancer: migrate it through ${owner}, or ${owner} will fight the change${options.allowOwned ? ' (planned anyway: allowOwned)' : ' (allowOwned plans it anyway)'}`);
  }
  const tags = [...userTags, { Key: PLAN_TAG, Value: id }, { Key: SOURCE_TAG, Value: classicName }];
  if (userTags.length) carried('tags', `${userTags.map((t) => t.Key).join(', ')} on every new resource`);
  if (tags.length > MAX_TAGS) find('blocker', 'tags', `${userTags.length} tags and the plan's own ${tags.length - userTags.length} exceed ELBv2's ${MAX_TAGS} per resource: remove ${tags.length - MAX_TAGS} from the Classic balancer, or plan without them`);
  carried('connection draining', drainingSeconds ? `${drainingSeconds} s → deregistration_delay.timeout_seconds` : 'off → deregistration_delay.timeout_seconds=0');
  // Instances of an Auto Scaling group are the group's: it gets the target groups, and they are not
  // registered by id (they would go stale at the group's next scale event).
  const groupsRead = source.autoScalingGroups;
  const scaling = groupsRead ?? [];
  const scaled = new Set(scaling.flatMap((g) => g.instances));
  const own = (d.Instances ?? []).filter((i) => !scaled.has(i.InstanceId));
  const instances = own.length;
  if (!registerTargets) find('note', 'instances', `the ${instances} instance(s) are not registered (registerTargets: false)`);
  else if (instances) carried('instances', `${instances} instance(s) registered in every target group, on its port`);
  for (const g of scaling) {
    carried('auto scaling', `group ${g.name} gets the new target groups attached (AttachLoadBalancerTargetGroups); its ${g.instances.length} instance(s) are not registered by id: they come and go with the group`);
  }
  if (tags.length > 10 && tags.length <= MAX_TAGS) find('note', 'tags', `${tags.length} tags per resource: AWS allows ${MAX_TAGS} (moto 10)`);

  // Health check. A balancer that never had one configured has ELB's default (moto reports none).
  let hc = d.HealthCheck ?? {};
  if (hc.Target === undefined && listeners.length) {
    hc = { Target: `TCP:${listeners[0].InstancePort}`, Interval: 30, Timeout: 5, UnhealthyThreshold: 2, HealthyThreshold: 10 };
    find('note', 'health check', `no health check was read: ELB's default, ${hc.Target} every 30 s`);
  }
  const target = parseTarget(hc.Target);
  if (!target && listeners.length) find('blocker', 'health check', `health check target ${JSON.stringify(hc.Target)} is not PROTOCOL:PORT[/path]`);

  // Back-end policies (per instance port).
  const backendPolicies = {};
  for (const b of d.BackendServerDescriptions ?? []) {
    for (const name of b.PolicyNames ?? []) (backendPolicies[b.InstancePort] ??= []).push(policies[name] ?? { PolicyName: name });
  }
  for (const [port, list] of Object.entries(backendPolicies)) {
    for (const p of list) {
      if (p.PolicyTypeName === 'BackendServerAuthenticationPolicyType' || p.PolicyTypeName === 'PublicKeyPolicyType') {
        find('dropped', 'back-end authentication', `policy ${p.PolicyName} on instance port ${port}: ELBv2 does not verify target certificates; the back-end authentication is lost`);
      }
    }
  }
  for (const p of Object.values(policies)) {
    if (p.PolicyTypeName === 'PublicKeyPolicyType' && !Object.values(backendPolicies).flat().includes(p)) {
      find('dropped', 'back-end authentication', `policy ${p.PolicyName}: ELBv2 has no public key policies`);
    }
  }
  const proxyPorts = new Set(Object.entries(backendPolicies).filter(([, l]) => l.some((p) => p.PolicyTypeName === 'ProxyProtocolPolicyType' && attr(p, 'ProxyProtocol') !== 'false')).map(([port]) => Number(port)));

  const lbCookie = Object.fromEntries((d.Policies?.LBCookieStickinessPolicies ?? []).map((p) => [p.PolicyName, p]));
  const appCookie = Object.fromEntries((d.Policies?.AppCookieStickinessPolicies ?? []).map((p) => [p.PolicyName, p]));

  return {
    d, classicName, options, find, carried, policies, registerTargets, subnets, baseName, taken, drainingSeconds, idle,
    crossZone, log, desync, tags, scaling, groupsRead, own, hc, target, proxyPorts, lbCookie, appCookie,
    sslPolicies: source.sslPolicies ?? [],
    usedBalancers: new Set(taken.balancers),
    usedGroups: new Set(taken.targetGroups),
  };
}
