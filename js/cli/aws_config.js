// Finds the endpoint, region and credentials the way the AWS CLI does, for the tools that run on a
// machine with a shell (the examples, the console server, the command line): environment first, then
// the shared files `~/.aws/credentials` and `~/.aws/config`. Node and Deno only (it reads files);
// browsers and Workers pass their options to the client directly.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { nodeProviderChain } from './chain_slot.js';

/**
 * The AWS CLI's service ids of the services this package calls, as they appear in
 * `AWS_ENDPOINT_URL_<ID>`; lower-cased, they name a service in a `[services …]` section.
 */
export const SERVICE_IDS = {
  elb: 'ELASTIC_LOAD_BALANCING',
  elbv2: 'ELASTIC_LOAD_BALANCING_V2',
  autoscaling: 'AUTO_SCALING',
  cloudwatch: 'CLOUDWATCH',
  route53: 'ROUTE_53',
  sts: 'STS',
  sso: 'SSO',
  'cognito-identity': 'COGNITO_IDENTITY',
};

/**
 * `[section]` → { key: value } of an INI file as the AWS CLI writes them; `#`/`;` lines are comments.
 * A key with no value followed by indented `key = value` lines (`elastic_load_balancing =` in a
 * `[services …]` section) holds them as an object.
 */
export function parseIni(text) {
  const sections = {};
  let current = null;
  let parent = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = line.match(/^\[\s*([^\]]+?)\s*\]$/);
    if (header) {
      current = sections[header[1]] ??= {};
      parent = null;
      continue;
    }
    const kv = line.match(/^([^=]+?)\s*=\s*(.*)$/);
    if (!kv || !current) continue;
    const key = kv[1].toLowerCase();
    if (parent && /^\s/.test(raw)) {
      if (typeof current[parent] !== 'object') current[parent] = {};
      current[parent][key] = kv[2];
      continue;
    }
    current[key] = kv[2];
    parent = kv[2] === '' ? key : null;
  }
  return sections;
}

function readIni(path) {
  try {
    return parseIni(readFileSync(path, 'utf8'));
  } catch (e) {
    if (e?.code === 'ENOENT') return {};
    throw new Error(`cannot read ${path}: ${e?.code ?? 'unreadable'}`);
  }
}

/** Credentials whose secret stays out of JSON.stringify, util.inspect and template strings. */
function credentials(accessKeyId, secretAccessKey, sessionToken) {
  const c = { accessKeyId };
  Object.defineProperty(c, 'secretAccessKey', { value: secretAccessKey, enumerable: false });
  if (sessionToken) Object.defineProperty(c, 'sessionToken', { value: sessionToken, enumerable: false });
  return c;
}

/**
 * Resolves `{ region, endpoint, credentials, profile, from }` for `service` (a key of
 * `SERVICE_IDS`: `'elb'`, `'elbv2'`, `'autoscaling'`, `'cloudwatch'`, `'route53'`, `'sts'`,
 * `'sso'`, `'cognito-identity'`). Each is `undefined` when nothing names it; `from` says where each
 * came from.
 *
 * Order, as the AWS CLI's:
 * - endpoint: `options.endpoint` (e.g. `--endpoint-url`), `AWS_ENDPOINT_URL_<SERVICE>`,
 *   `AWS_ENDPOINT_URL`, `ELB_ENDPOINT` (this project's older name; the two ELB services only), the
 *   service's `endpoint_url` in the `[services NAME]` section the profile's `services` names, the
 *   profile's `endpoint_url`. `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` (or the profile's
 *   `ignore_configured_endpoint_urls = true`) ignores all but the option. An explicit endpoint wins
 *   whether or not credentials are configured.
 * - profile: `options.profile` (`--profile`), `AWS_PROFILE`, `AWS_DEFAULT_PROFILE`, `default`.
 * - credentials: `AWS_ACCESS_KEY_ID` + `AWS_SECRET_ACCESS_KEY` (+ `AWS_SESSION_TOKEN`) unless a
 *   profile was given as an option; then the profile in `AWS_SHARED_CREDENTIALS_FILE`
 *   (`~/.aws/credentials`), then in `AWS_CONFIG_FILE` (`~/.aws/config`).
 * - region: `options.region`, `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile's `region` in the config file.
 * - chain: without keys, where fromNodeProviderChain (elb-wasm/credentials) will find credentials:
 *   the profile's `role_arn`, `sso_session`, `sso_start_url`, `credential_process` or
 *   `web_identity_token_file`, or `AWS_WEB_IDENTITY_TOKEN_FILE` / `AWS_CONTAINER_CREDENTIALS_*`.
 * - useFipsEndpoint / useDualstackEndpoint: `AWS_USE_FIPS_ENDPOINT` / `AWS_USE_DUALSTACK_ENDPOINT`,
 *   then the profile's `use_fips_endpoint` / `use_dualstack_endpoint` (`true` or `false`); left
 *   out when nothing says true, so the result spreads into a client's options as it is.
 * - credentialsProvider: what a client's `credentials` takes — the keys found, else the AWS SDK's
 *   provider chain (fromNodeProviderChain) for the profile and files found here, loaded on first call.
 */
