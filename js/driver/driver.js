// ElbDriver: Apache libcloud's ELB driver (libcloud/loadbalancer/drivers/elb.py) in JavaScript,
// camel-cased, built on ElbClient. Same objects and return values (`true` where libcloud returns
// True), minus libcloud's bugs: listeners are really created, policy attributes really sent,
// `port` and `state` are filled in, members given to createBalancer are registered, zones and
// subnets are the caller's, lists follow NextMarker.

import { ElbClient } from '../client/api.js';
import { ElbError } from '../client/elb_error.js';

/** libcloud's load balancer states (libcloud.loadbalancer.types.State). */
export const State = Object.freeze({ RUNNING: 0, PENDING: 1, UNKNOWN: 2, ERROR: 3, DELETED: 4 });

/** libcloud's algorithms. Classic ELB picks its own (round robin for TCP, least outstanding
 * requests for HTTP), so the value is checked and otherwise ignored, as libcloud does. */
export const Algorithm = Object.freeze({
  RANDOM: 0,
  ROUND_ROBIN: 1,
  LEAST_CONNECTIONS: 2,
  WEIGHTED_ROUND_ROBIN: 3,
  WEIGHTED_LEAST_CONNECTIONS: 4,
  SHORTEST_RESPONSE: 5,
  PERSISTENT_IP: 6,
});

const inspect = Symbol.for('nodejs.util.inspect.custom');
const clients = new WeakMap();

function invalid(message, field) {
  return new ElbError(message, { code: 'InvalidInput', field });
}

export class Member {
  constructor(id, ip, port, balancer = null, extra = {}) {
    this.id = id == null ? null : String(id);
    this.ip = ip ?? null;
    this.port = port ?? null;
    this.extra = extra;
    // Not enumerable: a member printed or serialized does not drag its balancer along.
    Object.defineProperty(this, 'balancer', { value: balancer, writable: true, configurable: true });
  }

  toString() {
    return `<Member: id=${this.id}, address=${this.ip}:${this.port}>`;
  }

  [inspect]() {
    return this.toString();
  }
}

export class LoadBalancer {
  constructor(id, name, state, ip, port, driver, extra = {}) {
    this.id = id == null ? null : String(id);
    this.name = name;
    this.state = state;
    this.ip = ip ?? null;
    this.port = port ?? null;
    this.extra = extra;
    Object.defineProperty(this, 'driver', { value: driver, writable: true, configurable: true });
  }

  attachComputeNode(node) {
    return this.driver.balancerAttachComputeNode(this, node);
  }

  attachMember(member) {
    return this.driver.balancerAttachMember(this, member);
  }

  detachMember(member) {
    return this.driver.balancerDetachMember(this, member);
  }

  listMembers() {
    return this.driver.balancerListMembers(this);
  }

  destroy() {
    return this.driver.destroyBalancer(this);
  }

  toString() {
    return `<LoadBalancer: id=${this.id}, name=${this.name}, state=${this.state}>`;
  }

  [inspect]() {
    return this.toString();
  }
}

/** A balancer's name from a LoadBalancer, a balancer-like object or the name itself. */
function nameOf(balancer, field) {
  const name = typeof balancer === 'string' ? balancer : (balancer?.name ?? balancer?.id);
  if (typeof name !== 'string' || name === '') throw invalid(`${field} must be a LoadBalancer or its name`, field);
  return name;
}

function instanceIdOf(member, field) {
  const id = member?.id;
  if (typeof id !== 'string' || id === '') {
    // Classic ELB registers EC2 instances by id; an address alone names nothing it can register.
    const where = member?.ip ? ` (${member.ip}${member.port ? `:${member.port}` : ''})` : '';
    throw invalid(`${field}${where} has no id: Classic ELB registers EC2 instances by instance id`, `${field}.id`);
  }
  return id;
}

/** The balancer's state from its instances' health (ELB itself reports none). */
export function stateFromHealth(instanceCount, instanceStates) {
  if (instanceCount === 0) return State.PENDING; // nothing to send traffic to yet
  if (instanceStates.some((s) => s.State === 'InService')) return State.RUNNING;
  // OutOfService for reason "ELB" is registration still in progress; any other reason (AWS says
  // "Instance": a failing health check) means the registered instances cannot take traffic.
  const failing = instanceStates.some((s) => s.State === 'OutOfService' && s.ReasonCode !== 'ELB');
  return failing ? State.ERROR : State.PENDING;
}

