// The providers that read the machine (Node, Deno, Bun): the environment, the shared files as the AWS
// CLI writes them, a credential_process, a web identity token file, and the chain of them in the AWS
// SDK v3's order. Each returns `async () => ({ accessKeyId, secretAccessKey, sessionToken?, expiration? })`
// and rejects with an ElbError CredentialsError saying which source it tried and why, never a secret.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { exec } from 'node:child_process';
import { createHash } from 'node:crypto';
import { parseIni, loadAwsConfig } from '../cli/aws_config.js';
import { provideChain } from '../cli/chain_slot.js';
import { credentialsError, fromSts, asking } from './sts_providers.js';
import { fromContainerMetadata, fromInstanceMetadata } from './metadata_providers.js';
import { fromCognitoIdentityPool as cognitoPool } from './cognito_provider.js';

const env = () => globalThis.process?.env ?? {};

function readIni(path) {
  try {
    return parseIni(readFileSync(path, 'utf8'));
  } catch (e) {
    if (e?.code === 'ENOENT') return {};
    throw credentialsError('fromIni', `cannot read ${path}: ${e?.code ?? 'unreadable'}`);
  }
}

/** `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`, `AWS_CREDENTIAL_EXPIRATION`. */
export function fromEnv() {
  return async () => {
    const e = env();
    if (!e.AWS_ACCESS_KEY_ID || !e.AWS_SECRET_ACCESS_KEY) {
      throw credentialsError('fromEnv', 'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set');
    }
    const expiration = e.AWS_CREDENTIAL_EXPIRATION ? new Date(e.AWS_CREDENTIAL_EXPIRATION) : undefined;
    return { accessKeyId: e.AWS_ACCESS_KEY_ID, secretAccessKey: e.AWS_SECRET_ACCESS_KEY, sessionToken: e.AWS_SESSION_TOKEN || undefined, expiration };
  };
}

/** Runs a credential_process command; its stdout is the AWS CLI's JSON (`Version: 1`). */
function runProcess(provider, command) {
  return new Promise((resolve, reject) => {
    exec(command, { timeout: 60_000, maxBuffer: 1 << 20 }, (error, stdout) => {
      if (error) return reject(credentialsError(provider, `credential_process failed (exit ${error.code ?? 'signal'})`));
      let out;
      try {
        out = JSON.parse(stdout);
      } catch {
        return reject(credentialsError(provider, 'credential_process did not print JSON'));
      }
      if (out?.Version !== 1 || !out.AccessKeyId || !out.SecretAccessKey) {
        return reject(credentialsError(provider, 'credential_process printed no Version 1 AccessKeyId and SecretAccessKey'));
      }
      resolve({ accessKeyId: out.AccessKeyId, secretAccessKey: out.SecretAccessKey, sessionToken: out.SessionToken, expiration: out.Expiration ? new Date(out.Expiration) : undefined });
    });
  });
}

/** The shared files' view of a profile: the credentials file's section over the config file's. */
function profiles(options) {
  const e = env();
  const configFile = options.configFilepath ?? (e.AWS_CONFIG_FILE || join(homedir(), '.aws', 'config'));
  const credentialsFile = options.filepath ?? (e.AWS_SHARED_CREDENTIALS_FILE || join(homedir(), '.aws', 'credentials'));
  const config = readIni(configFile);
  const creds = readIni(credentialsFile);
  const read = (name) => ({ ...(name === 'default' ? config.default : config[`profile ${name}`]), ...creds[name] });
  read.configFile = configFile;
  read.ssoSession = (name) => config[`sso-session ${name}`];
  return read;
}

/**
 * fromCognitoIdentityPool on a machine: unless `clientConfig` names an endpoint, Cognito Identity's is
 * where the AWS CLI would find it (AWS_ENDPOINT_URL_COGNITO_IDENTITY, AWS_ENDPOINT_URL, [services], the profile).
 */
export function fromCognitoIdentityPool(options = {}) {
  let provider;
  return async () => {
    if (!provider) {
      let endpoint = options.clientConfig?.endpoint;
      try {
        endpoint ??= loadAwsConfig({ service: 'cognito-identity' }).endpoint;
      } catch (e) {
        throw credentialsError('fromCognitoIdentityPool', e?.message ?? 'the AWS configuration is unreadable');
      }
      provider = cognitoPool({ ...options, clientConfig: { ...options.clientConfig, endpoint } });
    }
    return provider();
  };
}

/** Where STS is for `profile`, as loadAwsConfig finds it (AWS_ENDPOINT_URL_STS, [services], ...). */
const stsEndpoint = (profile, configFile) =>
  loadAwsConfig({ service: 'sts', profile, env: { ...env(), ...(configFile ? { AWS_CONFIG_FILE: configFile } : {}) } }).endpoint;