export function loadAwsConfig(options = {}) {
  const env = options.env ?? globalThis.process?.env ?? {};
  const home = options.home ?? homedir();
  const service = SERVICE_IDS[options.service ?? 'elb'];
  if (!service) throw new TypeError(`service must be one of ${Object.keys(SERVICE_IDS).join(', ')}`);
  const from = {};
  const pick = (what, candidates) => {
    for (const [source, value] of candidates) {
      // Strings only: an indented block under a key (parseIni's objects) names no value here.
      if (value && typeof value === 'string') {
        from[what] = source;
        return value;
      }
    }
    return undefined;
  };

  const profile = pick('profile', [
    ['option', options.profile],
    ['AWS_PROFILE', env.AWS_PROFILE],
    ['AWS_DEFAULT_PROFILE', env.AWS_DEFAULT_PROFILE],
    ['default', 'default'],
  ]);
  const configFile = env.AWS_CONFIG_FILE || join(home, '.aws', 'config');
  const credentialsFile = env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials');
  const config = readIni(configFile);
  const credentialsIni = readIni(credentialsFile);
  const configName = profile === 'default' ? 'default' : `profile ${profile}`;
  const configSection = config[configName] ?? {};
  const credentialsSection = credentialsIni[profile] ?? {};
  // A profile named (option, AWS_PROFILE) but in neither file is a mistake the AWS CLI refuses.
  const profileFound = Object.hasOwn(config, configName) || Object.hasOwn(credentialsIni, profile);

  const ignoreConfigured = String(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? configSection.ignore_configured_endpoint_urls ?? '')
    .toLowerCase() === 'true';
  const servicesName = configSection.services;
  const serviceSection = servicesName ? config[`services ${servicesName}`]?.[service.toLowerCase()] : undefined;
  const elb = service.startsWith('ELASTIC_LOAD_BALANCING');
  const endpoint = pick('endpoint', [
    ['option', options.endpoint],
    ...(ignoreConfigured
      ? []
      : [
          [`AWS_ENDPOINT_URL_${service}`, env[`AWS_ENDPOINT_URL_${service}`]],
          ['AWS_ENDPOINT_URL', env.AWS_ENDPOINT_URL],
          ['ELB_ENDPOINT', elb ? env.ELB_ENDPOINT : undefined],
          [`${configFile} [services ${servicesName}]`, typeof serviceSection === 'object' ? serviceSection.endpoint_url : undefined],
          [configFile, configSection.endpoint_url],
        ]),
  ]);

  const region = pick('region', [
    ['option', options.region],
    ['AWS_REGION', env.AWS_REGION],
    ['AWS_DEFAULT_REGION', env.AWS_DEFAULT_REGION],
    [configFile, configSection.region],
  ]);

  let creds;
  const fromEnv = !options.profile && env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY;
  if (fromEnv) {
    creds = credentials(env.AWS_ACCESS_KEY_ID, env.AWS_SECRET_ACCESS_KEY, env.AWS_SESSION_TOKEN);
    from.credentials = 'environment';
  } else {
    for (const [file, section] of [[credentialsFile, credentialsSection], [configFile, configSection]]) {
      if (section.aws_access_key_id && section.aws_secret_access_key) {
        creds = credentials(section.aws_access_key_id, section.aws_secret_access_key, section.aws_session_token);
        from.credentials = `${file} [${profile}]`;
        break;
      }
    }
  }
  // Where the AWS SDK's provider chain (fromNodeProviderChain) would find credentials the files do
  // not hold as keys: a profile's role, SSO, process or token file, or the environment's.
  let chain;
  if (!creds) {
    const key = ['role_arn', 'sso_session', 'sso_start_url', 'credential_process', 'web_identity_token_file']
      .find((k) => configSection[k] || credentialsSection[k]);
    const variable = ['AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI']
      .find((v) => env[v]);
    chain = key ? `${configSection[key] ? configFile : credentialsFile} [${profile}] ${key}` : variable;
  }
  const flag = (what, variable, key) => {
    const v = pick(what, [[variable, env[variable]], [configFile, configSection[key]]]);
    return v?.trim().toLowerCase() === 'true' ? true : undefined;
  };
  const useFipsEndpoint = flag('useFipsEndpoint', 'AWS_USE_FIPS_ENDPOINT', 'use_fips_endpoint');
  const useDualstackEndpoint = flag('useDualstackEndpoint', 'AWS_USE_DUALSTACK_ENDPOINT', 'use_dualstack_endpoint');
  let provider;
  const credentialsProvider = async () => {
    if (creds) return { accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey, sessionToken: creds.sessionToken };
    provider ??= (await nodeProviderChain())({ profile, filepath: credentialsFile, configFilepath: configFile });
    return provider();
  };
  return {
    region,
    endpoint,
    credentials: creds,
    credentialsProvider,
    ...(chain && { chain }),
    profile,
    profileFound,
    from,
    ...(useFipsEndpoint && { useFipsEndpoint }),
    ...(useDualstackEndpoint && { useDualstackEndpoint }),
  };
}
