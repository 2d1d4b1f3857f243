// The providers that ask STS (any runtime): fromTemporaryCredentials (AssumeRole, signed with the
// credentials given) and fromWebIdentity (AssumeRoleWithWebIdentity, sent unsigned). The entries hand
// in StsClient, loaded the runtime's way with the one wasm.
import { ElbError } from '../client/elb_error.js';

/** A CredentialsError naming the provider and why; never a secret. */
export const credentialsError = (provider, why) => new ElbError(`${provider}: ${why}`, { code: 'CredentialsError' });

/** What STS gave, in the shape `credentials:` takes. */
export function fromSts(c) {
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
}

/**
 * Runs `ask` and turns any failure into a CredentialsError of `provider` (the cause's code kept in
 * the message), saying which `service` refused.
 */
export async function asking(provider, ask, service = 'STS') {
  try {
    return await ask();
  } catch (e) {
    if (e instanceof ElbError && e.code === 'CredentialsError') throw e;
    // An ElbError's message may already lead with its code, or be the code alone.
    const code = e?.code ?? 'Error';
    const message = String(e?.message ?? e);
    throw credentialsError(provider, `${service} refused: ${message === code || message.startsWith(`${code}:`) ? message : `${code}: ${message}`}`);
  }
}

export function stsProviders(StsClient) {
  /** STS AssumeRole with `masterCredentials` (keys or a provider). */
  function fromTemporaryCredentials({ params, masterCredentials, clientConfig = {} } = {}) {
    return () =>
      asking('fromTemporaryCredentials', async () => {
        if (!params?.RoleArn) throw credentialsError('fromTemporaryCredentials', 'params.RoleArn is required');
        const sts = new StsClient({ region: 'us-east-1', ...clientConfig, credentials: masterCredentials });
        const input = { RoleSessionName: `elb-wasm-${Date.now()}`, ...params };
        return fromSts((await sts.assumeRole(input)).Credentials);
      });
  }

  /** STS AssumeRoleWithWebIdentity: the identity provider's token is the proof, nothing is signed. */
  function fromWebIdentity({ roleArn, webIdentityToken, roleSessionName, providerId, durationSeconds, clientConfig = {} } = {}) {
    return () =>
      asking('fromWebIdentity', async () => {
        if (!roleArn || !webIdentityToken) throw credentialsError('fromWebIdentity', 'roleArn and webIdentityToken are required');
        const sts = new StsClient({ region: 'us-east-1', ...clientConfig });
        const out = await sts.assumeRoleWithWebIdentity({
          RoleArn: roleArn, WebIdentityToken: webIdentityToken, RoleSessionName: roleSessionName ?? `elb-wasm-${Date.now()}`,
          ProviderId: providerId, DurationSeconds: durationSeconds,
        });
        return fromSts(out.Credentials);
      });
  }

  return { fromTemporaryCredentials, fromWebIdentity };
}
