// One Classic balancer: its listeners, policies, instances, tags, health check (its current values)
// and attributes, each editable; deleting it.
import { $, h, list, listenerText, run, session, values } from './ui.js';
import { refresh, renderTable } from './balancers.js';
import { renderTargetGroups } from './target_groups.js';
import { showMetrics } from './metrics.js';

export async function select(name) {
  session.selected = name;
  session.selectedArn = null;
  for (const id of ['#v2-detail', '#rules', '#attributes']) $(id).hidden = true;
  renderTable();
  renderTargetGroups();
  await loadDetail(name);
  await showMetrics({ kind: 'classic', name });
}

export async function loadDetail(name) {
  const { client } = session;
  const [policies, tags, attributes] = await Promise.all([
    client.describeLoadBalancerPolicies({ LoadBalancerName: name }),
    client.describeTags({ LoadBalancerNames: [name] }),
    client.describeLoadBalancerAttributes({ LoadBalancerName: name }),
  ]);
  const b = session.balancers.find((x) => x.LoadBalancerName === name);
  if (!b) return;
  $('#detail').hidden = false;
  $('#detail-name').textContent = name;
  const act = (label, fn) => (ev) => run(label, async () => { await fn(); await refresh(); }, ev.currentTarget);

  $('#listeners').replaceChildren(
    ...(b.ListenerDescriptions ?? []).map((d) =>
      h('li', {}, listenerText(d.Listener), d.PolicyNames?.length ? ` [${d.PolicyNames.join(', ')}]` : '',
        h('button', { type: 'button', onclick: act(`Removing listener ${d.Listener.LoadBalancerPort}`, () => client.deleteLoadBalancerListeners({ LoadBalancerName: name, LoadBalancerPorts: [d.Listener.LoadBalancerPort] })) }, 'Remove')),
    ),
  );
  const backends = new Map((b.BackendServerDescriptions ?? []).map((d) => [d.InstancePort, d.PolicyNames ?? []]));
  $('#policies').replaceChildren(
    ...(policies.PolicyDescriptions ?? []).map((p) =>
      h('li', {}, `${p.PolicyName} (${p.PolicyTypeName})`,
        h('button', { type: 'button', onclick: act(`Deleting policy ${p.PolicyName}`, () => client.deleteLoadBalancerPolicy({ LoadBalancerName: name, PolicyName: p.PolicyName })) }, 'Delete')),
    ),
    ...[...backends].map(([port, names]) => h('li', {}, `back-end port ${port}: ${names.join(', ') || '(none)'}`)),
  );
  const health = new Map(b.health.map((s) => [s.InstanceId, s]));
  $('#instances').replaceChildren(
    ...(b.Instances ?? []).map((i) =>
      h('li', { class: `health-${health.get(i.InstanceId)?.State ?? ''}` }, `${i.InstanceId} ${health.get(i.InstanceId) ? `(${health.get(i.InstanceId).State})` : ''}`,
        h('button', { type: 'button', onclick: act(`Deregistering ${i.InstanceId}`, () => client.deregisterInstancesFromLoadBalancer({ LoadBalancerName: name, Instances: [{ InstanceId: i.InstanceId }] })) }, 'Deregister')),
    ),
  );
  const tagList = tags.TagDescriptions?.[0]?.Tags ?? [];
  $('#tags').replaceChildren(
    ...tagList.map((t) =>
      h('li', {}, `${t.Key} = ${t.Value ?? ''}`,
        h('button', { type: 'button', onclick: act(`Removing tag ${t.Key}`, () => client.removeTags({ LoadBalancerNames: [name], Tags: [{ Key: t.Key }] })) }, 'Remove')),
    ),
  );
  const hc = b.HealthCheck ?? {};
  const hf = $('#health-form');
  // The balancer's own values, or empty: never the previous balancer's.
  for (const k of ['Target', 'Interval', 'Timeout', 'UnhealthyThreshold', 'HealthyThreshold']) hf[k].value = hc[k] ?? '';
  const a = attributes.LoadBalancerAttributes ?? {};
  const af = $('#attributes-form');
  af.crossZone.checked = Boolean(a.CrossZoneLoadBalancing?.Enabled);
  af.draining.checked = Boolean(a.ConnectionDraining?.Enabled);
  af.drainingTimeout.value = a.ConnectionDraining?.Timeout ?? '';
  af.idleTimeout.value = a.ConnectionSettings?.IdleTimeout ?? '';
}

