/**
 * The cloud composition root: builds the runtime from the environment CDK sets on every function.
 * Clients get their region explicitly and no endpoint override, so an ambient AWS_ENDPOINT_URL can
 * never point Runnel at itself.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { countLogs, Meter } from '../cost/meter';
import { meterDestinations, meterDynamoDB, meterS3, meterStepFunctions } from '../cost/meter-clients';
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
  triggersTable: 'RUNNEL_TRIGGERS_TABLE',
  applicationsTable: 'RUNNEL_APPLICATIONS_TABLE',
  triggerQueueUrl: 'RUNNEL_TRIGGER_QUEUE_URL',
  triggerRoleArn: 'RUNNEL_TRIGGER_ROLE_ARN',
  bucket: 'RUNNEL_BUCKET',
  accountId: 'RUNNEL_ACCOUNT_ID',
  shardLimit: 'RUNNEL_SHARD_LIMIT',
  quotas: 'RUNNEL_QUOTAS',
  deliveryExternalId: 'RUNNEL_DELIVERY_EXTERNAL_ID',
  workflowArn: (name: string) => `RUNNEL_WORKFLOW_${name.toUpperCase()}_ARN`,
  scheduleRule: (name: string) => `RUNNEL_SCHEDULE_${name.toUpperCase()}_RULE`,
} as const;

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
  return {
    config: runnelConfig(
      {
        tables: {
          streams: required(ENV.streamsTable),
          shards: required(ENV.shardsTable),
          deliveryStreams: required(ENV.deliveryStreamsTable),
          buffers: required(ENV.buffersTable),
          triggers: required(ENV.triggersTable),
          applications: required(ENV.applicationsTable),
        },
        bucket,
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
    s3,
    workflows: new StepFunctionsStarter(
      sfn,
      new EventBridgeClient({ region }),
      (workflow) => process.env[ENV.workflowArn(workflow)],
      (workflow) => process.env[ENV.scheduleRule(workflow)],
    ),
    destinations: meterDestinations(cloudDestinations(region, { account: required(ENV.accountId), externalId: required(ENV.deliveryExternalId) }), meter, bucket),
    ...SYSTEM_TIME,
  };
}
