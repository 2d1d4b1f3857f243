// One ELBv2 balancer of the plan (MIGRATION.md's rows for it): its name, attributes, target groups
// (one per instance protocol, port and stickiness; health check, draining, stickiness, proxy
// protocol) and listeners (certificates, TLS policy, idle timeout).
import { cleanName, uniqueName } from './plan_names.js';
import { attr } from './plan_settings.js';

const DEFAULT_SSL_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';
const STICKY_MAX = 604800; // ALB lb_cookie duration, seconds

/** The balancer for `group` (the `gi`th of the plan), or undefined when it has no listener. */
export function planBalancer(group, gi, ctx) {
  const {
    d, classicName, options, find, carried, policies, registerTargets, subnets, baseName, drainingSeconds, idle,
    crossZone, log, desync, tags, own, hc, target, proxyPorts, lbCookie, appCookie, sslPolicies, usedBalancers, usedGroups,
  } = ctx;
  if (!group.listeners.length) return undefined;
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
        healthCheck: healthCheck(target, hc, tgProtocol, alb, find, carried, gi === 0 && targetGroups.length === 0),
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
      listener.sslPolicy = sslPolicy(l, policies, sslPolicies, find);
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
  return { key, name, type, scheme: d.Scheme ?? 'internet-facing', subnets, securityGroups, attributes: lbAttributes, tags, listeners: lbListeners, targetGroups };
}

function healthCheck(target, hc, tgProtocol, alb, find, carried, say) {
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
  if (say && protocol === target.protocol) carried('health check', `${hc.Target} every ${hc.Interval} s, timeout ${hc.Timeout} s, thresholds ${hc.HealthyThreshold}/${hc.UnhealthyThreshold}`);
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
