// What the migration tests share: the moto of their own (MIGRATE_MOTO_URL), clients of both services
// on it, and raw EC2 calls for the VPCs, subnets and instances the balancers need.
import { ElbClient } from 'elb-wasm';
import { ElbV2Client } from 'elb-wasm/v2';
import { requiredEnv } from './env.mjs';
import { query } from './aws-query.mjs';

export const endpoint = requiredEnv('MIGRATE_MOTO_URL');
export const region = 'us-east-1';

/** Clients signing with the key `accessKeyId` (moto here checks no signature). */
export function migrateClients(accessKeyId) {
  const credentials = { accessKeyId, secretAccessKey: `${accessKeyId}-secret` };
  return {
    credentials,
    elb: new ElbClient({ region, endpoint, credentials }),
    v2: new ElbV2Client({ region, endpoint, credentials }),
    ec2: (params) => query({ endpoint, region, credentials }, 'ec2', '2016-11-15', params),
  };
}
