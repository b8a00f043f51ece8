import { ArnFormat, Aws, CfnOutput, CustomResource, Duration, Fn, Stack, type StackProps } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Provider } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { DELIVERY_ROLE_PATH } from '../lambdas/handlers/cloud-destinations';
import { ENV } from '../lambdas/handlers/cloud-runtime';
import { type SecretsKey, ACCESS_KEYS_TABLE, ALL_TABLES, APPLICATIONS_TABLE, BUFFERS_TABLE, DELIVERY_STREAMS_TABLE, SHARDS_TABLE, STREAMS_TABLE, TRIGGERS_TABLE } from '../lambdas/runtime/tables';
import { schedulableBy, startableBy, WORKFLOWS, type Starter } from '../lambdas/workflows/registry';
import type { Edge } from '../lambdas/cost/edges';
import { RunnelEdge, type EdgeThrottle } from './constructs/edge';
import { acknowledgeNagFindings } from './nag-acknowledgements';
import { runnelFunction } from './constructs/functions';
import { SegmentBucket } from './constructs/segment-bucket';
import { RunnelTables } from './constructs/tables';
import { TRIGGER_TAG, TriggerDispatch } from './constructs/trigger-dispatch';
import { RunnelWorkflows } from './constructs/workflows';

export interface RunnelStackProps extends StackProps {
  shardLimit?: number;
  quotas?: boolean;
  /** Lambda triggers on streams (a DynamoDB stream on the shards table and a dispatcher function). */
  triggers?: boolean;
  /** The public front door (lambdas/cost/edges.ts): cloudfront-api unless given. */
  edge?: Edge;
  /** Requests per second (and burst) the HTTP API stage admits (edges with API Gateway). */
  edgeThrottle?: EdgeThrottle;
  /** Concurrency reserved for the front function on edges without API Gateway (0: none). */
  frontConcurrency?: number;
  /** The access-keys table's encryption key: DynamoDB's own (default, free) or a customer managed KMS key. */
  secretsKey?: SecretsKey;
}

