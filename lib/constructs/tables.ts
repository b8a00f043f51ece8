import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import type { TableSpec } from '../../lambdas/runtime/tables';

/** DynamoDB tables from the specs the local host also uses: on-demand billing, TTL where declared. */
export class RunnelTables extends Construct {
  readonly tables = new Map<string, Table>();

  /** `streamed`: tables whose changes are published on a DynamoDB stream (keys only). */
  constructor(scope: Construct, id: string, specs: TableSpec[], streamed: TableSpec[] = []) {
    super(scope, id);
    for (const spec of specs) {
      const table = new Table(this, spec.id, {
        partitionKey: { name: spec.partitionKey.name, type: spec.partitionKey.type as AttributeType },
        ...(spec.sortKey ? { sortKey: { name: spec.sortKey.name, type: spec.sortKey.type as AttributeType } } : {}),
        billingMode: BillingMode.PAY_PER_REQUEST,
        timeToLiveAttribute: spec.ttlAttribute,
        ...(streamed.includes(spec) ? { stream: StreamViewType.KEYS_ONLY } : {}),
        encryption: TableEncryption.AWS_MANAGED,
        // Acknowledged records must survive a `cdk destroy` by mistake.
        removalPolicy: RemovalPolicy.RETAIN,
      });
      this.tables.set(spec.id, table);
    }
  }

  get(spec: TableSpec): Table {
    return this.tables.get(spec.id)!;
  }
}