/**
 * The profile's credentials, as the AWS CLI resolves them: `role_arn` with `source_profile` (chains
 * of them) or `credential_source: Environment`; `role_arn` with `web_identity_token_file`;
 * `credential_process`; static keys. Roles are assumed through StsClient, at the endpoint
 * loadAwsConfig finds for STS.
 */
export function fileProviders(StsClient) {
  async function assume(provider, options, section, name, source, configFile) {
    const endpoint = stsEndpoint(name, configFile);
    const region = section.region || env().AWS_REGION || env().AWS_DEFAULT_REGION || 'us-east-1';
    const params = {
      RoleArn: section.role_arn,
      RoleSessionName: section.role_session_name || `elb-wasm-${Date.now()}`,
      ...(section.external_id ? { ExternalId: section.external_id } : {}),
      ...(section.duration_seconds ? { DurationSeconds: Number(section.duration_seconds) } : {}),
    };
    if (section.mfa_serial) {
      if (!options.mfaCodeProvider) throw credentialsError(provider, `profile ${name} has mfa_serial: give mfaCodeProvider`);
      params.SerialNumber = section.mfa_serial;
      params.TokenCode = String(await options.mfaCodeProvider(section.mfa_serial));
    }
    return asking(provider, async () => fromSts((await new StsClient({ region, endpoint, credentials: source }).assumeRole(params)).Credentials));
  }

  async function resolve(provider, options, read, name, seen) {
    const section = read(name);
    if (!Object.keys(section).length) throw credentialsError(provider, `profile ${name} is in neither shared file`);
    if (section.role_arn && section.source_profile) {
      if (seen.has(section.source_profile) && section.source_profile !== name) throw credentialsError(provider, `profile ${name}: source_profile loops back to ${section.source_profile}`);
      // A profile that is its own source signs with its own keys; another is resolved in turn.
      const src = read(section.source_profile);
      const own = section.source_profile === name || (!src.role_arn && src.aws_access_key_id);
      const source = own
        ? { accessKeyId: src.aws_access_key_id, secretAccessKey: src.aws_secret_access_key, sessionToken: src.aws_session_token }
        : await resolve(provider, options, read, section.source_profile, new Set(seen).add(name));
      if (!source.accessKeyId || !source.secretAccessKey) throw credentialsError(provider, `profile ${section.source_profile} has no keys to assume ${name}'s role with`);
      return assume(provider, options, section, name, source, read.configFile);
    }
    if (section.role_arn && section.credential_source) {
      const sources = { Environment: fromEnv, Ec2InstanceMetadata: fromInstanceMetadata, EcsContainer: fromContainerMetadata };
      const from = sources[section.credential_source];
      if (!from) throw credentialsError(provider, `profile ${name}: credential_source ${section.credential_source} is none of ${Object.keys(sources).join(', ')}`);
      return assume(provider, options, section, name, await from()(), read.configFile);
    }
    if (section.role_arn && section.web_identity_token_file) {
      return tokenFile(provider, section.web_identity_token_file, section.role_arn, section.role_session_name, name, read.configFile);
    }
    if (section.sso_session || section.sso_start_url) return sso(provider, read, name, section);
    if (section.credential_process) return runProcess(provider, section.credential_process);
    if (section.aws_access_key_id && section.aws_secret_access_key) {
      return { accessKeyId: section.aws_access_key_id, secretAccessKey: section.aws_secret_access_key, sessionToken: section.aws_session_token };
    }
    throw credentialsError(provider, `profile ${name} has no credentials (keys, role_arn, credential_process)`);
  }

  /**
   * IAM Identity Center: the token `aws sso login` cached (`~/.aws/sso/cache/<sha1 of the session
   * name, or of the start URL for the legacy keys>.json`), traded for the role's credentials at the
   * portal's GetRoleCredentials (`AWS_ENDPOINT_URL_SSO` and the profile's [services] section apply).
   */
  async function sso(provider, read, name, section) {
    const login = `run aws sso login --profile ${name}`;
    const session = section.sso_session ? read.ssoSession(section.sso_session) : undefined;
    if (section.sso_session && !session) throw credentialsError(provider, `profile ${name} names sso_session ${section.sso_session}, which the config file lacks`);
    const region = session?.sso_region ?? section.sso_region;
    const startUrl = session?.sso_start_url ?? section.sso_start_url;
    if (!region || !startUrl || !section.sso_account_id || !section.sso_role_name) {
      throw credentialsError(provider, `profile ${name} lacks one of sso_region, sso_start_url, sso_account_id, sso_role_name`);
    }
    const key = createHash('sha1').update(section.sso_session ?? startUrl).digest('hex');
    const cache = join(homedir(), '.aws', 'sso', 'cache', `${key}.json`);
    let token;
    try {
      token = JSON.parse(readFileSync(cache, 'utf8'));
    } catch (e) {
      throw credentialsError(provider, `no SSO token cached for profile ${name} (${e?.code ?? 'unreadable'}): ${login}`);
    }
    if (!token?.accessToken || !(Date.parse(token.expiresAt) > Date.now())) {
      throw credentialsError(provider, `the SSO token of profile ${name} has expired: ${login}`);
    }
    const base = (loadAwsConfig({ service: 'sso', profile: name, env: { ...env(), AWS_CONFIG_FILE: read.configFile } }).endpoint
      ?? `https://portal.sso.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`).replace(/\/+$/, '');
    const url = `${base}/federation/credentials?account_id=${encodeURIComponent(section.sso_account_id)}&role_name=${encodeURIComponent(section.sso_role_name)}`;
    let res;
    try {
      res = await fetch(url, { headers: { 'x-amz-sso_bearer_token': token.accessToken } });
    } catch (e) {
      throw credentialsError(provider, `the SSO portal is unreachable (${e?.cause?.code ?? e?.name ?? 'error'})`);
    }
    if (res.status === 401 || res.status === 403) throw credentialsError(provider, `the SSO portal refused the token (HTTP ${res.status}): ${login}`);
    const c = res.ok ? (await res.json().catch(() => null))?.roleCredentials : undefined;
    if (!c?.accessKeyId || !c?.secretAccessKey) throw credentialsError(provider, `the SSO portal gave no role credentials (HTTP ${res.status})`);
    return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: c.expiration ? new Date(c.expiration) : undefined };
  }

  /** The profile's IAM Identity Center role (`sso_session`, or the legacy `sso_*` keys). */
  function fromSSO(options = {}) {
    return async () => {
      const name = options.profile ?? env().AWS_PROFILE ?? 'default';
      const read = profiles(options);
      const section = read(name);
      if (!section.sso_session && !section.sso_start_url) throw credentialsError('fromSSO', `profile ${name} has no sso_session or sso_start_url`);
      return sso('fromSSO', read, name, section);
    };
  }

  async function tokenFile(provider, file, roleArn, sessionName, profile, configFile) {
    let token;
    try {
      token = readFileSync(file, 'utf8').trim();
    } catch (e) {
      throw credentialsError(provider, `cannot read the web identity token file ${file}: ${e?.code ?? 'unreadable'}`);
    }
    const endpoint = stsEndpoint(profile, configFile);
    const region = env().AWS_REGION || env().AWS_DEFAULT_REGION || 'us-east-1';
    return asking(provider, async () => {
      const out = await new StsClient({ region, endpoint }).assumeRoleWithWebIdentity({
        RoleArn: roleArn, WebIdentityToken: token, RoleSessionName: sessionName || `elb-wasm-${Date.now()}`,
      });
      return fromSts(out.Credentials);
    });
  }

  /** The shared files' profile (`options.profile`, `AWS_PROFILE`, `default`). */
  function fromIni(options = {}) {
    return () => {
      const name = options.profile ?? env().AWS_PROFILE ?? 'default';
      return resolve('fromIni', options, profiles(options), name, new Set());
    };
  }

  /** The profile's `credential_process` alone. */
  function fromProcess(options = {}) {
    return async () => {
      const name = options.profile ?? env().AWS_PROFILE ?? 'default';
      const command = profiles(options)(name).credential_process;
      if (!command) throw credentialsError('fromProcess', `profile ${name} has no credential_process`);
      return runProcess('fromProcess', command);
    };
  }

  /** `AWS_WEB_IDENTITY_TOKEN_FILE`, `AWS_ROLE_ARN`, `AWS_ROLE_SESSION_NAME` (EKS's IRSA). */
  function fromTokenFile(options = {}) {
    return async () => {
      const e = env();
      if (!e.AWS_WEB_IDENTITY_TOKEN_FILE || !e.AWS_ROLE_ARN) {
        throw credentialsError('fromTokenFile', 'AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN are not both set');
      }
      return tokenFile('fromTokenFile', e.AWS_WEB_IDENTITY_TOKEN_FILE, e.AWS_ROLE_ARN, e.AWS_ROLE_SESSION_NAME, options.profile);
    };
  }

  /**
   * The SDK's default order: the environment, the profile, the token file, the container endpoint,
   * the instance metadata service. The first that gives credentials wins; when none does, the error
   * lists each.
   */
  function fromNodeProviderChain(options = {}) {
    const chain = [
      ['environment', fromEnv()], ['profile', fromIni(options)], ['token file', fromTokenFile(options)],
      ['container', fromContainerMetadata()], ['instance metadata', fromInstanceMetadata()],
    ];
    return async () => {
      const why = [];
      for (const [, provider] of chain) {
        try {
          return await provider();
        } catch (e) {
          why.push(e?.message ?? String(e));
        }
      }
      throw credentialsError('fromNodeProviderChain', `no source gave credentials: ${why.join('; ')}`);
    };
  }

  provideChain(fromNodeProviderChain);
  return { fromIni, fromProcess, fromTokenFile, fromSSO, fromNodeProviderChain };
}
