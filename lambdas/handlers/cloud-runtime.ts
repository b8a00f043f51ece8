/**
 * The cloud composition root: builds the runtime from the environment CDK sets on every function.
 * Clients get their region explicitly and no endpoint override, so an ambient AWS_ENDPOINT_URL can
 * never point Runnel at itself.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { countLogs, Meter } from '../cost/meter';
import { meterDestinations, meterDynamoDB, meterS3, meterStepFunctions } from '../cost/meter-clients';
import type { Runtime } from '../runtime/context';
import { StepFunctionsStarter } from '../runtime/step-functions-starter';
import { cloudDestinations } from './cloud-destinations';
import { WORKFLOWS } from '../workflows';

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
  workflowArn: (name: string) => `RUNNEL_WORKFLOW_${name.toUpperCase()}_ARN`,
} as const;

/** Lambda carries at most 6 MB each way; base64 grows data by 4/3, so raw bytes stay near 4 MiB. */
const LAMBDA_PAYLOAD_BYTES = 4 * 1024 * 1024;

function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`environment variable ${name} is not set`);
  return v;
}

/**
 * What each invocation would be billed for, one log line per invocation (CloudWatch Logs Insights
 * can sum them); plain JSON rather than embedded metric format, as custom metrics would cost
 * dollars a month even when idle.
 */
export const meter = new Meter((operation, counters) => process.stdout.write(`${JSON.stringify({ metering: operation, ...counters })}\n`));

export function cloudRuntime(): Runtime {
  const region = required('AWS_REGION');
  const bucket = required(ENV.bucket);
  const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({ region }), { marshallOptions: { removeUndefinedValues: true } });
  const s3 = new S3Client({ region });
  const sfn = new SFNClient({ region });
  meterDynamoDB(ddb, meter);
  meterS3(s3, meter, bucket);
  meterStepFunctions(sfn, meter);
  countLogs();
  const machines = Object.fromEntries(WORKFLOWS.filter((w) => process.env[ENV.workflowArn(w.name)]).map((w) => [w.name, process.env[ENV.workflowArn(w.name)]!]));
  return {
    config: {
      tables: {
        streams: required(ENV.streamsTable),
        shards: required(ENV.shardsTable),
        deliveryStreams: required(ENV.deliveryStreamsTable),
        buffers: required(ENV.buffersTable),
      },
      bucket,
      accountId: required(ENV.accountId),
      defaultRegion: region,
      shardLimit: Number(process.env[ENV.shardLimit] ?? 500),
      quotas: { enabled: process.env[ENV.quotas] !== 'false', writeBytesPerSecond: 1024 * 1024, writeRecordsPerSecond: 1000 },
      gapTimeoutMs: 10_000,
      s3SegmentThresholdBytes: 8 * 1024,
      maxGetRecordsBytes: LAMBDA_PAYLOAD_BYTES,
      maxPutRecordsBytes: LAMBDA_PAYLOAD_BYTES,
    },
    ddb,
    s3,
    workflows: new StepFunctionsStarter(sfn, machines),
    destinations: meterDestinations(cloudDestinations(region), meter, bucket),
    clock: Date.now,
  };
}
