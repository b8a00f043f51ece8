/**
 * The cloud composition root: builds the runtime from the environment CDK sets on every function.
 * Clients get their region explicitly and no endpoint override, so an ambient AWS_ENDPOINT_URL can
 * never point Runnel at itself.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CONFIG_DEFAULTS, LAMBDA_PAYLOAD_BYTES, runnelConfig } from '../runtime/config';
import { SYSTEM_TIME, type Runtime } from '../runtime/context';
import { StepFunctionsStarter } from '../runtime/step-functions-starter';
import { cloudDestinations } from './cloud-destinations';

export const ENV = {
  streamsTable: 'RUNNEL_STREAMS_TABLE',
  shardsTable: 'RUNNEL_SHARDS_TABLE',
  accessKeysTable: 'RUNNEL_ACCESS_KEYS_TABLE',
  deliveryStreamsTable: 'RUNNEL_DELIVERY_STREAMS_TABLE',
  buffersTable: 'RUNNEL_BUFFERS_TABLE',
  bucket: 'RUNNEL_BUCKET',
  accountId: 'RUNNEL_ACCOUNT_ID',
  shardLimit: 'RUNNEL_SHARD_LIMIT',
  quotas: 'RUNNEL_QUOTAS',
  deliveryExternalId: 'RUNNEL_DELIVERY_EXTERNAL_ID',
  workflowArn: (name: string) => `RUNNEL_WORKFLOW_${name.toUpperCase()}_ARN`,
} as const;

function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`environment variable ${name} is not set`);
  return v;
}

export function cloudRuntime(): Runtime {
  const region = required('AWS_REGION');
  const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({ region }), { marshallOptions: { removeUndefinedValues: true } });
  return {
    config: runnelConfig(
      {
        tables: {
          streams: required(ENV.streamsTable),
          shards: required(ENV.shardsTable),
          deliveryStreams: required(ENV.deliveryStreamsTable),
          buffers: required(ENV.buffersTable),
        },
        bucket: required(ENV.bucket),
        accountId: required(ENV.accountId),
        defaultRegion: region,
      },
      {
        shardLimit: Number(process.env[ENV.shardLimit] ?? CONFIG_DEFAULTS.shardLimit),
        quotas: { ...CONFIG_DEFAULTS.quotas, enabled: process.env[ENV.quotas] !== 'false' },
        maxGetRecordsBytes: LAMBDA_PAYLOAD_BYTES,
        maxPutRecordsBytes: LAMBDA_PAYLOAD_BYTES,
      },
    ),
    ddb,
    s3: new S3Client({ region }),
    workflows: new StepFunctionsStarter(new SFNClient({ region }), (workflow) => process.env[ENV.workflowArn(workflow)]),
    destinations: cloudDestinations(region, { account: required(ENV.accountId), externalId: required(ENV.deliveryExternalId) }),
    ...SYSTEM_TIME,
  };
}