/** A listener given as libcloud's [lbPort, instancePort, protocol, sslCertificateId?] or as
 * ELB's own { LoadBalancerPort, InstancePort, Protocol, ... }. */
function toListener(listener, field) {
  if (Array.isArray(listener)) {
    const [LoadBalancerPort, InstancePort, protocol, SSLCertificateId] = listener;
    if (listener.length < 3 || listener.length > 4 || typeof protocol !== 'string') {
      throw invalid(`${field} must be [lbPort, instancePort, protocol, sslCertificateId?]`, field);
    }
    const out = { Protocol: protocol.toUpperCase(), LoadBalancerPort, InstancePort };
    if (SSLCertificateId !== undefined) out.SSLCertificateId = SSLCertificateId;
    return out;
  }
  if (listener && typeof listener === 'object') {
    return typeof listener.Protocol === 'string' ? { ...listener, Protocol: listener.Protocol.toUpperCase() } : listener;
  }
  throw invalid(`${field} must be an array or a Listener object`, field);
}

function toPolicyAttributes(attributes) {
  if (attributes == null) return undefined;
  const pairs = attributes instanceof Map ? [...attributes] : Array.isArray(attributes) ? attributes : Object.entries(attributes);
  return pairs.map((pair, i) => {
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string') {
      throw invalid('policyAttributes must map attribute names to values', `policyAttributes[${i}]`);
    }
    return { AttributeName: pair[0], AttributeValue: String(pair[1]) };
  });
}

function policyNames(policies) {
  if (policies == null) return [];
  return typeof policies === 'string' ? [policies] : [...policies];
}

// listBalancers asks each balancer's instance health: a few at a time, not hundreds at once, so a
// large account is not throttled by its own listing.
const HEALTH_CONCURRENCY = 5;

