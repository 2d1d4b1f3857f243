// The selected balancer's CloudWatch metrics over the chosen range: one GetMetricData call (through
// the package's CloudWatchClient) for every chart of the view — requests, 5xx of the balancer and of
// its targets, response time (p50/p99 where the namespace has percentiles), healthy and unhealthy hosts.
import { $, run, session } from './ui.js';
import { chart } from './chart.js';

/** A period per range that keeps a chart near 60–300 points. */
const PERIOD = { 1: 60, 3: 60, 12: 300, 24: 300 };

/**
 * The charts of a balancer kind: each `{ title, unit, series: [{ label, metric, stat }] }`.
 * Host counts of ALBs and NLBs are per target group: their series sum the groups'.
 */
const CHARTS = {
  classic: {
    namespace: 'AWS/ELB',
    charts: [
      { title: 'Requests (sum)', series: [{ metric: 'RequestCount', stat: 'Sum' }] },
      { title: '5xx (load balancer, targets)', series: [{ label: 'load balancer', metric: 'HTTPCode_ELB_5XX', stat: 'Sum' }, { label: 'targets', metric: 'HTTPCode_Backend_5XX', stat: 'Sum' }] },
      { title: 'Response time (average)', unit: ' s', series: [{ metric: 'Latency', stat: 'Average' }] },
      { title: 'Hosts (healthy, unhealthy)', series: [{ label: 'healthy', metric: 'HealthyHostCount', stat: 'Average' }, { label: 'unhealthy', metric: 'UnHealthyHostCount', stat: 'Average' }] },
    ],
  },
  application: {
    namespace: 'AWS/ApplicationELB',
    charts: [
      { title: 'Requests (sum)', series: [{ metric: 'RequestCount', stat: 'Sum' }] },
      { title: '5xx (load balancer, targets)', series: [{ label: 'load balancer', metric: 'HTTPCode_ELB_5XX_Count', stat: 'Sum' }, { label: 'targets', metric: 'HTTPCode_Target_5XX_Count', stat: 'Sum' }] },
      { title: 'Response time (p50, p99)', unit: ' s', series: [{ label: 'p50', metric: 'TargetResponseTime', stat: 'p50' }, { label: 'p99', metric: 'TargetResponseTime', stat: 'p99' }] },
      { title: 'Hosts (healthy, unhealthy)', series: [{ label: 'healthy', metric: 'HealthyHostCount', stat: 'Average', perGroup: true }, { label: 'unhealthy', metric: 'UnHealthyHostCount', stat: 'Average', perGroup: true }] },
    ],
  },
  network: {
    namespace: 'AWS/NetworkELB',
    charts: [
      { title: 'New flows (sum)', series: [{ metric: 'NewFlowCount', stat: 'Sum' }] },
      { title: 'TCP resets (load balancer, targets)', series: [{ label: 'load balancer', metric: 'TCP_ELB_Reset_Count', stat: 'Sum' }, { label: 'targets', metric: 'TCP_Target_Reset_Count', stat: 'Sum' }] },
      { title: 'Hosts (healthy, unhealthy)', series: [{ label: 'healthy', metric: 'HealthyHostCount', stat: 'Average', perGroup: true }, { label: 'unhealthy', metric: 'UnHealthyHostCount', stat: 'Average', perGroup: true }] },
    ],
  },
  gateway: {
    namespace: 'AWS/GatewayELB',
    charts: [
      { title: 'Hosts (healthy, unhealthy)', series: [{ label: 'healthy', metric: 'HealthyHostCount', stat: 'Average', perGroup: true }, { label: 'unhealthy', metric: 'UnHealthyHostCount', stat: 'Average', perGroup: true }] },
    ],
  },
};

/** The dimensions of a balancer (and of one of its target groups) as CloudWatch names them. */
function dimensions(target, group) {
  if (target.kind === 'classic') return [{ Name: 'LoadBalancerName', Value: target.name }];
  // `app/NAME/ID` of `arn:…:loadbalancer/app/NAME/ID`, `targetgroup/NAME/ID` of a group's ARN.
  const lb = { Name: 'LoadBalancer', Value: target.arn.split(':loadbalancer/')[1] };
  // TargetGroup first: CloudWatch takes dimensions in any order, moto only in the order they were put
  // (its ELB metrics, and AWS's documentation, list TargetGroup first).
  return group ? [{ Name: 'TargetGroup', Value: group.TargetGroupArn.split(':').pop() }, lb] : [lb];
}

let current = null;

/** Shows the metrics of `target` ({ kind, name, arn?, targetGroups? }) for the chosen range. */
export async function showMetrics(target) {
  current = target;
  $('#metrics').hidden = false;
  $('#metrics-of').textContent = target.name;
  await draw();
}

async function draw() {
  const target = current;
  const spec = CHARTS[target.kind];
  if (!spec) return;
  const hours = Number($('#metrics-range').value);
  const period = PERIOD[hours];
  const end = new Date(Math.ceil(Date.now() / 60_000) * 60_000);
  const start = new Date(end - hours * 3600_000);
  const groups = target.targetGroups ?? [];
  const queries = [];
  const ids = spec.charts.map((c, ci) => c.series.map((s, si) => {
    const scopes = s.perGroup ? groups : [null];
    return scopes.map((group, gi) => {
      const Id = `c${ci}s${si}g${gi}`;
      queries.push({ Id, MetricStat: { Metric: { Namespace: spec.namespace, MetricName: s.metric, Dimensions: dimensions(target, group) }, Period: period, Stat: s.stat } });
      return Id;
    });
  }));
  const results = new Map();
  if (queries.length) {
    let token;
    do {
      const page = await session.cloudwatch.getMetricData({ MetricDataQueries: queries, StartTime: start, EndTime: end, ScanBy: 'TimestampAscending', NextToken: token });
      for (const r of page.MetricDataResults ?? []) {
        const seen = results.get(r.Id) ?? [];
        (r.Timestamps ?? []).forEach((t, i) => seen.push({ t: new Date(t), v: r.Values?.[i] }));
        results.set(r.Id, seen);
      }
      token = page.NextToken;
    } while (token);
  }
  // A balancer changed while this was read: its charts are not drawn under another's name.
  if (target !== current) return;
  const figures = spec.charts.map((c, ci) => chart({
    title: c.title,
    unit: c.unit,
    start,
    end,
    series: c.series.map((s, si) => ({ label: s.label ?? '', points: sumByTime(ids[ci][si].map((id) => results.get(id) ?? [])) })),
  }));
  $('#charts').replaceChildren(...figures);
}

/** One series of several (a host count per target group): values at the same time added. */
function sumByTime(lists) {
  const at = new Map();
  for (const points of lists) for (const p of points) if (typeof p.v === 'number') at.set(+p.t, (at.get(+p.t) ?? 0) + p.v);
  return [...at].sort((a, b) => a[0] - b[0]).map(([t, v]) => ({ t: new Date(t), v }));
}

export function setUpMetrics() {
  $('#metrics-range').addEventListener('change', (ev) => {
    if (current) run(`Reading metrics of ${current.name}`, draw, ev.currentTarget);
  });
  $('#metrics-refresh').addEventListener('click', (ev) => {
    if (current) run(`Reading metrics of ${current.name}`, draw, ev.currentTarget);
  });
}
