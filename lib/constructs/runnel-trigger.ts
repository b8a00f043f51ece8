import { marshall } from '@aws-sdk/util-dynamodb';
import { Annotations, Duration, Names, Stack, Tags, Token } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Alias, CfnFunction, Version, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId, type AwsSdkCall } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { triggerItem, triggerKey } from '../../lambdas/kinesis/store/triggers';
import { deployedTrigger } from '../../lambdas/kinesis/triggers/settings';
import type { Trigger } from '../../lambdas/kinesis/triggers/trigger';
import { TRIGGER_TAG } from './trigger-dispatch';

export { TRIGGER_TAG };

export interface RunnelTriggerProps {
  /** The Runnel stack's triggers table: its name (the stack's TriggersTable output) or the table. */
  triggersTable: string | ITable;
  /** The Runnel stream's ARN, as DescribeStreamSummary returns it. */
  streamArn: string;
  /** The function to invoke; it must be in the Runnel stack's account and region. */
  function: IFunction;
  /** Unique in the triggers table; checkpoints are kept under it. Default: derived from this construct's path, stable across updates. */
  triggerId?: string;
  /** 1 to 10,000 records per invocation. Default 100. */
  batchSize?: number;
  /** TRIM_HORIZON (default) or LATEST. */
  startingPosition?: 'TRIM_HORIZON' | 'LATEST';
  /** How long to gather records before invoking with fewer than batchSize, whole seconds up to 300. Default none. */
  batchingWindow?: Duration;
  /** -1 (default): retry a failed batch until its records expire. */
  maximumRetryAttempts?: number;
  bisectBatchOnFunctionError?: boolean;
  /** The function's `batchItemFailures` response is honoured (FunctionResponseTypes ReportBatchItemFailures). */
  reportBatchItemFailures?: boolean;
}

/** How the props are spelled in synth-time errors. */
const PROPS = {
  streamArn: 'streamArn',
  batchSize: 'batchSize',
  batchingWindowSeconds: 'batchingWindow (in seconds)',
  maximumRetryAttempts: 'maximumRetryAttempts',
  startingPosition: 'startingPosition',
};

/**
 * A Lambda trigger on a Runnel stream, declared in your own stack: the cloud counterpart of a
 * Kinesis event source mapping. It tags the function `runnel-trigger=true` (Runnel's dispatcher
 * invokes only such functions) and keeps the trigger's item in Runnel's triggers table with a
 * custom resource: PutItem on create and update, DeleteItem on delete, allowed on that table only.
 * The Runnel stack must be deployed with `-c triggers=true`.
 */
export class RunnelTrigger extends Construct {
  /** The trigger as the dispatcher reads it. */
  readonly trigger: Trigger;
  readonly triggerId: string;
  readonly resource: AwsCustomResource;

  constructor(scope: Construct, id: string, props: RunnelTriggerProps) {
    super(scope, id);
    const table =
      typeof props.triggersTable === 'string'
        ? { name: props.triggersTable, arn: Stack.of(this).formatArn({ service: 'dynamodb', resource: 'table', resourceName: props.triggersTable }) }
        : { name: props.triggersTable.tableName, arn: props.triggersTable.tableArn };
    if (!Token.isUnresolved(table.name) && !table.name) throw new Error(`RunnelTrigger ${this.node.path}: triggersTable must name the Runnel stack's TriggersTable`);

    this.trigger = deployedTrigger(
      {
        id: props.triggerId ?? Names.uniqueId(this),
        streamArn: props.streamArn,
        functionName: props.function.functionArn,
        startingPosition: props.startingPosition,
        batchSize: props.batchSize,
        batchingWindowSeconds: props.batchingWindow?.toSeconds({ integral: false }),
        maximumRetryAttempts: props.maximumRetryAttempts,
        bisectBatchOnFunctionError: props.bisectBatchOnFunctionError,
        reportBatchItemFailures: props.reportBatchItemFailures,
      },
      {
        names: PROPS,
        fail: (message) => {
          throw new Error(`RunnelTrigger ${this.node.path}: ${message}`);
        },
        streamArnUnresolved: Token.isUnresolved(props.streamArn),
      },
    );
    this.triggerId = this.trigger.id;

    // Runnel's dispatcher may invoke a function only if it carries the tag (an IAM condition).
    const fn = props.function instanceof Alias ? props.function.version.lambda : props.function instanceof Version ? props.function.lambda : props.function;
    if (fn.node.findAll().some((c) => c instanceof CfnFunction)) Tags.of(fn).add(TRIGGER_TAG, 'true', { includeResourceTypes: [CfnFunction.CFN_RESOURCE_TYPE_NAME] });
    else Annotations.of(this).addWarningV2('runnel:triggerFunctionNotTagged', `${fn.node.path} is not defined in this app, so it cannot be tagged here: tag it ${TRIGGER_TAG}=true yourself, or Runnel's dispatcher may not invoke it`);

    const key = marshall(triggerKey(this.trigger.id));
    const put: AwsSdkCall = {
      service: 'DynamoDB',
      action: 'PutItem',
      parameters: { TableName: table.name, Item: marshall(triggerItem(this.trigger)) },
      // A new id or table replaces the resource: CloudFormation then deletes the old item.
      physicalResourceId: PhysicalResourceId.of(`${table.name}/${this.trigger.id}`),
    };
    this.resource = new AwsCustomResource(this, 'Item', {
      resourceType: 'Custom::RunnelTrigger',
      onCreate: put,
      onUpdate: put,
      onDelete: {
        service: 'DynamoDB',
        action: 'DeleteItem',
        parameters: { TableName: table.name, Key: key },
        // The Runnel stack (and its table) may be gone already.
        ignoreErrorCodesMatching: 'ResourceNotFoundException',
      },
      policy: AwsCustomResourcePolicy.fromStatements([new PolicyStatement({ actions: ['dynamodb:PutItem', 'dynamodb:DeleteItem'], resources: [table.arn] })]),
      installLatestAwsSdk: false,
    });
  }
}
