/** libcloud's load balancer states. */
export declare const State: {
  readonly RUNNING: 0;
  readonly PENDING: 1;
  readonly UNKNOWN: 2;
  readonly ERROR: 3;
  readonly DELETED: 4;
};
export type StateValue = (typeof State)[keyof typeof State];

/** libcloud's algorithms; Classic ELB chooses its own, so the value is only checked. */
export declare const Algorithm: {
  readonly RANDOM: 0;
  readonly ROUND_ROBIN: 1;
  readonly LEAST_CONNECTIONS: 2;
  readonly WEIGHTED_ROUND_ROBIN: 3;
  readonly WEIGHTED_LEAST_CONNECTIONS: 4;
  readonly SHORTEST_RESPONSE: 5;
  readonly PERSISTENT_IP: 6;
};
export type AlgorithmValue = (typeof Algorithm)[keyof typeof Algorithm];

export declare class Member {
  /** The EC2 instance id: what Classic ELB registers. */
  id: string | null;
  ip: string | null;
  port: number | null;
  readonly balancer: LoadBalancer | null;
  extra: { state?: string; reasonCode?: string; description?: string; [key: string]: unknown };
  constructor(id: string | null, ip: string | null, port: number | null, balancer?: LoadBalancer | null, extra?: object);
}

export interface LoadBalancerExtra {
  dnsName?: string;
  scheme?: string;
  vpcId?: string;
  createdTime?: Date;
  canonicalHostedZoneName?: string;
  canonicalHostedZoneNameId?: string;
  listeners: Array<Listener & { PolicyNames?: string[] }>;
  availabilityZones: string[];
  subnets: string[];
  securityGroups?: string[];
  sourceSecurityGroup?: SourceSecurityGroup;
  healthCheck?: HealthCheck;
  policies?: Policies;
  backendServerDescriptions?: BackendServerDescription[];
  /** Registered instance ids. */
  instances: string[];
  instanceHealth?: InstanceState[];
  /** With `fetchTags`. */
  tags?: Record<string, string>;
}

export declare class LoadBalancer {
  id: string;
  name: string;
  /** RUNNING: an instance is InService; PENDING: none registered yet or registration in progress;
   * ERROR: registered instances failing; DELETED after destroy. */
  state: StateValue;
  /** The DNS name. */
  ip: string | null;
  /** The first listener's port. */
  port: number | null;
  extra: LoadBalancerExtra;
  readonly driver: ElbDriver;
  /** Set by createBalancer: the members it registered. */
  members?: Member[];
  attachComputeNode(node: { id: string; public_ips?: string[] }): Promise<Member>;
  attachMember(member: Member): Promise<Member>;
  detachMember(member: Member): Promise<true>;
  listMembers(): Promise<Member[]>;
  destroy(): Promise<true>;
}

export interface ElbDriverOptions {
  /** Access key id (or a credentials provider function). */
  key: string | CredentialsProvider;
  secret?: string;
  region: string;
  token?: string;
  endpoint?: string;
  fetch?: ElbClientConfig["fetch"];
  maxAttempts?: number;
  timeoutMs?: number;
}

export interface CreateBalancerOptions {
  /** Default: the balancer's port. */
  instancePort?: number;
  instanceProtocol?: string;
  /** Default, when neither zones nor subnets are given: `<region>a`. */
  availabilityZones?: string[];
  subnets?: string[];
  securityGroups?: string[];
  scheme?: "internal" | (string & {});
  sslCertificateId?: string;
  tags?: Record<string, string>;
}

/** libcloud's listener tuple `[lbPort, instancePort, protocol, sslCertificateId?]`, or ELB's own. */
export type ListenerSpec = [number, number, string] | [number, number, string, string] | Listener;

type BalancerRef = LoadBalancer | string;

/** Apache libcloud's ELB driver, camel-cased, on top of ElbClient. */
export declare class ElbDriver {
  constructor(options: ElbDriverOptions);
  constructor(key: string, secret: string, region: string, token?: string);
  readonly name: string;
  readonly website: string;
  readonly region: string;
  /** The ElbClient underneath. */
  readonly client: ElbClient;
  toJSON(): object;
  listProtocols(): string[];
  listBalancers(options?: { fetchTags?: boolean }): Promise<LoadBalancer[]>;
  getBalancer(balancerId: string, options?: { fetchTags?: boolean }): Promise<LoadBalancer>;
  createBalancer(
    name: string,
    port: number,
    protocol: string,
    algorithm: AlgorithmValue | null | undefined,
    members: Iterable<Member>,
    options?: CreateBalancerOptions,
  ): Promise<LoadBalancer>;
  destroyBalancer(balancer: BalancerRef): Promise<true>;
  balancerAttachComputeNode(balancer: BalancerRef, node: { id: string; public_ips?: string[] }): Promise<Member>;
  balancerAttachMember(balancer: BalancerRef, member: Member): Promise<Member>;
  balancerDetachMember(balancer: BalancerRef, member: Member): Promise<true>;
  balancerListMembers(balancer: BalancerRef): Promise<Member[]>;
  exListBalancerPolicies(balancer: BalancerRef): Promise<string[]>;
  exListBalancerPolicyTypes(): Promise<string[]>;
  exCreateBalancerPolicy(
    name: BalancerRef,
    policyName: string,
    policyType: string,
    policyAttributes?: Record<string, string | number | boolean> | Array<[string, string | number | boolean]> | Map<string, string | number | boolean>,
  ): Promise<true>;
  exDeleteBalancerPolicy(name: BalancerRef, policyName: string): Promise<true>;
  exSetBalancerPoliciesListener(name: BalancerRef, port: number, policies: string[] | string): Promise<true>;
  exSetBalancerPoliciesBackendServer(name: BalancerRef, instancePort: number, policies: string[] | string): Promise<true>;
  exCreateBalancerListeners(name: BalancerRef, listeners: ListenerSpec[]): Promise<true>;
}
