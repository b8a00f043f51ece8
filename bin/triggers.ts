/**
 * `runnel triggers create|list|delete --table TABLE …`: Lambda triggers of a deployment, kept in
 * its triggers table (the stack's TriggersTable output), with the caller's AWS credentials.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { parseArgs } from 'node:util';
import { deleteTrigger, listTriggers, putTrigger } from '../lambdas/kinesis/store/triggers';
import { MAX_BATCH_SIZE, TRIGGER_DEFAULTS, type Trigger, type TriggerStartingPosition } from '../lambdas/kinesis/triggers/trigger';
import type { Runtime } from '../lambdas/runtime/context';
import { UsageError } from './local-functions';

const USAGE = 'usage: runnel triggers create|list|delete --table TABLE [--region R] [--id ID] [--stream ARN --function ARN] [--batch-size N] [--starting-position TRIM_HORIZON|LATEST] [--batching-window-seconds N] [--maximum-retry-attempts N] [--bisect] [--report-batch-item-failures]';

function integer(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}`);
  return n;
}

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
  const position = (values['starting-position'] ?? TRIGGER_DEFAULTS.startingPosition) as TriggerStartingPosition;
  if (position !== 'TRIM_HORIZON' && position !== 'LATEST') throw new UsageError('--starting-position must be TRIM_HORIZON or LATEST');
  const trigger: Trigger = {
    ...TRIGGER_DEFAULTS,
    id: values.id ?? `${values.stream.split('/').pop()}-${values.function.split(':').pop()}`,
    streamArn: values.stream,
    functionName: values.function,
    startingPosition: position,
    batchSize: integer('batch-size', values['batch-size'], TRIGGER_DEFAULTS.batchSize, 1, MAX_BATCH_SIZE),
    batchingWindowMs: integer('batching-window-seconds', values['batching-window-seconds'], 0, 0, 300) * 1000,
    maximumRetryAttempts: integer('maximum-retry-attempts', values['maximum-retry-attempts'], TRIGGER_DEFAULTS.maximumRetryAttempts, -1, 10_000),
    bisectBatchOnFunctionError: values.bisect!,
    reportBatchItemFailures: values['report-batch-item-failures']!,
  };
  await putTrigger(rt, trigger);
  console.log(`trigger ${trigger.id}: created (tag the function runnel-trigger=true so Runnel may invoke it)`);
}
