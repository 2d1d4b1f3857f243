// Classic → ALB/NLB as a pure function of what was read (migrate_read.js): which type, which
// balancers, listeners and target groups, which ELBv2 calls in which order, and a finding for every
// Classic setting that is not carried over as it is. No I/O: the same source gives the same plan.
// The domain (mapping table, refusals) is ../shared/MIGRATION.md.

export const PLAN_TAG = 'elb-wasm:migration';
/** On every resource a plan creates: the Classic balancer it came from (finds a migration under way). */
export const SOURCE_TAG = 'elb-wasm:source';
const MAX_TAGS = 50; // per ELBv2 resource, the plan's own included
/** Tags of a tool that owns the balancer (MIGRATION.md, "Owners"): migrated through the owner, never copied. */
const OWNERS = [
  [/^aws:cloudformation:stack-name$/, 'CloudFormation'],
  [/^elasticbeanstalk:environment-(name|id)$/, 'Elastic Beanstalk'],
  [/^kubernetes\.io\/(cluster\/.+|service-name)$/, 'Kubernetes'],
];
const DEFAULT_SSL_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';
const HTTP_LIKE = new Set(['HTTP', 'HTTPS']);
const STICKY_MAX = 604800; // ALB lb_cookie duration, seconds

/** A name ELBv2 accepts: letters, digits, hyphens, ≤ 32, no leading/trailing or double hyphen. */
export function cleanName(name, max = 32) {
  let n = String(name).replace(/[^A-Za-z0-9-]/g, '-').replace(/-{2,}/g, '-').replace(/^-+/, '');
  n = n.slice(0, max).replace(/-+$/, '');
  return n || 'lb';
}

/** A stable 4-character hash of `text` (FNV-1a, base 36): short suffixes that tell names apart. */
function hash4(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(36).padStart(4, '0').slice(-4);
}

/**
 * Names unique by construction: `base` + `suffix` within 32 characters; when `base` must be cut to
 * fit, a short stable hash of `salt` (what the name stands for) keeps cut names of different
 * balancers apart (blue/green pairs); a name already `used` (in the plan or by another resource)
 * gets another hash. Resolves to undefined only after 10 clashes.
 */
