/** Credentials found in the environment or the shared files; the secret is not enumerable. */
export interface FoundCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface AwsConfig {
  region?: string;
  endpoint?: string;
  credentials?: FoundCredentials;
  /**
   * What a client's `credentials` takes: the keys found, else the AWS SDK's provider chain
   * (fromNodeProviderChain) for this profile and these files, loaded on the first call.
   */
  credentialsProvider: () => Promise<FoundCredentials & { readonly expiration?: Date }>;
  /** Without keys: where fromNodeProviderChain will find credentials (a profile's key, a variable). */
  chain?: string;
  profile: string;
  /** Whether either file has that profile (the AWS CLI refuses a named one it cannot find). */
  profileFound: boolean;
  /** `AWS_USE_FIPS_ENDPOINT`, the profile's `use_fips_endpoint`: present only when true. */
  useFipsEndpoint?: true;
  /** `AWS_USE_DUALSTACK_ENDPOINT`, the profile's `use_dualstack_endpoint`: present only when true. */
  useDualstackEndpoint?: true;
  /** Where each value came from: `option`, an environment variable's name, a file and profile. */
  from: {
    region?: string;
    endpoint?: string;
    credentials?: string;
    profile?: string;
    useFipsEndpoint?: string;
    useDualstackEndpoint?: string;
  };
}

export interface LoadAwsConfigOptions {
  service?: keyof typeof SERVICE_IDS;
  endpoint?: string;
  region?: string;
  profile?: string;
  env?: Record<string, string | undefined>;
  home?: string;
}

/** The endpoint, region and credentials as the AWS CLI finds them (see README, "Configuration"). */
export function loadAwsConfig(options?: LoadAwsConfigOptions): AwsConfig;
/** A key with no value followed by indented `key = value` lines holds them as an object. */
export function parseIni(text: string): Record<string, Record<string, string | Record<string, string>>>;
export const SERVICE_IDS: {
  readonly elb: 'ELASTIC_LOAD_BALANCING';
  readonly elbv2: 'ELASTIC_LOAD_BALANCING_V2';
  readonly autoscaling: 'AUTO_SCALING';
  readonly cloudwatch: 'CLOUDWATCH';
  readonly route53: 'ROUTE_53';
  readonly sts: 'STS';
  readonly sso: 'SSO';
  readonly 'cognito-identity': 'COGNITO_IDENTITY';
};
