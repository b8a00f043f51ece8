/**
 * `runnel triggers create|list|delete --table TABLE …`: Lambda triggers of a deployment, kept in
 * its triggers table (the stack's TriggersTable output), with the caller's AWS credentials.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { parseArgs } from 'node:util';
import { deleteTrigger, listTriggers, putTrigger } from '../lambdas/kinesis/store/triggers';
import { deployedTrigger } from '../lambdas/kinesis/triggers/settings';
import type { Runtime } from '../lambdas/runtime/context';
import { UsageError } from './local-functions';

const USAGE = 'usage: runnel triggers create|list|delete --table TABLE [--region R] [--id ID] [--stream ARN --function ARN] [--batch-size N] [--starting-position TRIM_HORIZON|LATEST] [--batching-window-seconds N] [--maximum-retry-attempts N] [--bisect] [--report-batch-item-failures]';

/** How this command spells the settings deployedTrigger checks. */
const FLAGS = {
  streamArn: '--stream',
  batchSize: '--batch-size',
  batchingWindowSeconds: '--batching-window-seconds',
  maximumRetryAttempts: '--maximum-retry-attempts',
  startingPosition: '--starting-position',
};

const number = (value: string | undefined) => (value === undefined ? undefined : Number(value));

export async function triggersCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      table: { type: 'string' },
      region: { type: 'string' },
      id: { type: 'string' },
      stream: { type: 'string' },
      function: { type: 'string' },
      'batch-size': { type: 'string' },
      'starting-position': { type: 'string' },
      'batching-window-seconds': { type: 'string' },
      'maximum-retry-attempts': { type: 'string' },
      bisect: { type: 'boolean', default: false },
      'report-batch-item-failures': { type: 'boolean', default: false },
    },
  });
  const [action] = positionals;
  if (!values.table || !['create', 'list', 'delete'].includes(action)) throw new UsageError(USAGE);
  const ddb = DynamoDBDocumentClient.from(new DynamoDBClient(values.region ? { region: values.region } : {}));
  const rt = { ddb, config: { tables: { triggers: values.table } } } as unknown as Pick<Runtime, 'ddb' | 'config'>;
  if (action === 'list') {
    for (const t of await listTriggers(rt)) console.log(JSON.stringify(t));
    return;
  }
  if (action === 'delete') {
    if (!values.id) throw new UsageError('triggers delete needs --id');
    await deleteTrigger(rt, values.id);
    console.log(`trigger ${values.id}: deleted`);
    return;
  }
  if (!values.stream || !values.function) throw new UsageError('triggers create needs --stream ARN and --function ARN');
  const trigger = deployedTrigger(
    {
      id: values.id ?? `${values.stream.split('/').pop()}-${values.function.split(':').pop()}`,
      streamArn: values.stream,
      functionName: values.function,
      startingPosition: values['starting-position'],
      batchSize: number(values['batch-size']),
      batchingWindowSeconds: number(values['batching-window-seconds']),
      maximumRetryAttempts: number(values['maximum-retry-attempts']),
      bisectBatchOnFunctionError: values.bisect,
      reportBatchItemFailures: values['report-batch-item-failures'],
    },
    {
      names: FLAGS,
      fail: (message) => {
        throw new UsageError(message);
      },
    },
  );
  await putTrigger(rt, trigger);
  console.log(`trigger ${trigger.id}: created (tag the function runnel-trigger=true so Runnel may invoke it)`);
}
