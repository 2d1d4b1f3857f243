// The providers that ask the machine's metadata services (Node, Deno, Bun): the container credentials
// endpoint (ECS tasks, EKS Pod Identity) and the EC2 instance metadata service, version 2 (a session
// token first, then the role and its credentials). Short timeouts and one retry: a machine without
// the service must not hang the chain.
import { readFileSync } from 'node:fs';
import { credentialsError } from './sts_providers.js';

const env = () => globalThis.process?.env ?? {};
const TIMEOUT_MS = 1000;

/** fetch with a timeout, retried once on a network failure or a 5xx. */
async function ask(provider, url, init = {}) {
  let last;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const res = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
      if (res.status < 500) return res;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = e?.name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS} ms` : `unreachable (${e?.cause?.code ?? e?.name ?? 'error'})`;
    }
  }
  throw credentialsError(provider, `${new URL(url).origin}: ${last}`);
}

/** The AWS JSON both services answer with, as `credentials:` takes it. */
function parsed(provider, json) {
  if (!json?.AccessKeyId || !json?.SecretAccessKey) throw credentialsError(provider, 'the answer holds no AccessKeyId and SecretAccessKey');
  return { accessKeyId: json.AccessKeyId, secretAccessKey: json.SecretAccessKey, sessionToken: json.Token, expiration: json.Expiration ? new Date(json.Expiration) : undefined };
}

// A full URI over plain HTTP must stay on the machine (the SDKs' rule): loopback, ECS's and EKS's hosts.
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '169.254.170.2', '169.254.170.23', '[fd00:ec2::23]']);

/**
 * `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` (ECS: on 169.254.170.2) or `AWS_CONTAINER_CREDENTIALS_FULL_URI`
 * with `AWS_CONTAINER_AUTHORIZATION_TOKEN` or `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` (EKS Pod Identity).
 */
export function fromContainerMetadata() {
  return async () => {
    const e = env();
    let url;
    if (e.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI) url = `http://169.254.170.2${e.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI}`;
    else if (e.AWS_CONTAINER_CREDENTIALS_FULL_URI) {
      url = e.AWS_CONTAINER_CREDENTIALS_FULL_URI;
      let parsedUrl;
      try {
        parsedUrl = new URL(url);
      } catch {
        throw credentialsError('fromContainerMetadata', 'AWS_CONTAINER_CREDENTIALS_FULL_URI is not a URL');
      }
      if (parsedUrl.protocol !== 'https:' && !LOCAL_HOSTS.has(parsedUrl.hostname)) {
        throw credentialsError('fromContainerMetadata', `AWS_CONTAINER_CREDENTIALS_FULL_URI over http must name this machine, not ${parsedUrl.hostname}`);
      }
    } else {
      throw credentialsError('fromContainerMetadata', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and _FULL_URI are not set');
    }
    const headers = {};
    let token = e.AWS_CONTAINER_AUTHORIZATION_TOKEN;
    if (e.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE) {
      try {
        token = readFileSync(e.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE, 'utf8').trim();
      } catch (err) {
        throw credentialsError('fromContainerMetadata', `cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: ${err?.code ?? 'unreadable'}`);
      }
    }
    if (token) headers.authorization = token;
    const res = await ask('fromContainerMetadata', url, { headers });
    if (!res.ok) throw credentialsError('fromContainerMetadata', `the container endpoint answered HTTP ${res.status}`);
    return parsed('fromContainerMetadata', await res.json().catch(() => null));
  };
}

/** IMDSv2 at `AWS_EC2_METADATA_SERVICE_ENDPOINT` (default http://169.254.169.254); `AWS_EC2_METADATA_DISABLED=true` turns it off. */
export function fromInstanceMetadata() {
  return async () => {
    const e = env();
    if (String(e.AWS_EC2_METADATA_DISABLED).toLowerCase() === 'true') throw credentialsError('fromInstanceMetadata', 'AWS_EC2_METADATA_DISABLED is true');
    const base = (e.AWS_EC2_METADATA_SERVICE_ENDPOINT || 'http://169.254.169.254').replace(/\/+$/, '');
    const tokenRes = await ask('fromInstanceMetadata', `${base}/latest/api/token`, { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '21600' } });
    if (!tokenRes.ok) throw credentialsError('fromInstanceMetadata', `the session token was refused: HTTP ${tokenRes.status}`);
    const headers = { 'x-aws-ec2-metadata-token': (await tokenRes.text()).trim() };
    const path = `${base}/latest/meta-data/iam/security-credentials/`;
    const roleRes = await ask('fromInstanceMetadata', path, { headers });
    if (!roleRes.ok) throw credentialsError('fromInstanceMetadata', `no instance role: HTTP ${roleRes.status}`);
    const role = (await roleRes.text()).split('\n')[0].trim();
    if (!role) throw credentialsError('fromInstanceMetadata', 'no instance role');
    const credRes = await ask('fromInstanceMetadata', path + encodeURIComponent(role), { headers });
    if (!credRes.ok) throw credentialsError('fromInstanceMetadata', `the role's credentials were refused: HTTP ${credRes.status}`);
    const json = await credRes.json().catch(() => null);
    if (json?.Code && json.Code !== 'Success') throw credentialsError('fromInstanceMetadata', `the service says ${json.Code}`);
    return parsed('fromInstanceMetadata', json);
  };
}
