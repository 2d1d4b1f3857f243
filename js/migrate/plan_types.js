// Which ELBv2 balancer(s) the Classic listeners become (MIGRATION.md's first rows): HTTP(S) to an
// ALB, TCP/SSL to an NLB, both to one of each, or what `target` forces.

const HTTP_LIKE = new Set(['HTTP', 'HTTPS']);

/** The Classic balancer's listeners, each with its policy names. */
export function listenersOf(description) {
  return (description.ListenerDescriptions ?? []).map((ld) => ({ ...ld.Listener, PolicyNames: ld.PolicyNames ?? [] }));
}

/** `[{ type, listeners }]`, the first the balancer a chosen name goes to; findings through `find`. */
export function chooseTypes(d, listeners, options, find) {
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
  return groups;
}
