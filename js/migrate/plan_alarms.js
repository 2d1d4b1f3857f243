// CloudWatch alarms on the Classic balancer's metrics become alarms on the new balancers' (the
// metric mapping of MIGRATION.md as a table); those with no counterpart are dropped, said so.

/**
 * Classic (`AWS/ELB`) metric → the new balancers' metric by type; `perTargetGroup`: the new metric
 * has a TargetGroup dimension too, so one alarm per target group.
 */
export const ALARM_METRICS = {
  RequestCount: { application: 'RequestCount' },
  Latency: { application: 'TargetResponseTime' },
  HTTPCode_ELB_4XX: { application: 'HTTPCode_ELB_4XX_Count' },
  HTTPCode_ELB_5XX: { application: 'HTTPCode_ELB_5XX_Count' },
  HTTPCode_Backend_2XX: { application: 'HTTPCode_Target_2XX_Count' },
  HTTPCode_Backend_3XX: { application: 'HTTPCode_Target_3XX_Count' },
  HTTPCode_Backend_4XX: { application: 'HTTPCode_Target_4XX_Count' },
  HTTPCode_Backend_5XX: { application: 'HTTPCode_Target_5XX_Count' },
  BackendConnectionErrors: { application: 'TargetConnectionErrorCount' },
  HealthyHostCount: { application: 'HealthyHostCount', network: 'HealthyHostCount', perTargetGroup: true },
  UnHealthyHostCount: { application: 'UnHealthyHostCount', network: 'UnHealthyHostCount', perTargetGroup: true },
  EstimatedALBActiveConnectionCount: { application: 'ActiveConnectionCount', network: 'ActiveFlowCount' },
};
const NAMESPACE = { application: 'AWS/ApplicationELB', network: 'AWS/NetworkELB' };
// What an alarm keeps as it is.
const KEPT = ['AlarmDescription', 'ActionsEnabled', 'OKActions', 'AlarmActions', 'InsufficientDataActions', 'Statistic', 'ExtendedStatistic',
  'Period', 'Unit', 'EvaluationPeriods', 'DatapointsToAlarm', 'Threshold', 'ComparisonOperator', 'TreatMissingData', 'EvaluateLowSampleCountPercentile'];

/** `{ alarms, steps }` for `classicAlarms` (as planMigration read them; undefined: not read). */
export function planAlarms(classicAlarms, balancers, { tags, find, carried }) {
  const alarms = [];
  const steps = [];
  for (const a of classicAlarms ?? []) {
    const mapping = ALARM_METRICS[a.MetricName];
    const targets = balancers.filter((b) => mapping?.[b.type]);
    if (!targets.length) {
      find('dropped', 'alarms', `${a.AlarmName} watches ${a.MetricName}, which ${mapping || !(a.MetricName in ALARM_METRICS) ? `has no counterpart on ${balancers.map((b) => (b.type === 'application' ? 'an ALB' : 'an NLB')).join(' or ') || 'ELBv2'}` : 'ELBv2 does not have'}${/Surge|Spillover/.test(a.MetricName) ? ' (ELBv2 has no surge queue)' : ''}: not moved`);
      continue;
    }
    for (const b of targets) {
      const metric = mapping[b.type];
      const groups = mapping.perTargetGroup ? b.targetGroups : [undefined];
      for (const tg of groups) {
        const name = `${a.AlarmName}-${b.name}${tg ? `-${tg.name}` : ''}`.slice(0, 255);
        const Dimensions = [{ Name: 'LoadBalancer', Value: `{{dim:lb:${b.key}}}` }];
        if (tg) Dimensions.push({ Name: 'TargetGroup', Value: `{{dim:tg:${tg.key}}}` });
        const input = { AlarmName: name, MetricName: metric, Namespace: NAMESPACE[b.type], Dimensions, Tags: tags };
        for (const k of KEPT) if (a[k] !== undefined && a[k] !== null) input[k] = a[k];
        alarms.push({ name, from: a.AlarmName, metric, namespace: NAMESPACE[b.type], balancer: b.name, ...(tg && { targetGroup: tg.name }) });
        steps.push({ action: 'PutMetricAlarm', why: `alarm ${a.AlarmName} on ${metric} of ${b.name}${tg ? `/${tg.name}` : ''}`, input });
      }
      carried('alarms', `${a.AlarmName}: ${a.MetricName} → ${metric} on ${b.name}${mapping.perTargetGroup ? ', one alarm per target group' : ''}`);
    }
  }
  return { alarms, steps };
}
