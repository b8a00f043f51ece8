import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { SecretsKey, TableSpec } from '../../lambdas/runtime/tables';

/** DynamoDB tables from the specs the local host also uses: on-demand billing, TTL where declared, point-in-time recovery. */
export class RunnelTables extends Construct {
  readonly tables = new Map<string, Table>();

  /**
   * `streamed`: tables whose changes are published on a DynamoDB stream (keys only).
   * `secretsKey`: 'customer' gives tables holding secrets a KMS key of their own ($1 a month plus
   * requests); by default every table uses DynamoDB's own key, which bills nothing.
   */
  constructor(scope: Construct, id: string, specs: TableSpec[], streamed: TableSpec[] = [], secretsKey: SecretsKey = 'aws-owned') {
    super(scope, id);
    for (const spec of specs) {
      const table = new Table(this, spec.id, {
        partitionKey: { name: spec.partitionKey.name, type: spec.partitionKey.type as AttributeType },
        ...(spec.sortKey ? { sortKey: { name: spec.sortKey.name, type: spec.sortKey.type as AttributeType } } : {}),
        billingMode: BillingMode.PAY_PER_REQUEST,
        // Acknowledged records and issued keys can be restored to any second of the last 35 days.
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        timeToLiveAttribute: spec.ttlAttribute,
        ...(streamed.includes(spec) ? { stream: StreamViewType.KEYS_ONLY } : {}),
        // Secrets may get a key of their own: reading them then needs kms:Decrypt on it, which only
        // Runnel's functions are granted (and the account's administrators hold through the key policy).
        ...(spec.secrets && secretsKey === 'customer'
          ? { encryption: TableEncryption.CUSTOMER_MANAGED, encryptionKey: new Key(this, `${spec.id}Key`, { enableKeyRotation: true, description: `Runnel ${spec.id} table`, removalPolicy: RemovalPolicy.RETAIN }) }
          : // DynamoDB's own key (AWS owned): encrypted at rest, with no KMS request billed per use.
            { encryption: TableEncryption.DEFAULT }),
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
