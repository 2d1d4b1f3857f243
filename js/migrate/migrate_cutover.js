// Moving the traffic (../shared/API.md, "Cut-over"): the DNS record that points at the Classic
// balancer becomes a weighted pair (set identifiers `classic` and `elbv2`) in one atomic change,
// the new balancer's weight raised step by step; between steps a bake, then gates (every target of
// the new balancer healthy; its 5xx rate from CloudWatch at most `maxErrorRate` and no worse than
// the Classic balancer's over the same window). A failed gate puts all traffic back on the Classic
// balancer. The weights Route 53 holds are the state: running it again continues from them.
import { ElbError } from '../client/elb_error.js';
import { PLAN_TAG } from './plan_tags.js';

const CLASSIC = 'classic';
const NEW = 'elbv2';
const fqdn = (name) => `${String(name).toLowerCase().replace(/\.$/, '')}.`;
// An alias to a balancer may name it with or without the `dualstack.` prefix.
const sameTarget = (a, b) => fqdn(a).replace(/^dualstack\./, '') === fqdn(b).replace(/^dualstack\./, '');
const refused = (why) => new ElbError(`the cut-over cannot start: ${why}`, { code: 'CutoverRefused' });

function abortable(signal) {
  if (signal?.aborted) throw new ElbError('the cut-over was aborted', { code: 'AbortError' });
}

/** Sleeps `ms` in steps of a second, telling `tick(left)`; false when `signal` fires. */
async function bake(ms, signal, tick) {
  const end = Date.now() + ms;
  for (let i = 0; i < 100_000; i++) {
    const left = end - Date.now();
    if (left <= 0) return true;
    if (signal?.aborted) return false;
    tick?.(Math.ceil(left / 1000));
    await new Promise((r) => setTimeout(r, Math.min(1000, left)));
  }
  return true;
}

/** The hosted zone holding `record` (the longest zone name it ends with) and its records of that name. */
async function findRecord(route53, record, { signal }) {
  const name = fqdn(record);
  const labels = name.split('.').filter(Boolean);
  for (let i = 0; i < labels.length - 1; i++) {
    const zoneName = `${labels.slice(i).join('.')}.`;
    const { HostedZones = [] } = await route53.listHostedZonesByName({ DNSName: zoneName, MaxItems: '1' }, { signal });
    const zone = HostedZones.find((z) => fqdn(z.Name) === zoneName && !z.Config?.PrivateZone) ?? HostedZones.find((z) => fqdn(z.Name) === zoneName);
    if (!zone) continue;
    const records = [];
    for await (const page of route53.paginateListResourceRecordSets({ HostedZoneId: zone.Id, StartRecordName: name }, { signal })) {
      const here = (page.ResourceRecordSets ?? []).filter((r) => fqdn(r.Name) === name);
      records.push(...here);
      if (here.length < (page.ResourceRecordSets ?? []).length) break;
    }
    return { zoneId: zone.Id, records: records.filter((r) => ['CNAME', 'A', 'AAAA'].includes(r.Type)) };
  }
  throw refused(`no hosted zone holds ${record}`);
}

/** The new balancer the record moves to: the plan's, applied (it carries the tag) and active. */
async function newBalancer(plan, v2, which, { signal }) {
  const candidates = plan.balancers.filter((b) => !which || b.type === which);
  if (candidates.length !== 1) throw refused(which ? `the plan has no ${which} balancer` : `the plan has ${plan.balancers.length} balancers: say which takes the record (balancer: 'application' | 'network')`);
  const [planned] = candidates;
  let lb;
  try {
    lb = (await v2.describeLoadBalancers({ Names: [planned.name] }, { signal })).LoadBalancers?.[0];
  } catch (e) {
    if (/NotFound$/.test(e?.code ?? '')) throw refused(`${planned.name} does not exist: apply the plan first`);
    throw e;
  }
  const tags = (await v2.describeTags({ ResourceArns: [lb.LoadBalancerArn] }, { signal })).TagDescriptions?.[0]?.Tags ?? [];
  if (!tags.some((t) => t.Key === PLAN_TAG && t.Value === plan.id)) throw refused(`${planned.name} is not this plan's (no ${PLAN_TAG}=${plan.id} tag): apply the plan first`);
  if (lb.State?.Code !== 'active') throw refused(`${planned.name} is ${lb.State?.Code ?? 'not active'}, not active`);
  return { planned, lb };
}

