import { CfnOutput, CustomResource, Stack, type StackProps } from 'aws-cdk-lib';
import { Provider } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { ACCESS_KEYS_TABLE, ALL_TABLES, SHARDS_TABLE, STREAMS_TABLE } from '../lambdas/runtime/tables';
import { ENV } from '../lambdas/handlers/cloud-runtime';
import { WORKFLOWS } from '../lambdas/workflows';
import { RunnelEdge } from './constructs/edge';
import { runnelFunction } from './constructs/functions';
import { SegmentBucket } from './constructs/segment-bucket';
import { RunnelTables } from './constructs/tables';
import { RunnelWorkflows } from './constructs/workflows';

export interface RunnelStackProps extends StackProps {
  shardLimit?: number;
  quotas?: boolean;
}

export class RunnelStack extends Stack {
  constructor(scope: Construct, id: string, props: RunnelStackProps = {}) {
    super(scope, id, props);
    const tables = new RunnelTables(this, 'Tables', ALL_TABLES);
    const { bucket } = new SegmentBucket(this, 'Segments');
    const environment = {
      [ENV.streamsTable]: tables.get(STREAMS_TABLE).tableName,
      [ENV.shardsTable]: tables.get(SHARDS_TABLE).tableName,
      [ENV.accessKeysTable]: tables.get(ACCESS_KEYS_TABLE).tableName,
      [ENV.bucket]: bucket.bucketName,
      [ENV.accountId]: this.account,
      [ENV.shardLimit]: String(props.shardLimit ?? 500),
      [ENV.quotas]: String(props.quotas ?? true),
      POWERTOOLS_SERVICE_NAME: 'runnel',
    };

    const streamTasks = runnelFunction(this, 'StreamTasks', 'workflow-tasks.ts', { environment });
    tables.get(STREAMS_TABLE).grantReadWriteData(streamTasks);
    tables.get(SHARDS_TABLE).grantReadWriteData(streamTasks);

    const workflows = new RunnelWorkflows(this, 'Workflows', WORKFLOWS, { streamTasks });

    const front = runnelFunction(this, 'Front', 'api.ts', {
      environment: { ...environment, ...Object.fromEntries([...workflows.machines].map(([name, m]) => [ENV.workflowArn(name), m.stateMachineArn])) },
    });
    tables.get(STREAMS_TABLE).grantReadWriteData(front);
    tables.get(SHARDS_TABLE).grantReadWriteData(front);
    tables.get(ACCESS_KEYS_TABLE).grantReadData(front);
    bucket.grantReadWrite(front);
    for (const machine of workflows.machines.values()) machine.grantStartExecution(front);

    const edge = new RunnelEdge(this, 'Edge', front);

    const bootstrap = runnelFunction(this, 'BootstrapKey', 'bootstrap-key.ts', { environment });
    tables.get(ACCESS_KEYS_TABLE).grantWriteData(bootstrap);
    const firstKey = new CustomResource(this, 'FirstAccessKey', { serviceToken: new Provider(this, 'KeyProvider', { onEventHandler: bootstrap }).serviceToken });

    new CfnOutput(this, 'Endpoint', { value: `https://${edge.distribution.distributionDomainName}`, description: 'Point the AWS CLI and SDKs here (--endpoint-url)' });
    new CfnOutput(this, 'AccessKeyId', { value: firstKey.getAttString('AccessKeyId') });
    new CfnOutput(this, 'SecretAccessKeyCommand', {
      value: `aws dynamodb get-item --table-name ${tables.get(ACCESS_KEYS_TABLE).tableName} --key '{"pk":{"S":"${firstKey.getAttString('AccessKeyId')}"}}' --query Item.secretAccessKey.S --output text`,
      description: 'Prints the secret access key that goes with AccessKeyId',
    });
  }
}