function uniqueName(base, suffix, salt, used) {
  for (let n = 0; n < 10; n++) {
    const whole = cleanName(`${base}${suffix}`, 64);
    let name = whole;
    if (whole.length > 32 || n > 0) {
      const tail = `-${hash4(n ? `${salt}#${n}` : salt)}${suffix}`;
      name = cleanName(`${cleanName(base, 32 - tail.length)}${tail}`);
    }
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
  return undefined;
}

/** `HTTP:80/index.html` → { protocol, port, path } */
function parseTarget(target) {
  const m = /^(HTTP|HTTPS|TCP|SSL):(\d+)(\/.*)?$/i.exec(target ?? '');
  if (!m) return null;
  return { protocol: m[1].toUpperCase(), port: m[2], path: m[3] ?? '' };
}

function attr(policy, name) {
  return policy?.PolicyAttributeDescriptions?.find((a) => a.AttributeName === name)?.AttributeValue;
}

/**
 * The plan for `source`. Options: `target` ('auto' | 'application' | 'network'), `name` (of the new
 * balancer; the NLB of a split plan derives `<name>-nlb`), `registerTargets` (default true),
 * `subnets` (extra subnets, e.g. a second zone for an ALB), `waitForTargets`, `id` (the plan's tag
 * value), `taken` ({ balancers, targetGroups } names ELBv2 already has, not this plan's),
 * `allowOwned` (plan a balancer a tool owns anyway), `deletionProtection` (the new balancers get
 * it), and what planMigration read for the record:
 * `account`, `region`, `createdAt`, `fingerprint`, `existing`.
 */
export function makePlan(source, options = {}) {
  const d = source.description;
  const classicName = d.LoadBalancerName;
  const id = options.id ?? `${cleanName(classicName, 40)}-plan`;
  const findings = [];
  const find = (severity, feature, message) => findings.push({ severity, feature, message });
  const carried = (feature, message) => carry(find, feature, message);
  const attributes = source.attributes ?? {};
  const policies = Object.fromEntries((source.policies ?? []).map((p) => [p.PolicyName, p]));
  const listeners = (d.ListenerDescriptions ?? []).map((ld) => ({ ...ld.Listener, PolicyNames: ld.PolicyNames ?? [] }));
  const registerTargets = options.registerTargets !== false;

  // Which type(s).
  const web = listeners.filter((l) => HTTP_LIKE.has(l.Protocol.toUpperCase()));
  const raw = listeners.filter((l) => !HTTP_LIKE.has(l.Protocol.toUpperCase()));
  const wanted = options.target ?? 'auto';
  let groups; // [{ type, listeners }]
  if (wanted === 'application') {
    groups = [{ type: 'application', listeners: web }];
    for (const l of raw) find('blocker', 'listener', `${l.Protocol}:${l.LoadBalancerPort} cannot be served by an Application Load Balancer (HTTP and HTTPS only); plan with target 'auto' (ALB + NLB) or 'network'`);
  } else if (wanted === 'network') {
    groups = [{ type: 'network', listeners }];
    for (const l of web) find('changed', 'listener', `${l.Protocol}:${l.LoadBalancerPort} becomes ${l.Protocol.toUpperCase() === 'HTTPS' ? 'TLS' : 'TCP'} on the Network Load Balancer: HTTP features (cookies, headers, X-Forwarded-For) are lost`);
  } else if (web.length && raw.length) {
    groups = [{ type: 'application', listeners: web }, { type: 'network', listeners: raw }];
    find('changed', 'type', `HTTP(S) listeners (${web.map((l) => l.LoadBalancerPort).join(', ')}) and TCP/SSL listeners (${raw.map((l) => l.LoadBalancerPort).join(', ')}) cannot share one ELBv2 balancer: an Application Load Balancer for the first and a Network Load Balancer for the second, with two DNS names (the alternative, one NLB forwarding to an ALB target group, keeps one address but is not what this plan does)`);
  } else {
    groups = [{ type: raw.length ? 'network' : 'application', listeners }];
    find('note', 'type', raw.length ? 'only TCP/SSL listeners: a Network Load Balancer' : 'only HTTP/HTTPS listeners: an Application Load Balancer');
  }
  if (!listeners.length) find('blocker', 'listener', 'the Classic balancer has no listeners: nothing to migrate');
  if (!d.VPCId) find('blocker', 'vpc', 'the balancer is not in a VPC (EC2-Classic): ELBv2 balancers live in a VPC only');

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

  const balancers = [];
  const steps = [];
  const usedBalancers = new Set(taken.balancers);
  const usedGroups = new Set(taken.targetGroups);
  groups.forEach((group, gi) => {
    if (!group.listeners.length) return;
    const type = group.type;
    const alb = type === 'application';
    const key = alb ? 'alb' : 'nlb';
    // A name the person chose is theirs: taken, it is a blocker. A derived one is made unique.
    let name;
    if (gi === 0 && options.name) {
      name = baseName;
      if (usedBalancers.has(name)) find('blocker', 'name', `an ELBv2 balancer named ${name} exists already: choose another name`);
      usedBalancers.add(name);
    } else {
      name = uniqueName(baseName, gi === 0 ? '' : '-nlb', `${classicName}/${key}`, usedBalancers);
      if (!name) {
        name = baseName;
        find('blocker', 'name', `no free name for the ${alb ? 'ALB' : 'NLB'} of ${classicName}: name one (option name)`);
      }
    }
    if (alb && subnets.length < 2) {
      find('blocker', 'subnets', `an Application Load Balancer needs subnets in at least two zones; the Classic balancer has ${subnets.length}: name another subnet (option subnets)`);
    }
    const lbAttributes = [];
    if (options.deletionProtection) {
      lbAttributes.push({ Key: 'deletion_protection.enabled', Value: 'true' });
      find('note', 'deletion protection', `on for ${name} (deletionProtection); rollback turns it off for the plan's own balancers first`);
    }
    if (alb) {
      lbAttributes.push({ Key: 'idle_timeout.timeout_seconds', Value: String(Math.min(Math.max(idle, 1), 4000)) });
      carried('idle timeout', `${idle} s → idle_timeout.timeout_seconds on ${name}`);
      // Cross-zone is on at an ALB; each target group can turn it off (since 2022).
      carried('cross-zone', crossZone ? 'on (an Application Load Balancer balances across zones)' : `off → load_balancing.cross_zone.enabled=false on ${name}'s target groups`);
      if (desync) {
        lbAttributes.push({ Key: 'routing.http.desync_mitigation_mode', Value: desync });
        carried('desync mitigation', `${desync} → routing.http.desync_mitigation_mode`);
      }
    } else {
      lbAttributes.push({ Key: 'load_balancing.cross_zone.enabled', Value: String(crossZone) });
      carried('cross-zone', `${crossZone ? 'on' : 'off'} → load_balancing.cross_zone.enabled on ${name}`);
      if (desync && gi === 0) find('dropped', 'desync mitigation', `elb.http.desyncmitigationmode=${desync} has no Network Load Balancer equivalent`);
    }
    // An NLB logs its TLS listeners only: one without any would log nothing.
    const logsTls = alb || group.listeners.some((l) => ['SSL', 'HTTPS'].includes(l.Protocol.toUpperCase()));
    if (log.Enabled && !logsTls) {
      find('changed', 'access logs', `${name} has no TLS listener, and a Network Load Balancer logs TLS listeners only: its access logs stop`);
    } else if (log.Enabled) {
      lbAttributes.push({ Key: 'access_logs.s3.enabled', Value: 'true' }, { Key: 'access_logs.s3.bucket', Value: log.S3BucketName ?? '' }, { Key: 'access_logs.s3.prefix', Value: log.S3BucketPrefix ?? '' });
      carried('access logs', `to s3://${log.S3BucketName}/${log.S3BucketPrefix ?? ''} from ${name}${alb ? '' : ' (its TLS listeners)'}`);
    }
    if (log.Enabled && gi === 0) {
      const every = log.EmitInterval ?? 60;
      if (every === 5) carried('access logs', 'every 5 minutes, as ELBv2 delivers them');
      else find('changed', 'access logs', `EmitInterval ${every} min becomes 5: ELBv2 delivers logs every 5 minutes`);
      find('note', 'access logs', `the bucket ${log.S3BucketName} must allow ELBv2 log delivery (its bucket policy names the ELBv2 service principal or account)`);
    }

    // Target groups: one per distinct (instance protocol, instance port, stickiness).
    const targetGroups = [];
    const tgFor = new Map();
    const lbListeners = [];
    for (const l of group.listeners) {
      const front = l.Protocol.toUpperCase();
      const back = (l.InstanceProtocol ?? l.Protocol).toUpperCase();
      const tgProtocol = alb ? (back === 'HTTPS' || back === 'SSL' ? 'HTTPS' : 'HTTP') : back === 'SSL' || back === 'HTTPS' ? 'TLS' : 'TCP';
      if (!alb && (back === 'HTTP' || back === 'HTTPS')) find('changed', 'target group', `instance protocol ${back} on port ${l.InstancePort} becomes ${tgProtocol}`);
      // Stickiness on this listener.
      let stickiness = null;
      for (const pn of l.PolicyNames) {
        if (lbCookie[pn]) {
          if (!alb) { find('dropped', 'stickiness', `LB-cookie stickiness ${pn} on port ${l.LoadBalancerPort}: a Network Load Balancer sticks by source IP only`); continue; }
          const period = lbCookie[pn].CookieExpirationPeriod;
          let seconds = period ?? STICKY_MAX;
          if (period == null) find('changed', 'stickiness', `LB-cookie stickiness ${pn} has no period (a session cookie); ELBv2 needs a duration: ${STICKY_MAX} s, the longest`);
          else if (period > STICKY_MAX) { seconds = STICKY_MAX; find('changed', 'stickiness', `LB-cookie period ${period} s exceeds ELBv2's ${STICKY_MAX} s: clamped`); }
          else carried('stickiness', `LB-cookie stickiness ${pn}, ${period} s → stickiness.lb_cookie.duration_seconds`);
          stickiness = { type: 'lb_cookie', seconds: Math.max(1, seconds), policy: pn };
        } else if (appCookie[pn]) {
          if (!alb) { find('dropped', 'stickiness', `application-cookie stickiness ${pn} on port ${l.LoadBalancerPort}: a Network Load Balancer sticks by source IP only`); continue; }
          const cookie = appCookie[pn].CookieName;
          if (/^AWSALB(APP|TG)?/i.test(cookie)) find('blocker', 'stickiness', `cookie name ${cookie} is reserved by ALB (AWSALB, AWSALBAPP, AWSALBTG prefixes)`);
          find('changed', 'stickiness', `application-cookie stickiness on ${cookie}: ALB's own AWSALBAPP cookie follows it, and its duration (1 day by default) replaces the application cookie's lifetime`);
          stickiness = { type: 'app_cookie', cookie, seconds: 86400, policy: pn };
        }
      }
      const tgKey = `${tgProtocol}-${l.InstancePort}${stickiness ? `-${stickiness.type}-${stickiness.seconds}-${stickiness.cookie ?? ''}` : ''}`;
      let tg = tgFor.get(tgKey);
      if (!tg) {
        const suffix = `-${tgProtocol.toLowerCase()}-${l.InstancePort}${stickiness ? `-s${targetGroups.filter((t) => t.stickiness).length + 1}` : ''}`;
        let tgName = uniqueName(name, suffix, `${classicName}/${key}/${tgKey}`, usedGroups);
        if (!tgName) {
          tgName = cleanName(`${cleanName(name, 32 - suffix.length)}${suffix}`);
          find('blocker', 'name', `no free target group name for ${classicName}'s port ${l.InstancePort}: name the balancer (option name)`);
        }
        tg = {
          key: `${key}-${tgKey}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+$/, ''),
          name: tgName,
          protocol: tgProtocol,
          port: l.InstancePort,
          vpcId: d.VPCId,
          stickiness,
          healthCheck: healthCheck(target, hc, tgProtocol, alb, find, gi === 0 && targetGroups.length === 0),
          attributes: tgAttributes({ alb, stickiness, drainingSeconds, proxy: proxyPorts.has(l.InstancePort), find, port: l.InstancePort, crossZoneOff: alb && !crossZone }),
          targets: registerTargets ? own.map((i) => ({ Id: i.InstanceId, Port: l.InstancePort })) : [],
        };
        tgFor.set(tgKey, tg);
        targetGroups.push(tg);
      }
      // The listener.
      const protocol = alb ? front : front === 'SSL' || front === 'HTTPS' ? 'TLS' : 'TCP';
      const secure = protocol === 'HTTPS' || protocol === 'TLS';
      const listener = { key: `${key}-${l.LoadBalancerPort}`, protocol, port: l.LoadBalancerPort, targetGroup: tg.key, attributes: [] };
      if (alb || front === 'TCP' || front === 'SSL') {
        carried('listener', `${front}:${l.LoadBalancerPort} → ${protocol}:${l.LoadBalancerPort} on ${name}${l.SSLCertificateId ? ', same certificate' : ''}, forwarding to ${tg.name}`);
      }
      if (secure) {
        listener.certificates = l.SSLCertificateId ? [{ CertificateArn: l.SSLCertificateId }] : [];
        if (!l.SSLCertificateId) find('blocker', 'certificate', `${front}:${l.LoadBalancerPort} has no certificate`);
        listener.sslPolicy = sslPolicy(l, policies, source.sslPolicies ?? [], find);
      }
      if (!alb && protocol === 'TCP') {
        const seconds = Math.min(Math.max(idle, 60), 6000);
        if (seconds !== idle) find('changed', 'idle timeout', `idle timeout ${idle} s becomes ${seconds} s on the NLB's TCP listener ${l.LoadBalancerPort} (60–6000 s)`);
        else carried('idle timeout', `${idle} s → tcp.idle_timeout.seconds on listener ${l.LoadBalancerPort}`);
        listener.attributes.push({ Key: 'tcp.idle_timeout.seconds', Value: String(seconds) });
      } else if (!alb && protocol === 'TLS' && idle !== 350) {
        find('changed', 'idle timeout', `idle timeout ${idle} s: a TLS listener's is fixed at 350 s`);
      }
      lbListeners.push(listener);
    }
    // MIGRATION.md: old instance families cannot be NLB targets by id; the types are not read here.
    if (!alb && registerTargets && own.length) {
      find('note', 'instances', `not checked: instances of families C1, CC1, CC2, CG1, CG2, CR1, CS1, G1, G2, HI1, HS1, M1, M2, M3, T1 cannot be ${name}'s targets by id (their types were not read)`);
    }
    const securityGroups = d.SecurityGroups ?? [];
    if (!alb && securityGroups.length) find('note', 'security groups', 'the NLB gets the security groups at creation: ELBv2 cannot add them to an NLB later');
    carried('network', `${d.Scheme ?? 'internet-facing'} on ${name}, subnets ${subnets.join(', ') || 'none'}${securityGroups.length ? `, security groups ${securityGroups.join(', ')}` : ''}`);
    balancers.push({ key, name, type, scheme: d.Scheme ?? 'internet-facing', subnets, securityGroups, attributes: lbAttributes, tags, listeners: lbListeners, targetGroups });
  });

  // Steps, in the order apply runs them; `{{ref}}` stands for an ARN not yet known.
  for (const b of balancers) {
    for (const tg of b.targetGroups) {
      steps.push({ action: 'CreateTargetGroup', ref: `tg:${tg.key}`, why: `target group for instance port ${tg.port} (${tg.protocol})`,
        input: { Name: tg.name, Protocol: tg.protocol, Port: tg.port, VpcId: tg.vpcId, TargetType: 'instance', ...tg.healthCheck, Tags: tags } });
      if (tg.attributes.length) steps.push({ action: 'ModifyTargetGroupAttributes', why: 'draining, stickiness, proxy protocol', input: { TargetGroupArn: `{{tg:${tg.key}}}`, Attributes: tg.attributes } });
    }
    const create = { Name: b.name, Type: b.type, Scheme: b.scheme, Subnets: b.subnets, IpAddressType: 'ipv4', Tags: tags };
    if (b.securityGroups.length) create.SecurityGroups = b.securityGroups;
    steps.push({ action: 'CreateLoadBalancer', ref: `lb:${b.key}`, why: `the ${b.type === 'application' ? 'Application' : 'Network'} Load Balancer`, input: create });
    steps.push({ action: 'WaitLoadBalancerAvailable', why: 'listeners go on an available balancer', input: { LoadBalancerArns: [`{{lb:${b.key}}}`] } });
    if (b.attributes.length) steps.push({ action: 'ModifyLoadBalancerAttributes', why: 'idle timeout, cross-zone, access logs, desync mitigation', input: { LoadBalancerArn: `{{lb:${b.key}}}`, Attributes: b.attributes } });
    for (const l of b.listeners) {
      const input = { LoadBalancerArn: `{{lb:${b.key}}}`, Protocol: l.protocol, Port: l.port, DefaultActions: [{ Type: 'forward', TargetGroupArn: `{{tg:${l.targetGroup}}}` }], Tags: tags };
      if (l.certificates) input.Certificates = l.certificates;
      if (l.sslPolicy) input.SslPolicy = l.sslPolicy;
      steps.push({ action: 'CreateListener', ref: `listener:${l.key}`, why: `listener ${l.protocol}:${l.port}`, input });
      if (l.attributes.length) steps.push({ action: 'ModifyListenerAttributes', why: 'idle timeout', input: { ListenerArn: `{{listener:${l.key}}}`, Attributes: l.attributes } });
    }
    for (const tg of b.targetGroups) {
      if (tg.targets.length) steps.push({ action: 'RegisterTargets', why: `the Classic balancer's ${tg.targets.length} instance(s)`, input: { TargetGroupArn: `{{tg:${tg.key}}}`, Targets: tg.targets } });
      if (tg.targets.length && options.waitForTargets) steps.push({ action: 'WaitTargetInService', why: 'targets healthy before DNS moves', input: { TargetGroupArn: `{{tg:${tg.key}}}` } });
    }
  }

  // The Auto Scaling groups get every new target group once they all exist (at most 10 a call).
  const allGroups = balancers.flatMap((b) => b.targetGroups.map((tg) => `{{tg:${tg.key}}}`));
  for (const g of scaling) {
    for (let i = 0; i < allGroups.length; i += 10) {
      steps.push({ action: 'AttachLoadBalancerTargetGroups', why: `Auto Scaling group ${g.name} scales into the new target groups`, input: { AutoScalingGroupName: g.name, TargetGroupARNs: allGroups.slice(i, i + 10) } });
    }
  }
  const namespaces = balancers.map((b) => (b.type === 'application' ? 'AWS/ApplicationELB' : 'AWS/NetworkELB'));
  const followUps = balancers.length
    ? [
        `DNS: point the names that resolve to ${d.DNSName ?? classicName} at the new balancer${balancers.length > 1 ? 's' : ''} (alias records), after the targets are healthy; the Classic balancer keeps serving until then, and is deleted by hand afterwards`,
        scaling.length
          ? `Auto Scaling: after the cut-over, detach the Classic balancer from ${scaling.map((g) => g.name).join(', ')} (detach-load-balancers); rollback detaches the new target groups`
          : groupsRead
            ? 'Auto Scaling: no group is attached to the Classic balancer'
            : 'Auto Scaling: groups were not read (pass autoscaling): a group attached to the Classic balancer must attach the new target groups and, after the cut-over, detach the Classic balancer',
        'IAM: policies naming elasticloadbalancing actions of API 2012-06-01 need the ELBv2 actions and resource ARNs',
        `CloudWatch: alarms and dashboards on namespace AWS/ELB move to ${namespaces.join(' and ')}, with new metric names`,
      ]
    : [];
  const where = Object.fromEntries(['account', 'region', 'createdAt', 'fingerprint'].filter((k) => options[k] !== undefined).map((k) => [k, options[k]]));
  return {
    version: 1, id, ...where, existing: options.existing ?? null,
    source: { name: classicName, ...source }, target: balancers.map((b) => b.type).join('+'), balancers, steps, findings, followUps,
  };
}

/** What moves as it is is said too (as a note): the plan accounts for every Classic setting. */
function carry(find, feature, message) {
  find('note', feature, `carried over: ${message}`);
}

function healthCheck(target, hc, tgProtocol, alb, find, say) {
  if (!target) return {};
  let protocol = target.protocol;
  let path = target.path;
  const http = tgProtocol === 'HTTP' || tgProtocol === 'HTTPS';
  if (alb || http) {
    if (protocol === 'TCP' || protocol === 'SSL') {
      const now = protocol === 'TCP' ? 'HTTP' : 'HTTPS';
      if (say) find('changed', 'health check', `${protocol}:${target.port} health checks are not allowed on an HTTP(S) target group: ${now} on /, port ${target.port}`);
      protocol = now;
      path = '/';
    }
  } else if (protocol === 'SSL') {
    if (say) find('changed', 'health check', `SSL:${target.port} health checks do not exist on ELBv2: TCP on port ${target.port}`);
    protocol = 'TCP';
  }
  if (say && protocol === target.protocol) carry(find, 'health check', `${hc.Target} every ${hc.Interval} s, timeout ${hc.Timeout} s, thresholds ${hc.HealthyThreshold}/${hc.UnhealthyThreshold}`);
  const out = {
    HealthCheckProtocol: protocol,
    HealthCheckPort: target.port,
    HealthCheckIntervalSeconds: hc.Interval,
    HealthCheckTimeoutSeconds: hc.Timeout,
    HealthyThresholdCount: hc.HealthyThreshold,
    UnhealthyThresholdCount: hc.UnhealthyThreshold,
  };
  if (protocol === 'HTTP' || protocol === 'HTTPS') {
    out.HealthCheckPath = path || '/';
    out.Matcher = { HttpCode: '200' };
  }
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

function tgAttributes({ alb, stickiness, drainingSeconds, proxy, find, port, crossZoneOff }) {
  const out = [{ Key: 'deregistration_delay.timeout_seconds', Value: String(Math.min(drainingSeconds, 3600)) }];
  if (crossZoneOff) out.push({ Key: 'load_balancing.cross_zone.enabled', Value: 'false' });
  if (stickiness?.type === 'lb_cookie') {
    out.push({ Key: 'stickiness.enabled', Value: 'true' }, { Key: 'stickiness.type', Value: 'lb_cookie' }, { Key: 'stickiness.lb_cookie.duration_seconds', Value: String(stickiness.seconds) });
  } else if (stickiness?.type === 'app_cookie') {
    out.push({ Key: 'stickiness.enabled', Value: 'true' }, { Key: 'stickiness.type', Value: 'app_cookie' }, { Key: 'stickiness.app_cookie.cookie_name', Value: stickiness.cookie }, { Key: 'stickiness.app_cookie.duration_seconds', Value: String(stickiness.seconds) });
  }
  if (proxy) {
    if (alb) find('dropped', 'proxy protocol', `proxy protocol on instance port ${port}: an Application Load Balancer sends X-Forwarded-For headers instead`);
    else {
      out.push({ Key: 'proxy_protocol_v2.enabled', Value: 'true' });
      find('changed', 'proxy protocol', `proxy protocol v1 on instance port ${port} becomes v2, a binary header: the back end must understand it`);
    }
  }
  return out;
}

const OLD_TLS = ['Protocol-SSLv3', 'Protocol-TLSv1', 'Protocol-TLSv1.1'];

/**
 * Whether a Classic negotiation policy lets clients in on SSLv3, TLS 1.0 or 1.1: by its protocol
 * attributes (AWS lists them all, predefined policies included), else by its reference's name
 * (only the TLS-1-2 and TLS13 families refuse them).
 */
function allowsOldTls(policy) {
  const protocols = (policy?.PolicyAttributeDescriptions ?? []).filter((a) => a.AttributeName?.startsWith('Protocol-'));
  if (protocols.length) return protocols.some((a) => OLD_TLS.includes(a.AttributeName) && a.AttributeValue === 'true');
  const reference = attr(policy, 'Reference-Security-Policy');
  return reference ? !/TLS-1-2|TLS13/.test(reference) : false;
}

function sslPolicy(listener, policies, available, find) {
  const named = listener.PolicyNames.map((n) => policies[n]).find((p) => p?.PolicyTypeName === 'SSLNegotiationPolicyType');
  const at = `${listener.Protocol}:${listener.LoadBalancerPort}`;
  // The default refuses TLS 1.0 and 1.1: say so when the Classic policy let such clients in.
  const refused = (why) => find('note', 'TLS clients', `${at}: ${why}; clients on TLS 1.0/1.1 (or SSLv3) will be refused by ${DEFAULT_SSL_POLICY}`);
  if (!named) {
    find('changed', 'TLS policy', `${at} has no negotiation policy read: ${DEFAULT_SSL_POLICY}`);
    refused("the Classic listener's policy was not read (ELB's default, ELBSecurityPolicy-2016-08, allows TLS 1.0)");
    return DEFAULT_SSL_POLICY;
  }
  const reference = attr(named, 'Reference-Security-Policy');
  if (reference && available.includes(reference)) {
    find('note', 'TLS policy', `${at} keeps ${reference}`);
    return reference;
  }
  find('changed', 'TLS policy', reference
    ? `${at}: ${reference} does not exist on ELBv2: ${DEFAULT_SSL_POLICY}`
    : `${at}: the custom policy ${named.PolicyName} (its own ciphers and protocols) cannot exist on ELBv2, which has predefined policies only: ${DEFAULT_SSL_POLICY}`);
  if (allowsOldTls(named)) refused(`${named.PolicyName} allowed them`);
  return DEFAULT_SSL_POLICY;
}
