import { Duration, Stack } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, FilterRule, StartingPosition, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV } from '../../lambdas/handlers/cloud-runtime';
import { runnelFunction } from './functions';

/** Tag a function with this (value `true`) to let Runnel's triggers invoke it. */
export const TRIGGER_TAG = 'runnel-trigger';

export interface TriggerDispatchProps {
  environment: Record<string, string>;
  streams: Table;
  /** Must have a DynamoDB stream: its writes wake the dispatcher. */
  shards: Table;
  triggers: Table;
  bucket: IBucket;
}

/**
 * Lambda triggers in the cloud: the shards table's stream wakes a dispatcher only when records are
 * written (head updates, one event per request and shard; reading the stream is free for Lambda),
 * and a delay queue brings back triggers whose function failed. Idle, it costs nothing.
 */
export class TriggerDispatch extends Construct {
  readonly fn: IFunction;

  constructor(scope: Construct, id: string, props: TriggerDispatchProps) {
    super(scope, id);
    const retries = new Queue(this, 'Retries', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, visibilityTimeout: Duration.seconds(180) });
    const fn = runnelFunction(this, 'Dispatcher', 'trigger-dispatch.ts', { timeout: Duration.seconds(120), environment: { ...props.environment, [ENV.triggerQueueUrl]: retries.queueUrl } });
    fn.addEnvironment(ENV.triggerRoleArn, fn.role!.roleArn);
    props.streams.grantReadData(fn);
    props.shards.grantReadWriteData(fn); // a reader may close a stale gap
    props.triggers.grantReadWriteData(fn);
    props.bucket.grantRead(fn);
    retries.grantSendMessages(fn);
    const { account, region } = Stack.of(this);
    // Only functions their owners tagged for Runnel may be invoked.
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: [`arn:aws:lambda:${region}:${account}:function:*`],
        conditions: { StringEquals: { [`aws:ResourceTag/${TRIGGER_TAG}`]: 'true' } },
      }),
    );
    fn.addEventSource(
      new DynamoEventSource(props.shards, {
        startingPosition: StartingPosition.LATEST,
        batchSize: 1000,
        maxBatchingWindow: Duration.seconds(1),
        retryAttempts: 3,
        filters: [FilterCriteria.filter({ dynamodb: { Keys: { sk: { N: FilterRule.isEqual('0') } } } })],
      }),
    );
    fn.addEventSource(new SqsEventSource(retries, { batchSize: 10 }));
    this.fn = fn;
  }
}