/** A detail form: its action runs against the selected balancer, then everything is re-read. */
function onSubmit(id, label, action) {
  $(id).addEventListener('submit', (ev) => {
    ev.preventDefault();
    const form = ev.currentTarget;
    const name = session.selected;
    run(`${label} (${name})`, async () => {
      await action(name, values(form), form);
      if (!form.matches('#health-form, #attributes-form')) form.reset();
      await refresh();
    }, form);
  });
}

export function setUpDetail() {
  const client = () => session.client;
  onSubmit('#listener-form', 'Adding listener', (name, v) => {
    const listener = { Protocol: v.protocol, LoadBalancerPort: Number(v.port), InstancePort: Number(v.instancePort) };
    if (v.cert) listener.SSLCertificateId = v.cert;
    return client().createLoadBalancerListeners({ LoadBalancerName: name, Listeners: [listener] });
  });

  onSubmit('#policy-form', 'Creating policy', (name, v) => {
    const PolicyAttributes = v.attributes.split(/\n|,/).map((s) => s.trim()).filter(Boolean).map((pair) => {
      const [AttributeName, ...rest] = pair.split('=');
      return { AttributeName: AttributeName.trim(), AttributeValue: rest.join('=').trim() };
    });
    return client().createLoadBalancerPolicy({ LoadBalancerName: name, PolicyName: v.name, PolicyTypeName: v.type, PolicyAttributes });
  });

  onSubmit('#set-listener-policies', 'Setting listener policies', (name, v) =>
    client().setLoadBalancerPoliciesOfListener({ LoadBalancerName: name, LoadBalancerPort: Number(v.port), PolicyNames: list(v.names) }),
  );

  onSubmit('#set-backend-policies', 'Setting back-end policies', (name, v) =>
    client().setLoadBalancerPoliciesForBackendServer({ LoadBalancerName: name, InstancePort: Number(v.port), PolicyNames: list(v.names) }),
  );

  onSubmit('#register-form', 'Registering instances', (name, v) =>
    client().registerInstancesWithLoadBalancer({ LoadBalancerName: name, Instances: list(v.ids).map((InstanceId) => ({ InstanceId })) }),
  );

  onSubmit('#health-form', 'Saving health check', (name, v) =>
    client().configureHealthCheck({
      LoadBalancerName: name,
      HealthCheck: { Target: v.Target, Interval: Number(v.Interval), Timeout: Number(v.Timeout), UnhealthyThreshold: Number(v.UnhealthyThreshold), HealthyThreshold: Number(v.HealthyThreshold) },
    }),
  );

  onSubmit('#tag-form', 'Adding tag', (name, v) => client().addTags({ LoadBalancerNames: [name], Tags: [{ Key: v.key, Value: v.value }] }));

  onSubmit('#attributes-form', 'Saving attributes', (name, v, form) => {
    const attrs = {
      CrossZoneLoadBalancing: { Enabled: form.crossZone.checked },
      ConnectionDraining: { Enabled: form.draining.checked, ...(v.drainingTimeout ? { Timeout: Number(v.drainingTimeout) } : {}) },
    };
    if (v.idleTimeout) attrs.ConnectionSettings = { IdleTimeout: Number(v.idleTimeout) };
    return client().modifyLoadBalancerAttributes({ LoadBalancerName: name, LoadBalancerAttributes: attrs });
  });

  $('#delete-balancer').addEventListener('click', (ev) => {
    const name = session.selected;
    if (!name || !confirm(`Delete load balancer ${name}?`)) return;
    run(`Deleting ${name}`, async () => {
      await client().deleteLoadBalancer({ LoadBalancerName: name });
      session.selected = null;
      await refresh();
    }, ev.currentTarget);
  });
}