/** The two weighted records, or the plain one, of the pair's shape: CNAME or alias, TTL kept. */
function recordTo(base, target, { setIdentifier, weight } = {}) {
  const r = { Name: base.Name, Type: base.Type };
  if (setIdentifier) Object.assign(r, { SetIdentifier: setIdentifier, Weight: weight });
  if (base.AliasTarget) {
    r.AliasTarget = { HostedZoneId: target.zoneId, DNSName: `dualstack.${target.dns}`, EvaluateTargetHealth: true };
  } else {
    Object.assign(r, { TTL: base.TTL ?? 60, ResourceRecords: [{ Value: target.dns }] });
  }
  return r;
}

async function change(route53, zoneId, changes, comment, { signal }) {
  const { ChangeInfo } = await route53.changeResourceRecordSets({ HostedZoneId: zoneId, ChangeBatch: { Comment: comment, Changes: changes } }, { signal });
  await route53.waitUntilResourceRecordSetsChanged({ Id: ChangeInfo.Id }, { signal, delayMs: 2000 });
}

/** The sum of each metric over the window (CloudWatch GetMetricData, one call). */
async function sums(cloudwatch, queries, start, end, { signal }) {
  if (!queries.length) return {};
  // A bake of 0 s has no window, and CloudWatch wants StartTime before EndTime.
  start = Math.min(start, end - 1000);
  const period = Math.max(60, Math.ceil((end - start) / 1000 / 60) * 60);
  const { MetricDataResults = [] } = await cloudwatch.getMetricData({
    StartTime: new Date(start), EndTime: new Date(end),
    MetricDataQueries: queries.map(({ id, namespace, metric, dimensions }) => ({
      Id: id, ReturnData: true,
      MetricStat: { Metric: { Namespace: namespace, MetricName: metric, Dimensions: dimensions }, Period: period, Stat: 'Sum' },
    })),
  }, { signal });
  return Object.fromEntries(MetricDataResults.map((r) => [r.Id, (r.Values ?? []).reduce((a, b) => a + b, 0)]));
}

/** Why the new balancer may not take more traffic, or undefined when the gates pass. */
async function gates({ v2, cloudwatch }, { lb, planned, classicName, maxErrorRate, start, end, signal }) {
  for (const tg of planned.targetGroups) {
    const { TargetGroups = [] } = await v2.describeTargetGroups({ Names: [tg.name] }, { signal });
    for (const group of TargetGroups) {
      const { TargetHealthDescriptions = [] } = await v2.describeTargetHealth({ TargetGroupArn: group.TargetGroupArn }, { signal });
      const sick = TargetHealthDescriptions.filter((d) => d.TargetHealth?.State !== 'healthy');
      if (!TargetHealthDescriptions.length) return `target group ${tg.name} has no targets`;
      if (sick.length) return `${sick.length} target(s) of ${tg.name} not healthy (${sick.map((d) => `${d.Target?.Id}: ${d.TargetHealth?.State}`).join(', ')})`;
    }
  }
  if (planned.type !== 'application' || !cloudwatch) return undefined;
  const dim = lb.LoadBalancerArn.split(':loadbalancer/')[1];
  const alb = (metric) => ({ namespace: 'AWS/ApplicationELB', metric, dimensions: [{ Name: 'LoadBalancer', Value: dim }] });
  const elb = (metric) => ({ namespace: 'AWS/ELB', metric, dimensions: [{ Name: 'LoadBalancerName', Value: classicName }] });
  const s = await sums(cloudwatch, [
    { id: 'n5xxelb', ...alb('HTTPCode_ELB_5XX_Count') }, { id: 'n5xxtarget', ...alb('HTTPCode_Target_5XX_Count') }, { id: 'nrequests', ...alb('RequestCount') },
    { id: 'c5xxelb', ...elb('HTTPCode_ELB_5XX') }, { id: 'c5xxbackend', ...elb('HTTPCode_Backend_5XX') }, { id: 'crequests', ...elb('RequestCount') },
  ], start, end, { signal });
  const rate = (errors, requests) => (requests > 0 ? errors / requests : 0);
  const mine = rate((s.n5xxelb ?? 0) + (s.n5xxtarget ?? 0), s.nrequests ?? 0);
  const theirs = rate((s.c5xxelb ?? 0) + (s.c5xxbackend ?? 0), s.crequests ?? 0);
  const pct = (r) => `${(r * 100).toFixed(2)}%`;
  if (mine > maxErrorRate) return `${planned.name}'s 5xx rate ${pct(mine)} is over maxErrorRate ${pct(maxErrorRate)}`;
  if (mine > theirs && mine > 0) return `${planned.name}'s 5xx rate ${pct(mine)} is worse than the Classic balancer's ${pct(theirs)} over the same window`;
  return undefined;
}

