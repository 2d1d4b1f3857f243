// elb-wasm/credentials: credential providers with the AWS SDK v3's names. Each returns the function
// `credentials:` takes; it rejects with an ElbError whose code is `CredentialsError`.

export interface AwsCredentialIdentity {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export type AwsCredentialIdentityProvider = () => Promise<AwsCredentialIdentity>;

import type { ElbClientConfig } from './index.js';

/** Where a provider that asks STS or Cognito sends its call: ElbClient's options but the credentials. */
export type StsClientConfig = Partial<Omit<ElbClientConfig, 'credentials'>>;

/** `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`, `AWS_CREDENTIAL_EXPIRATION`. */
export declare function fromEnv(): AwsCredentialIdentityProvider;

export interface FromIniInit {
  /** Default: `AWS_PROFILE`, then `default`. */
  profile?: string;
  /** The credentials file (default `AWS_SHARED_CREDENTIALS_FILE`, `~/.aws/credentials`). */
  filepath?: string;
  /** The config file (default `AWS_CONFIG_FILE`, `~/.aws/config`). */
  configFilepath?: string;
  /** Asked for the code of a profile's `mfa_serial` device. */
  mfaCodeProvider?: (serial: string) => Promise<string> | string;
}

/**
 * The profile's credentials: static keys; `role_arn` with `source_profile` (chains of them) or
 * `credential_source = Environment`, with `external_id`, `role_session_name`, `duration_seconds`,
 * `mfa_serial`; `role_arn` with `web_identity_token_file`; `sso_session` or the legacy `sso_*` keys;
 * `credential_process`.
 */
export declare function fromIni(init?: FromIniInit): AwsCredentialIdentityProvider;
/** The profile's `credential_process`. */
export declare function fromProcess(init?: { profile?: string; filepath?: string; configFilepath?: string }): AwsCredentialIdentityProvider;
/**
 * The profile's IAM Identity Center role (`sso_session` or the legacy `sso_*` keys), with the token
 * `aws sso login` cached; a missing or expired token is a CredentialsError saying to run it.
 */
export declare function fromSSO(init?: { profile?: string; filepath?: string; configFilepath?: string }): AwsCredentialIdentityProvider;
/** `AWS_WEB_IDENTITY_TOKEN_FILE`, `AWS_ROLE_ARN`, `AWS_ROLE_SESSION_NAME` (EKS service accounts). */
export declare function fromTokenFile(init?: { profile?: string }): AwsCredentialIdentityProvider;
/** `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` or `_FULL_URI` with `AWS_CONTAINER_AUTHORIZATION_TOKEN(_FILE)`: ECS, EKS Pod Identity. */
export declare function fromContainerMetadata(): AwsCredentialIdentityProvider;
/** IMDSv2 (`AWS_EC2_METADATA_SERVICE_ENDPOINT`, `AWS_EC2_METADATA_DISABLED`). */
export declare function fromInstanceMetadata(): AwsCredentialIdentityProvider;
/** The environment, the profile, the token file, the container endpoint, instance metadata: the first that gives credentials. */
export declare function fromNodeProviderChain(init?: FromIniInit): AwsCredentialIdentityProvider;

/** STS AssumeRole, signed with `masterCredentials`. */
export declare function fromTemporaryCredentials(init: {
  params: { RoleArn: string; RoleSessionName?: string; ExternalId?: string; DurationSeconds?: number; SerialNumber?: string; TokenCode?: string };
  masterCredentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  clientConfig?: StsClientConfig;
}): AwsCredentialIdentityProvider;

/** STS AssumeRoleWithWebIdentity, sent unsigned: for pages signed in with an identity provider. */
export declare function fromWebIdentity(init: {
  roleArn: string;
  webIdentityToken: string;
  roleSessionName?: string;
  providerId?: string;
  durationSeconds?: number;
  clientConfig?: StsClientConfig;
}): AwsCredentialIdentityProvider;

/**
 * Cognito Identity GetId + GetCredentialsForIdentity (awsJson 1.1, sent unsigned): for pages. The
 * region defaults to the pool id's; the identity id is kept for the provider's life. A login's
 * token may be a function, asked again at each refresh.
 */
export declare function fromCognitoIdentityPool(init: {
  identityPoolId: string;
  logins?: Record<string, string | (() => string | Promise<string>)>;
  customRoleArn?: string;
  accountId?: string;
  clientConfig?: StsClientConfig;
}): () => Promise<AwsCredentialIdentity & { identityId: string }>;
