/**
 * Lambda entry point for Lambda triggers in the cloud: woken by the shards table's DynamoDB stream
 * (new writes) or by a delayed retry message, it runs the affected triggers (kinesis/triggers).
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBStreamEvent, SQSEvent } from 'aws-lambda';
import { dispatchTriggers, triggersForShards, type DispatchPorts } from '../kinesis/triggers/dispatch';
import { listTriggers } from '../kinesis/store/triggers';
import { cloudRuntime, ENV } from './cloud-runtime';

const runtime = cloudRuntime();
const region = runtime.config.defaultRegion;
const lambda = new LambdaClient({ region });
const sqs = new SQSClient({ region });

const ports: DispatchPorts = {
  region,
  invokeIdentityArn: process.env[ENV.triggerRoleArn]!,
  async invoke(functionName, event) {
    const res = await lambda.send(new InvokeCommand({ FunctionName: functionName, Payload: Buffer.from(JSON.stringify(event)) }));
    const body = res.Payload ? Buffer.from(res.Payload).toString() : '';
    if (res.FunctionError) throw new Error(`${res.FunctionError}: ${body}`);
    return body ? JSON.parse(body) : null;
  },
  async retryLater(triggerId, delaySeconds, attempts) {
    await sqs.send(new SendMessageCommand({ QueueUrl: process.env[ENV.triggerQueueUrl]!, DelaySeconds: delaySeconds, MessageBody: JSON.stringify({ triggerId, attempts }) }));
  },
};

export async function handler(event: DynamoDBStreamEvent | SQSEvent): Promise<void> {
  const records = event.Records as (DynamoDBStreamEvent['Records'][number] | SQSEvent['Records'][number])[];
  if (records[0] && 'body' in records[0]) {
    const all = await listTriggers(runtime);
    for (const message of records as SQSEvent['Records']) {
      const { triggerId, attempts } = JSON.parse(message.body) as { triggerId: string; attempts: Record<string, number> };
      const trigger = all.find((t) => t.id === triggerId);
      if (trigger) await dispatchTriggers(runtime, [trigger], ports, attempts);
    }
    return;
  }
  const shardKeys = (records as DynamoDBStreamEvent['Records']).map((r) => r.dynamodb?.Keys?.pk?.S).filter((k): k is string => !!k);
  await dispatchTriggers(runtime, await triggersForShards(runtime, shardKeys), ports);
}