/**
 * Moves `record` from the plan's Classic balancer to its new one. Options: `record`, `balancer`
 * ('application' | 'network' of a split plan), `steps` (percent, default [10, 50, 100]),
 * `bakeSeconds` (300), `maxErrorRate` (0.01), `finalize`, `onProgress`, `signal`. Resolves to
 * `{ state: 'done' | 'reverted' | 'paused', weights: { classic, new }, reason?, deleteClassic? }`.
 */
export async function cutover(plan, { v2, route53, cloudwatch }, options = {}) {
  const { bakeSeconds = 300, maxErrorRate = 0.01, finalize = false, onProgress, signal } = options;
  const ready = await prepare(plan, { v2, route53 }, options);
  if (ready.final) return ready.final;
  const { planned, lb, zoneId, classic, weights, weighted, steps } = ready;
  let { base, current } = ready;
  const say = (p) => onProgress?.(p);
  const revert = async (reason) => {
    await change(route53, zoneId, weighted(base, 0).map((r) => ({ Action: 'UPSERT', ResourceRecordSet: r })), `elb-wasm ${plan.id}: reverted`, { signal: undefined });
    say({ phase: 'reverted', weights: weights(0), reason });
    return { state: 'reverted', weights: weights(0), reason };
  };

  for (const w of steps.filter((s) => s > current)) {
    if (signal?.aborted) return { state: 'paused', weights: weights(current) };
    say({ phase: 'weights', weights: weights(w) });
    await change(route53, zoneId, changesTo(base, weighted(base, w)), `elb-wasm ${plan.id}: ${w}% to ${planned.name}`, { signal });
    base = weighted(base, w)[0];
    current = w;
    const start = Date.now();
    if (!(await bake(bakeSeconds * 1000, signal, (left) => say({ phase: 'bake', weights: weights(w), secondsLeft: left })))) {
      return { state: 'paused', weights: weights(w) };
    }
    abortable(signal);
    const why = await gates({ v2, cloudwatch }, { lb, planned, classicName: classic.LoadBalancerName, maxErrorRate, start, end: Date.now(), signal });
    if (why) return revert(why);
    say({ phase: 'passed', weights: weights(w) });
  }
  if (finalize) {
    await change(route53, zoneId, finalChanges(base, ready), `elb-wasm ${plan.id}: final`, { signal });
    say({ phase: 'final', weights: weights(100) });
  }
  return { ...ready.done, weights: weights(100) };
}

/** A step's change: UPSERT of the pair, or (from the plain record) its DELETE and the pair's CREATE. */
const changesTo = (base, pair) => (base.SetIdentifier
  ? pair.map((r) => ({ Action: 'UPSERT', ResourceRecordSet: r }))
  : [{ Action: 'DELETE', ResourceRecordSet: base }, ...pair.map((r) => ({ Action: 'CREATE', ResourceRecordSet: r }))]);

/** The pair at 100% replaced by a plain record to the new balancer. */
function finalChanges(base, { weighted, targets }) {
  const final = recordTo(base, targets.new);
  return [...weighted(base, 100).map((r) => ({ Action: 'DELETE', ResourceRecordSet: r })), { Action: 'CREATE', ResourceRecordSet: final }];
}

/**
 * Everything a cut-over checks and reads before its first change (refusing what it must): the new
 * balancer, the record and where it stands. `{ final }` when the record is final already.
 */
