// In a page or a Worker there are no shared files, processes or metadata services to read: the
// providers that need them reject, saying so, and bring no Node code into the bundle.
import { credentialsError } from './sts_providers.js';

const needsNode = (provider) => () => () => Promise.reject(credentialsError(provider, 'needs Node, Deno or Bun (files, processes or a metadata service); in a page or a Worker use fromWebIdentity, fromCognitoIdentityPool, fromTemporaryCredentials or keys'));

export const fromEnv = needsNode('fromEnv');
export const fromIni = needsNode('fromIni');
export const fromProcess = needsNode('fromProcess');
export const fromTokenFile = needsNode('fromTokenFile');
export const fromSSO = needsNode('fromSSO');
export const fromNodeProviderChain = needsNode('fromNodeProviderChain');
export const fromContainerMetadata = needsNode('fromContainerMetadata');
export const fromInstanceMetadata = needsNode('fromInstanceMetadata');
