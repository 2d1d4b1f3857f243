// elb-wasm/credentials for esbuild (--loader:.wasm=file) and bun build: see esbuild.js. The web
// entry's providers; the ones that read files, processes or metadata reject (web_stubs.js).
import { StsClient } from './services_esbuild.js';
import { stsProviders } from '../credentials/sts_providers.js';

export { fromEnv, fromIni, fromProcess, fromTokenFile, fromSSO, fromNodeProviderChain, fromContainerMetadata, fromInstanceMetadata } from '../credentials/web_stubs.js';
export const { fromTemporaryCredentials, fromWebIdentity } = stsProviders(StsClient);
export { fromCognitoIdentityPool } from '../credentials/cognito_provider.js';