async function prepare(plan, { v2, route53 }, options) {
  const { record, balancer, steps = [10, 50, 100], signal } = options;
  if (!record) throw new ElbError('record is required', { code: 'InvalidInput', field: 'record' });
  if (!steps.length || steps.some((w, i) => !Number.isInteger(w) || w < 1 || w > 100 || (i && w <= steps[i - 1])) || steps.at(-1) !== 100) {
    throw new ElbError('steps must be whole percents rising to 100', { code: 'InvalidInput', field: 'steps' });
  }
  const classic = plan?.source?.description;
  if (!classic?.DNSName) throw refused('the plan does not say where its Classic balancer answers (no DNSName)');
  const { planned, lb } = await newBalancer(plan, v2, balancer, { signal });
  const { zoneId, records } = await findRecord(route53, record, { signal });
  // An alias names its target's hosted zone: the Classic balancer's, or the one the record has now.
  const aliasZone = records.find((r) => r.AliasTarget)?.AliasTarget.HostedZoneId;
  const targets = {
    classic: { dns: classic.DNSName, zoneId: classic.CanonicalHostedZoneNameID ?? aliasZone },
    new: { dns: lb.DNSName, zoneId: lb.CanonicalHostedZoneId },
  };
  if (records.some((r) => r.AliasTarget) && !(targets.classic.zoneId && targets.new.zoneId)) {
    throw refused(`an alias needs both balancers' canonical hosted zone ids, and ${targets.new.zoneId ? 'the Classic balancer' : planned.name} reports none`);
  }
  const points = (r, t) => (r.AliasTarget ? sameTarget(r.AliasTarget.DNSName, t.dns) : r.ResourceRecords?.some((v) => sameTarget(v.Value, t.dns)));
  const plain = records.filter((r) => !r.SetIdentifier);
  const pair = { classic: records.find((r) => r.SetIdentifier === CLASSIC), new: records.find((r) => r.SetIdentifier === NEW) };
  const weights = (w) => ({ classic: 100 - w, new: w });
  const done = { state: 'done', deleteClassic: `aws elb delete-load-balancer --load-balancer-name ${classic.LoadBalancerName}` };

  // Where the record stands: plain to the Classic balancer (start), the pair (resume), or final.
  let base;
  let current = 0;
  if (pair.classic && pair.new) {
    if (!points(pair.classic, targets.classic) || !points(pair.new, targets.new)) throw refused(`${record}'s weighted pair does not point at this plan's balancers`);
    base = pair.classic;
    current = Math.round(((pair.new.Weight ?? 0) * 100) / Math.max(1, (pair.new.Weight ?? 0) + (pair.classic.Weight ?? 0)));
  } else if (plain.length === 1 && points(plain[0], targets.new)) {
    return { final: { ...done, weights: weights(100) } };
  } else if (plain.length === 1 && points(plain[0], targets.classic)) {
    base = plain[0];
  } else {
    throw refused(`${record} does not point at the plan's Classic balancer ${classic.DNSName}`);
  }
  const weighted = (from, w) => [
    recordTo(from, targets.classic, { setIdentifier: CLASSIC, weight: 100 - w }),
    recordTo(from, targets.new, { setIdentifier: NEW, weight: w }),
  ];
  return { planned, lb, zoneId, classic, targets, weights, weighted, steps, base, current, done };
}

/**
 * The cut-over as a bash script of `aws route53 change-resource-record-sets` commands, for a person
 * who runs the steps by hand: each step's change, its wait for INSYNC, and the bake, with the
 * gates to check written as comments (the script checks none).
 */
