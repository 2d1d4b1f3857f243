// The CommonJS build's one entry (`require('elb-wasm')` and its subpaths): every Node entry of the
// package bundled together by esbuild into dist/entries/elb-wasm-all.cjs, so CommonJS users share one wasm
// instance and one ElbError class across the subpaths. (ESM `import` has its own: see README.)
export { ElbClient, ElbError, sign, ElbDriver, LoadBalancer, Member, State, Algorithm } from './node.js';
export { ElbV2Client } from '../client/v2_api.js';
export { AutoScalingClient, CloudWatchClient, Route53Client, StsClient } from '../client/services_api.js';
export { loadAwsConfig, parseIni, SERVICE_IDS } from '../cli/aws_config.js';
export { fromEnv } from '../credentials/file_providers.js';
export { fromContainerMetadata, fromInstanceMetadata } from '../credentials/metadata_providers.js';
export { fromCognitoIdentityPool } from '../credentials/file_providers.js';
import { StsClient } from '../client/services_api.js';
import { stsProviders } from '../credentials/sts_providers.js';
import { fileProviders } from '../credentials/file_providers.js';
export const { fromTemporaryCredentials, fromWebIdentity } = stsProviders(StsClient);
export const { fromIni, fromProcess, fromTokenFile, fromSSO, fromNodeProviderChain } = fileProviders(StsClient);
export { planMigration, applyMigration, rollbackMigration, makePlan, planToCli, withCli, PLAN_TAG, SOURCE_TAG, planFleet, applyFleet, fleetReport, cutover, revertCutover, cutoverScript } from '../migrate/migrate.js';
