// A fleet: every Classic balancer of an account and region planned at once, reported, and the ready
// ones applied (../shared/API.md, "A fleet"). What every plan shares is read once (account, ELBv2's
// balancers and target groups with their tags, TLS policies, Auto Scaling groups); the balancers'
// descriptions come 400 a page, their tags 20 names a call, and the rest three calls each, never more
// than `concurrency` requests in flight. The clients' own retry budgets are the fleet's: one each.
import { ElbError } from '../client/elb_error.js';
import { readClassic, sslPolicyNames, allScalingGroups, groupsOf, allAlarms, alarmsOf } from './migrate_read.js';
import { readShared, planFrom, withCli } from './migrate_from.js';
import { applyMigration } from './migrate_apply.js';
import { statusOf } from './migrate_report.js';

/** Runs `fn` over `items`, `n` at a time; resolves when all have settled. */
async function pool(items, n, fn) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(n, items.length)) }, worker));
}

const errorOf = (e) => ({ code: e?.code ?? 'Error', message: String(e?.message ?? e) });

/**
 * The clients with every call counted by operation (retries are the clients' own, not counted):
 * what the report says the fleet asked of each service. A paginator runs with the counting client
 * as its `this`, so its pages are counted; every call itself runs on the real client.
 */
function counting(clients, calls) {
  const wrap = (client) => {
    if (!client) return client;
    const proxy = new Proxy(client, {
      get(target, key) {
        const value = target[key];
        if (typeof value !== 'function' || typeof key !== 'string' || key === 'constructor' || key === 'toJSON') return value.bind?.(target) ?? value;
        if (/^(paginate|waitUntil)/.test(key)) return (...args) => value.apply(proxy, args);
        return (...args) => {
          calls[key] = (calls[key] ?? 0) + 1;
          return value.apply(target, args);
        };
      },
    });
    return proxy;
  };
  return Object.fromEntries(Object.entries(clients).map(([k, c]) => [k, wrap(c)]));
}

/** The descriptions of `names` (all of them when undefined): 400 a page, or 20 names a call. */
async function describeAll(elb, names, errors, { signal }) {
  const out = [];
  if (!names) {
    for await (const page of elb.paginateDescribeLoadBalancers({ PageSize: 400 }, { signal })) out.push(...(page.LoadBalancerDescriptions ?? []));
    return out;
  }
  for (let i = 0; i < names.length; i += 20) {
    const batch = names.slice(i, i + 20);
    try {
      out.push(...((await elb.describeLoadBalancers({ LoadBalancerNames: batch }, { signal })).LoadBalancerDescriptions ?? []));
    } catch (e) {
      // One missing name fails the whole call: asked one by one, the others are still read.
      if (e?.code === 'AbortError') throw e;
      for (const name of batch) {
        try {
          out.push(...((await elb.describeLoadBalancers({ LoadBalancerNames: [name] }, { signal })).LoadBalancerDescriptions ?? []));
        } catch (one) {
          if (one?.code === 'AbortError') throw one;
          errors.push({ name, error: errorOf(one) });
        }
      }
    }
  }
  return out;
}


/**
 * Plans every Classic balancer (or `names`). Resolves to `{ plans, summary, errors, requests }`:
 * plans in name order, `summary` `{ total, ready, changed, blocked, migrated }` over the plans,
 * `errors` `[{ name, error }]` for balancers that could not be read (the others are planned),
 * `requests` `{ total, byOperation }`: what it asked of the services (retries not counted).
 */