export class RunnelStack extends Stack {
  constructor(scope: Construct, id: string, props: RunnelStackProps = {}) {
    super(scope, id, props);
    const tables = new RunnelTables(this, 'Tables', ALL_TABLES, props.triggers ? [SHARDS_TABLE] : [], props.secretsKey);
    const { bucket } = new SegmentBucket(this, 'Segments');

    // State machines get fixed names so functions can be told their ARNs without a reference
    // cycle (the machines reference the functions that start them).
    // Bound to this deployment (the stack's UUID): delivery roles require it, so a role trusted for
    // another Runnel deployment, or made for something else, cannot be used through this one.
    const deliveryExternalId = `runnel-${Fn.select(2, Fn.split('/', Aws.STACK_ID))}`;
    const machineName = (workflow: string) => `${this.stackName}-${workflow}`;
    const machineArn = (workflow: string) =>
      this.formatArn({ service: 'states', resource: 'stateMachine', resourceName: machineName(workflow), arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    // A scheduled workflow's rule shares its state machine's name.
    const ruleArn = (workflow: string) => this.formatArn({ service: 'events', resource: 'rule', resourceName: machineName(workflow) });
    const environment = {
      [ENV.streamsTable]: tables.get(STREAMS_TABLE).tableName,
      [ENV.shardsTable]: tables.get(SHARDS_TABLE).tableName,
      [ENV.accessKeysTable]: tables.get(ACCESS_KEYS_TABLE).tableName,
      [ENV.deliveryStreamsTable]: tables.get(DELIVERY_STREAMS_TABLE).tableName,
      [ENV.buffersTable]: tables.get(BUFFERS_TABLE).tableName,
      [ENV.triggersTable]: tables.get(TRIGGERS_TABLE).tableName,
      [ENV.applicationsTable]: tables.get(APPLICATIONS_TABLE).tableName,
      [ENV.bucket]: bucket.bucketName,
      [ENV.accountId]: this.account,
      [ENV.shardLimit]: String(props.shardLimit ?? 500),
      [ENV.quotas]: String(props.quotas ?? true),
      [ENV.deliveryExternalId]: deliveryExternalId,
      POWERTOOLS_SERVICE_NAME: 'runnel',
    };

    // Each function may start, and is told the ARNs of, exactly what the registry lets it start,
    // and may turn on and off exactly the schedules the registry lets it.
    const startRights = (starter: Starter) => {
      const workflows = startableBy(starter);
      const schedules = schedulableBy(starter);
      return {
        environment: {
          ...environment,
          ...Object.fromEntries(workflows.map((w) => [ENV.workflowArn(w), machineArn(w)])),
          ...Object.fromEntries(schedules.map((w) => [ENV.scheduleRule(w), machineName(w)])),
        },
        grant: (fn: IFunction) => {
          if (workflows.length) fn.addToRolePolicy(new PolicyStatement({ actions: ['states:StartExecution'], resources: workflows.map(machineArn) }));
          if (schedules.length) fn.addToRolePolicy(new PolicyStatement({ actions: ['events:EnableRule', 'events:DisableRule'], resources: schedules.map(ruleArn) }));
        },
      };
    };
    const workflowFunction = (id: string, entry: string, starter: Starter) => {
      const rights = startRights(starter);
      const fn = runnelFunction(this, id, entry, { environment: rights.environment });
      rights.grant(fn);
      return fn;
    };

    const streamTasks = workflowFunction('StreamTasks', 'workflow-tasks.ts', 'streamTasks');
    tables.get(STREAMS_TABLE).grantReadWriteData(streamTasks);
    tables.get(SHARDS_TABLE).grantReadWriteData(streamTasks);

    const firehoseTasks = workflowFunction('FirehoseTasks', 'firehose-tasks.ts', 'firehoseTasks');
    tables.get(DELIVERY_STREAMS_TABLE).grantReadWriteData(firehoseTasks);
    tables.get(BUFFERS_TABLE).grantReadWriteData(firehoseTasks);
    tables.get(STREAMS_TABLE).grantReadData(firehoseTasks);
    tables.get(SHARDS_TABLE).grantReadWriteData(firehoseTasks); // reading a Kinesis source may close a stale gap
    bucket.grantRead(firehoseTasks);
    // Retention increases copy segment objects to a longer-lived prefix. Nothing in Runnel deletes
    // an object (lifecycle rules expire them), so no function may.
    bucket.grantRead(streamTasks);
    bucket.grantPut(streamTasks);
    // As Firehose does, deliveries run as the delivery stream's own role, but only roles under the
    // delivery path (see cloud-destinations.ts): any key holder may name a RoleARN.
    const deliveryRoles = this.formatArn({ service: 'iam', region: '', resource: 'role', resourceName: `${DELIVERY_ROLE_PATH.slice(1)}*` });
    firehoseTasks.addToRolePolicy(new PolicyStatement({ actions: ['sts:AssumeRole'], resources: [deliveryRoles] }));

    const analyticsTasks = workflowFunction('AnalyticsTasks', 'analytics-tasks.ts', 'analyticsTasks');
    tables.get(APPLICATIONS_TABLE).grantReadWriteData(analyticsTasks);
    // Inputs are read from the shard log or a delivery stream's tap (registered on the delivery
    // stream's item), and outputs written through Kinesis's and Firehose's write paths.
    tables.get(STREAMS_TABLE).grantReadData(analyticsTasks);
    for (const table of [SHARDS_TABLE, DELIVERY_STREAMS_TABLE, BUFFERS_TABLE]) tables.get(table).grantReadWriteData(analyticsTasks);
    bucket.grantRead(analyticsTasks);
    bucket.grantPut(analyticsTasks);
    // Reference data is read, and Lambda outputs and preprocessors invoked, as the resource's own
    // role, under the same rules as Firehose's delivery roles.
    analyticsTasks.addToRolePolicy(new PolicyStatement({ actions: ['sts:AssumeRole'], resources: [deliveryRoles] }));

    new RunnelWorkflows(this, 'Workflows', WORKFLOWS.map((w) => w.spec), { streamTasks, firehoseTasks, analyticsTasks }, machineName);

    const front = workflowFunction('Front', 'api.ts', 'front');
    for (const table of [STREAMS_TABLE, SHARDS_TABLE, DELIVERY_STREAMS_TABLE, BUFFERS_TABLE, APPLICATIONS_TABLE]) tables.get(table).grantReadWriteData(front);
    tables.get(ACCESS_KEYS_TABLE).grantReadData(front);
    bucket.grantRead(front);
    bucket.grantPut(front);

    // SubscribeToShard holds its function for a subscription's 5 minutes; it starts no workflow.
    const subscribe = runnelFunction(this, 'Subscribe', 'subscribe.ts', { environment, timeout: Duration.seconds(330), memorySize: 256 });
    tables.get(STREAMS_TABLE).grantReadWriteData(subscribe); // subscription leases live beside the streams
    tables.get(SHARDS_TABLE).grantReadWriteData(subscribe); // reading may close a stale gap
    tables.get(ACCESS_KEYS_TABLE).grantReadData(subscribe);
    bucket.grantRead(subscribe);

    const edge = new RunnelEdge(this, 'Edge', front, subscribe, { edge: props.edge, throttle: props.edgeThrottle, frontConcurrency: props.frontConcurrency });

    const bootstrap = runnelFunction(this, 'BootstrapKey', 'bootstrap-key.ts', { environment });
    tables.get(ACCESS_KEYS_TABLE).grantWriteData(bootstrap);
    const firstKey = new CustomResource(this, 'FirstAccessKey', { serviceToken: new Provider(this, 'KeyProvider', { onEventHandler: bootstrap }).serviceToken });

    acknowledgeNagFindings(this, { bucket, edge, functions: { front, streamTasks, firehoseTasks, analyticsTasks, bootstrap }, secretsKey: props.secretsKey === 'customer' });

    new CfnOutput(this, 'Endpoint', { value: edge.endpoint, description: `Point the AWS CLI and SDKs here (--endpoint-url); edge ${edge.edge}` });
    if (edge.streamingEndpoint) {
      new CfnOutput(this, 'StreamingEndpoint', { value: edge.streamingEndpoint, description: 'SubscribeToShard (enhanced fan-out) only: no CloudFront routes it from Endpoint on this edge' });
    }
    new CfnOutput(this, 'AccessKeyId', { value: firstKey.getAttString('AccessKeyId') });
    new CfnOutput(this, 'SecretAccessKeyCommand', {
      value: `aws dynamodb get-item --table-name ${tables.get(ACCESS_KEYS_TABLE).tableName} --key '{"pk":{"S":"${firstKey.getAttString('AccessKeyId')}"}}' --query Item.secretAccessKey.S --output text`,
      description: 'Prints the secret access key that goes with AccessKeyId',
    });
    if (props.triggers) {
      const dispatch = new TriggerDispatch(this, 'Triggers', { environment, streams: tables.get(STREAMS_TABLE), shards: tables.get(SHARDS_TABLE), triggers: tables.get(TRIGGERS_TABLE), bucket });
      new CfnOutput(this, 'TriggersTable', { value: tables.get(TRIGGERS_TABLE).tableName, description: 'runnel triggers create --table <this>' });
      new CfnOutput(this, 'TriggerRole', { value: dispatch.fn.role!.roleArn, description: `Functions tagged ${TRIGGER_TAG}=true may be invoked by this role` });
    }
    new CfnOutput(this, 'FirehoseDeliveryRole', { value: firehoseTasks.role!.roleArn, description: 'Delivery stream roles (RoleARN) must trust this role' });
    new CfnOutput(this, 'FirehoseDeliveryExternalId', { value: deliveryExternalId, description: 'Delivery role trust policies must require this sts:ExternalId' });
    new CfnOutput(this, 'FirehoseDeliveryRolePath', { value: DELIVERY_ROLE_PATH, description: 'Delivery roles must be created under this IAM path' });
    new CfnOutput(this, 'KeysCommand', {
      value: `npm run runnel -- keys list --table ${tables.get(ACCESS_KEYS_TABLE).tableName} --region ${Aws.REGION}`,
      description: 'Lists issued keys (create and revoke work the same way)',
    });
  }
}
