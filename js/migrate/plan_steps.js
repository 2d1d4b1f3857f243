// The plan's steps, in the order apply runs them (`{{ref}}` stands for an ARN not yet known), and
// what a person must do outside ELB afterwards.

/** The steps for `balancers`. */
export function planSteps(balancers, { tags, scaling, options }) {
  const steps = [];
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
  return steps;
}

/** The follow-ups outside ELB (none for a plan with no balancer). */
export function planFollowUps(balancers, { d, classicName, scaling, groupsRead, alarmsRead }) {
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
        alarmsRead
          ? `CloudWatch: dashboards on namespace AWS/ELB move to ${namespaces.join(' and ')}, with new metric names (the alarms are moved by the plan)`
          : `CloudWatch: alarms (not read: pass cloudwatch) and dashboards on namespace AWS/ELB move to ${namespaces.join(' and ')}, with new metric names`,
      ]
    : [];
  return followUps;
}