export async function planFleet(given, { names, concurrency = 4, options = {}, onProgress, signal } = {}) {
  const calls = {};
  const clients = counting(given, calls);
  const { elb, v2, autoscaling, cloudwatch } = clients;
  const errors = [];
  const shared = await readShared(clients, { signal });
  const sslPolicies = await sslPolicyNames(v2, { signal });
  const groups = await allScalingGroups(autoscaling, { signal });
  const alarms = await allAlarms(cloudwatch, { signal });
  const descriptions = (await describeAll(elb, names ? [...new Set(names)] : undefined, errors, { signal }))
    .sort((a, b) => (a.LoadBalancerName < b.LoadBalancerName ? -1 : 1));
  const tags = new Map();
  for (let i = 0; i < descriptions.length; i += 20) {
    const batch = descriptions.slice(i, i + 20).map((d) => d.LoadBalancerName);
    const { TagDescriptions = [] } = await elb.describeTags({ LoadBalancerNames: batch }, { signal });
    for (const t of TagDescriptions) tags.set(t.LoadBalancerName, t.Tags ?? []);
  }
  const sources = new Array(descriptions.length);
  let done = 0;
  await pool(descriptions, concurrency, async (description, i) => {
    const name = description.LoadBalancerName;
    try {
      sources[i] = await readClassic(elb, { description, tags: tags.get(name) ?? [], sslPolicies }, { signal });
      if (autoscaling) sources[i].autoScalingGroups = groupsOf(groups, name);
      if (cloudwatch) sources[i].alarms = alarmsOf(alarms, name);
    } catch (e) {
      if (e?.code === 'AbortError') throw e;
      errors.push({ name, error: errorOf(e) });
    }
    onProgress?.({ phase: 'read', name, done: ++done, total: descriptions.length });
  });
  // Planned one after the other, in name order: each plan's names are taken for the next ones.
  const planned = { balancers: [], targetGroups: [] };
  const plans = [];
  for (const source of sources.filter(Boolean)) {
    const plan = await planFrom({ ...shared, planned }, source, options);
    planned.balancers.push(...plan.balancers.map((b) => b.name));
    planned.targetGroups.push(...plan.balancers.flatMap((b) => b.targetGroups.map((t) => t.name)));
    plans.push(plan);
  }
  const summary = { total: plans.length, ready: 0, changed: 0, blocked: 0, migrated: 0 };
  for (const p of plans) summary[statusOf(p)]++;
  errors.sort((a, b) => (a.name < b.name ? -1 : 1));
  const total = Object.values(calls).reduce((a, b) => a + b, 0);
  return { account: shared.account, region: shared.region, plans, summary, errors, requests: { total, byOperation: calls } };
}

/**
 * Applies the fleet's plans that are `only` 'ready' (no change) or 'unblocked' (no blocker), and
 * those already under way (`migrated`: apply resumes them), `concurrency` at a time. One failure
 * never stops the others; running it again resumes. Resolves to `{ applied, failed, skipped }`.
 */
export async function applyFleet(fleet, clients, { only = 'ready', concurrency = 4, onProgress, signal, delayMs } = {}) {
  if (only !== 'ready' && only !== 'unblocked') throw new ElbError("only must be 'ready' or 'unblocked'", { code: 'InvalidInput', field: 'only' });
  const wanted = (p) => {
    if (p.findings.some((f) => f.severity === 'blocker')) return false;
    return only === 'unblocked' || !p.findings.some((f) => f.severity === 'changed' || f.severity === 'dropped') || Boolean(p.existing);
  };
  const chosen = fleet.plans.filter(wanted);
  const skipped = fleet.plans.filter((p) => !wanted(p)).map((p) => ({ name: p.source.name, status: statusOf(p) }));
  const applied = [];
  const failed = [];
  let done = 0;
  await pool(chosen, concurrency, async (plan) => {
    const name = plan.source.name;
    try {
      const result = await applyMigration(withCli(plan), clients, { signal, delayMs });
      applied.push({ name, id: plan.id, refs: result.applied.refs });
      onProgress?.({ phase: 'apply', name, state: 'applied', done: ++done, total: chosen.length });
    } catch (e) {
      if (e?.code === 'AbortError') throw e;
      failed.push({ name, id: plan.id, error: errorOf(e) });
      onProgress?.({ phase: 'apply', name, state: 'failed', done: ++done, total: chosen.length });
    }
  });
  const byName = (a, b) => (a.name < b.name ? -1 : 1);
  return { applied: applied.sort(byName), failed: failed.sort(byName), skipped };
}
