// fromCognitoIdentityPool: credentials for a page from a Cognito identity pool — GetId, then
// GetCredentialsForIdentity (awsJson 1.1, both unsigned: the page has no credentials before them),
// with the AWS SDK v3's name and options. The identity id is kept for the provider's life, so a
// refresh asks for the same identity's credentials instead of making a new identity each time.
// The wasm is loaded by the entry that exports this (the runtime's services entry).
import { awsJson } from '../client/aws_json.js';
import { clientClass } from '../client/client_class.js';
import * as model from '../cognito_identity_model.js';
import { asking, credentialsError } from './sts_providers.js';

const CognitoIdentityClient = /* @__PURE__ */ clientClass('CognitoIdentityClient', model, awsJson);

/** The logins with each token given or asked for (a function, for tokens that expire). */
async function resolveLogins(logins) {
  if (!logins) return undefined;
  const out = {};
  for (const [provider, token] of Object.entries(logins)) out[provider] = typeof token === 'function' ? await token() : token;
  return out;
}

/**
 * `{ identityPoolId, logins, customRoleArn, accountId, clientConfig: { region, endpoint, ... } }`; the
 * region defaults to the pool id's (`us-east-1:…`).
 */
export function fromCognitoIdentityPool({ identityPoolId, logins, customRoleArn, accountId, clientConfig = {} } = {}) {
  const provider = 'fromCognitoIdentityPool';
  let identityId;
  let client;
  return () =>
    asking(
      provider,
      async () => {
        if (typeof identityPoolId !== 'string' || !identityPoolId.includes(':')) {
          throw credentialsError(provider, 'identityPoolId is required, as REGION:ID');
        }
        client ??= new CognitoIdentityClient({ region: identityPoolId.split(':')[0], ...clientConfig });
        const Logins = await resolveLogins(logins);
        identityId ??= (await client.getId({ IdentityPoolId: identityPoolId, AccountId: accountId, Logins })).IdentityId;
        if (!identityId) throw credentialsError(provider, 'Cognito Identity gave no identity id');
        let out;
        try {
          out = await client.getCredentialsForIdentity({ IdentityId: identityId, Logins, CustomRoleArn: customRoleArn });
        } catch (e) {
          // An identity deleted since: the next attempt makes a new one.
          if (e?.code === 'ResourceNotFoundException') identityId = undefined;
          throw e;
        }
        const c = out.Credentials ?? {};
        if (!c.AccessKeyId || !c.SecretKey) throw credentialsError(provider, 'Cognito Identity gave no credentials');
        return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretKey, sessionToken: c.SessionToken, expiration: c.Expiration, identityId };
      },
      'Cognito Identity',
    );
}