/** `fn` over `items` with at most `limit` calls pending; results in order. */
async function mapLimit(items, limit, fn) {
  const out = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export class ElbDriver {
  /** new ElbDriver({ key, secret, region, token, endpoint, fetch, maxAttempts, timeoutMs }),
   * or libcloud's positional new ElbDriver(key, secret, region, token?). */
  constructor(options, secret, region, token) {
    const o = typeof options === 'string' ? { key: options, secret, region, token } : { ...(options ?? {}) };
    const { key, secret: s, token: t, ...rest } = o;
    const credentials = typeof key === 'function' ? key : { accessKeyId: key, secretAccessKey: s };
    if (t != null && typeof credentials === 'object') credentials.sessionToken = t;
    this.name = 'Amazon Elastic Load Balancing';
    this.website = 'https://aws.amazon.com/elasticloadbalancing/';
    this.region = rest.region;
    clients.set(this, new ElbClient({ ...rest, credentials }));
  }

  /** The ElbClient underneath, for everything libcloud's driver does not cover. */
  get client() {
    return clients.get(this);
  }

  toJSON() {
    return { name: this.name, ...this.client.toJSON() };
  }

  [inspect]() {
    return `ElbDriver ${JSON.stringify(this.toJSON())}`;
  }

  listProtocols() {
    return ['tcp', 'ssl', 'http', 'https'];
  }

  async listBalancers({ fetchTags = false } = {}) {
    const descriptions = [];
    for await (const page of this.client.paginateDescribeLoadBalancers({})) {
      descriptions.push(...(page.LoadBalancerDescriptions ?? []));
    }
    const balancers = await mapLimit(descriptions, HEALTH_CONCURRENCY, (d) => this.#toBalancer(d));
    if (fetchTags) await this.#addTags(balancers);
    return balancers;
  }

  async getBalancer(balancerId, { fetchTags = false } = {}) {
    const name = nameOf(balancerId, 'balancerId');
    const out = await this.client.describeLoadBalancers({ LoadBalancerNames: [name] });
    const balancer = await this.#toBalancer(out.LoadBalancerDescriptions[0]);
    if (fetchTags) await this.#addTags([balancer]);
    return balancer;
  }

  async createBalancer(name, port, protocol, algorithm, members = [], options = {}) {
    if (algorithm != null && !Object.values(Algorithm).includes(algorithm)) {
      throw invalid(`algorithm must be one of Algorithm's values, got ${String(algorithm)}`, 'algorithm');
    }
    if (typeof protocol !== 'string') throw invalid('protocol must be a string such as "http"', 'protocol');
    // Every member must be registrable before the balancer is created, so a bad one costs nothing.
    const ids = [...(members ?? [])].map((m, i) => instanceIdOf(m, `members[${i}]`));
    const { instancePort = port, instanceProtocol, availabilityZones, subnets, securityGroups, scheme, sslCertificateId, tags } = options;
    const listener = { Protocol: protocol.toUpperCase(), LoadBalancerPort: port, InstancePort: instancePort };
    if (instanceProtocol !== undefined) listener.InstanceProtocol = instanceProtocol.toUpperCase();
    if (sslCertificateId !== undefined) listener.SSLCertificateId = sslCertificateId;
    const input = { LoadBalancerName: name, Listeners: [listener] };
    if (subnets !== undefined) input.Subnets = subnets;
    // libcloud always sends "<region>a"; here that is only the fallback when neither is given.
    if (availabilityZones !== undefined) input.AvailabilityZones = availabilityZones;
    else if (subnets === undefined) input.AvailabilityZones = [`${this.region}a`];
    if (securityGroups !== undefined) input.SecurityGroups = securityGroups;
    if (scheme !== undefined) input.Scheme = scheme;
    if (tags !== undefined) input.Tags = Object.entries(tags).map(([Key, Value]) => ({ Key, Value: String(Value) }));

    const created = await this.client.createLoadBalancer(input);
    if (ids.length > 0) {
      await this.client.registerInstancesWithLoadBalancer({
        LoadBalancerName: name,
        Instances: ids.map((InstanceId) => ({ InstanceId })),
      });
    }
    const balancer = new LoadBalancer(name, name, State.PENDING, created.DNSName, port, this, {
      dnsName: created.DNSName,
      listeners: [listener],
      availabilityZones: input.AvailabilityZones ?? [],
      subnets: input.Subnets ?? [],
      instances: ids,
    });
    balancer.members = [...(members ?? [])].map((m, i) => new Member(ids[i], m.ip ?? null, instancePort, balancer, m.extra ?? {}));
    return balancer;
  }

  async destroyBalancer(balancer) {
    await this.client.deleteLoadBalancer({ LoadBalancerName: nameOf(balancer, 'balancer') });
    if (balancer instanceof LoadBalancer) balancer.state = State.DELETED;
    return true;
  }

  async balancerAttachComputeNode(balancer, node) {
    instanceIdOf(node, 'node');
    return this.balancerAttachMember(balancer, new Member(node.id, node.public_ips?.[0] ?? node.publicIps?.[0] ?? null, null));
  }

  async balancerAttachMember(balancer, member) {
    const name = nameOf(balancer, 'balancer');
    const id = instanceIdOf(member, 'member');
    await this.client.registerInstancesWithLoadBalancer({ LoadBalancerName: name, Instances: [{ InstanceId: id }] });
    const port = member.port ?? (balancer instanceof LoadBalancer ? balancer.extra.listeners?.[0]?.InstancePort ?? balancer.port : null);
    return new Member(id, member.ip ?? null, port, balancer instanceof LoadBalancer ? balancer : null, member.extra ?? {});
  }

  async balancerDetachMember(balancer, member) {
    const name = nameOf(balancer, 'balancer');
    const id = instanceIdOf(member, 'member');
    await this.client.deregisterInstancesFromLoadBalancer({ LoadBalancerName: name, Instances: [{ InstanceId: id }] });
    return true;
  }

  /** The balancer's instances as the service knows them now (libcloud returns a local cache),
   * each with its health in `extra`. */
  async balancerListMembers(balancer) {
    const fresh = await this.getBalancer(nameOf(balancer, 'balancer'));
    const health = new Map((fresh.extra.instanceHealth ?? []).map((s) => [s.InstanceId, s]));
    const port = fresh.extra.listeners[0]?.InstancePort ?? null;
    const owner = balancer instanceof LoadBalancer ? balancer : fresh;
    return fresh.extra.instances.map((id) => {
      const h = health.get(id);
      const extra = h ? { state: h.State, reasonCode: h.ReasonCode, description: h.Description } : {};
      return new Member(id, null, port, owner, extra);
    });
  }

  async exListBalancerPolicies(balancer) {
    const out = await this.client.describeLoadBalancerPolicies({ LoadBalancerName: nameOf(balancer, 'balancer') });
    return (out.PolicyDescriptions ?? []).map((p) => p.PolicyName);
  }

  async exListBalancerPolicyTypes() {
    const out = await this.client.describeLoadBalancerPolicyTypes({});
    return (out.PolicyTypeDescriptions ?? []).map((p) => p.PolicyTypeName);
  }

  async exCreateBalancerPolicy(name, policyName, policyType, policyAttributes) {
    const input = { LoadBalancerName: nameOf(name, 'name'), PolicyName: policyName, PolicyTypeName: policyType };
    const attributes = toPolicyAttributes(policyAttributes);
    if (attributes) input.PolicyAttributes = attributes;
    await this.client.createLoadBalancerPolicy(input);
    return true;
  }

  async exDeleteBalancerPolicy(name, policyName) {
    await this.client.deleteLoadBalancerPolicy({ LoadBalancerName: nameOf(name, 'name'), PolicyName: policyName });
    return true;
  }

  /** An empty (or absent) list of policies disables them on that listener. */
  async exSetBalancerPoliciesListener(name, port, policies) {
    await this.client.setLoadBalancerPoliciesOfListener({
      LoadBalancerName: nameOf(name, 'name'),
      LoadBalancerPort: Number(port),
      PolicyNames: policyNames(policies),
    });
    return true;
  }

  /** An empty (or absent) list of policies disables them on that back-end port. */
  async exSetBalancerPoliciesBackendServer(name, instancePort, policies) {
    await this.client.setLoadBalancerPoliciesForBackendServer({
      LoadBalancerName: nameOf(name, 'name'),
      InstancePort: Number(instancePort),
      PolicyNames: policyNames(policies),
    });
    return true;
  }

  async exCreateBalancerListeners(name, listeners) {
    if (!Array.isArray(listeners) || listeners.length === 0) {
      throw invalid('listeners must be a non-empty array', 'listeners');
    }
    await this.client.createLoadBalancerListeners({
      LoadBalancerName: nameOf(name, 'name'),
      Listeners: listeners.map((l, i) => toListener(l, `listeners[${i}]`)),
    });
    return true;
  }

  async #toBalancer(d) {
    const instances = (d.Instances ?? []).map((i) => i.InstanceId);
    let instanceHealth = [];
    if (instances.length > 0) {
      instanceHealth = (await this.client.describeInstanceHealth({ LoadBalancerName: d.LoadBalancerName })).InstanceStates ?? [];
    }
    const listeners = (d.ListenerDescriptions ?? []).map((l) => ({ ...l.Listener, PolicyNames: l.PolicyNames ?? [] }));
    return new LoadBalancer(d.LoadBalancerName, d.LoadBalancerName, stateFromHealth(instances.length, instanceHealth), d.DNSName, listeners[0]?.LoadBalancerPort ?? null, this, {
      dnsName: d.DNSName,
      scheme: d.Scheme,
      vpcId: d.VPCId,
      createdTime: d.CreatedTime,
      canonicalHostedZoneName: d.CanonicalHostedZoneName,
      canonicalHostedZoneNameId: d.CanonicalHostedZoneNameID,
      listeners,
      availabilityZones: d.AvailabilityZones ?? [],
      subnets: d.Subnets ?? [],
      securityGroups: d.SecurityGroups ?? [],
      sourceSecurityGroup: d.SourceSecurityGroup,
      healthCheck: d.HealthCheck,
      policies: d.Policies,
      backendServerDescriptions: d.BackendServerDescriptions ?? [],
      instances,
      instanceHealth,
    });
  }

  async #addTags(balancers) {
    // DescribeTags takes at most 20 names per call.
    for (let i = 0; i < balancers.length; i += 20) {
      const chunk = balancers.slice(i, i + 20);
      const out = await this.client.describeTags({ LoadBalancerNames: chunk.map((b) => b.name) });
      const byName = new Map((out.TagDescriptions ?? []).map((t) => [t.LoadBalancerName, t.Tags ?? []]));
      for (const b of chunk) {
        b.extra.tags = Object.fromEntries((byName.get(b.name) ?? []).map((t) => [t.Key, t.Value ?? '']));
      }
    }
  }
}