export async function cutoverScript(plan, { v2, route53 }, options = {}) {
  const { bakeSeconds = 300, maxErrorRate = 0.01, finalize = false } = options;
  const ready = await prepare(plan, { v2, route53 }, options);
  if (ready.final) return `# ${options.record} already points at the new balancer alone: nothing to do.\n`;
  const { planned, zoneId, weighted, steps } = ready;
  let { base } = ready;
  const q = (text) => `'${String(text).replaceAll("'", `'\\''`)}'`;
  const lines = [
    '#!/usr/bin/env bash',
    `# Cut-over of ${options.record} from the Classic balancer ${ready.classic.LoadBalancerName} to ${planned.name} (plan ${plan.id}).`,
    '# Between steps, check by hand before going on: every target of the new balancer healthy, and its 5xx',
    `# rate (HTTPCode_ELB_5XX_Count + HTTPCode_Target_5XX_Count over RequestCount) at most ${maxErrorRate} and no worse than`,
    '# the Classic balancer\'s. To put the traffic back: elb-wasm migrate --revert-cutover PLAN.json --record NAME.',
    'set -euo pipefail',
    'EXTRA=("$@")',
    'r53() { aws route53 "$@" ${EXTRA[@]+"${EXTRA[@]}"}; }',
    '',
  ];
  const batch = (changes, comment) => {
    lines.push(`ID=$(r53 change-resource-record-sets --hosted-zone-id ${q(zoneId)} --change-batch ${q(JSON.stringify({ Comment: comment, Changes: changes }))} --query 'ChangeInfo.Id' --output text)`);
    lines.push('r53 wait resource-record-sets-changed --id "$ID"');
  };
  for (const w of steps.filter((s) => s > ready.current)) {
    lines.push(`# ${w}% to ${planned.name}`);
    batch(changesTo(base, weighted(base, w)), `elb-wasm ${plan.id}: ${w}% to ${planned.name}`);
    base = weighted(base, w)[0];
    lines.push(`echo ${q(`${w}% on ${planned.name}: baking ${bakeSeconds} s`)}`, `sleep ${Number(bakeSeconds)}`, '');
  }
  if (finalize) {
    lines.push(`# final: a plain record to ${planned.name}`);
    batch(finalChanges(base, ready), `elb-wasm ${plan.id}: final`);
  }
  lines.push(`# The Classic balancer is not deleted; when you are sure: ${ready.done.deleteClassic}`, '');
  return lines.join('\n');
}

/**
 * Puts all of `record`'s traffic back on the Classic balancer: a weighted pair gets the weights
 * 100 / 0 (one atomic change; cutover starts again from there), a record finalized to the new
 * balancer becomes the plain record to the Classic balancer again.
 */
export async function revertCutover(plan, { route53 }, { record, signal } = {}) {
  if (!record) throw new ElbError('record is required', { code: 'InvalidInput', field: 'record' });
  const classic = plan?.source?.description;
  if (!classic?.DNSName) throw refused('the plan does not say where its Classic balancer answers (no DNSName)');
  const { zoneId, records } = await findRecord(route53, record, { signal });
  const aliasZone = records.find((r) => r.AliasTarget)?.AliasTarget.HostedZoneId;
  const back = { dns: classic.DNSName, zoneId: classic.CanonicalHostedZoneNameID ?? aliasZone };
  const pair = { classic: records.find((r) => r.SetIdentifier === CLASSIC), new: records.find((r) => r.SetIdentifier === NEW) };
  const comment = `elb-wasm ${plan.id}: reverted`;
  if (pair.classic && pair.new) {
    await change(route53, zoneId, [
      { Action: 'UPSERT', ResourceRecordSet: recordTo(pair.classic, back, { setIdentifier: CLASSIC, weight: 100 }) },
      { Action: 'UPSERT', ResourceRecordSet: { ...pair.new, Weight: 0 } },
    ], comment, { signal });
    return { state: 'reverted', weights: { classic: 100, new: 0 } };
  }
  const plain = records.filter((r) => !r.SetIdentifier);
  const pointsBack = (r) => (r.AliasTarget ? sameTarget(r.AliasTarget.DNSName, back.dns) : r.ResourceRecords?.some((v) => sameTarget(v.Value, back.dns)));
  if (plain.length !== 1 || pointsBack(plain[0])) {
    throw new ElbError(`${record} is not a cut-over's weighted pair or a record it finalized: nothing to revert`, { code: 'NothingToRevert' });
  }
  // Same name and type, no set identifier: one UPSERT replaces it.
  await change(route53, zoneId, [{ Action: 'UPSERT', ResourceRecordSet: recordTo(plain[0], back) }], comment, { signal });
  return { state: 'reverted', weights: { classic: 100, new: 0 } };
}
