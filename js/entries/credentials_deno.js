// Deno entry of elb-wasm/credentials: the providers with AWS SDK v3's names, on the one wasm (StsClient from
// elb-wasm/services' Deno entry).
import { StsClient } from './services_deno.js';
import { stsProviders } from '../credentials/sts_providers.js';
import { fileProviders } from '../credentials/file_providers.js';

export { fromEnv } from '../credentials/file_providers.js';
export { fromContainerMetadata, fromInstanceMetadata } from '../credentials/metadata_providers.js';
export const { fromTemporaryCredentials, fromWebIdentity } = stsProviders(StsClient);
export const { fromIni, fromProcess, fromTokenFile, fromSSO, fromNodeProviderChain } = fileProviders(StsClient);
export { fromCognitoIdentityPool } from '../credentials/file_providers.js';
