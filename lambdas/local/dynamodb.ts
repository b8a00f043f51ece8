/** Embedded DynamoDB: dynalite on a loopback port, with Runnel's tables created from the shared specs. */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';
import type { TableSpec } from '../runtime/tables';

export interface EmbeddedDynamo {
  endpoint: string;
  ddb: DynamoDBDocumentClient;
  tableName: (spec: TableSpec) => string;
  stop(): Promise<void>;
}

/**
 * Starts dynalite. Any DynamoDB client may use the port too (the KCL keeps its lease tables there);
 * Runnel's own tables are the ones named `runnel-*`.
 */
export async function startDynamo(opts: { path?: string; tables: TableSpec[]; port?: number }): Promise<EmbeddedDynamo> {
  const server = dynalite({ path: opts.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  server.listen(opts.port ?? 0, '127.0.0.1');
  await once(server, 'listening');
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 5 });
  const ddb = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const tableName = (spec: TableSpec) => `runnel-${spec.id}`;
  for (const spec of opts.tables) {
    const exists = await client.send(new DescribeTableCommand({ TableName: tableName(spec) })).then(() => true, () => false);
    if (exists) continue;
    const keys = [spec.partitionKey, ...(spec.sortKey ? [spec.sortKey] : [])];
    await client.send(
      new CreateTableCommand({
        TableName: tableName(spec),
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: keys.map((k) => ({ AttributeName: k.name, AttributeType: k.type })),
        KeySchema: keys.map((k, i) => ({ AttributeName: k.name, KeyType: i === 0 ? 'HASH' : 'RANGE' })),
      }),
    );
  }
  return {
    endpoint,
    ddb,
    tableName,
    stop: async () => {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
