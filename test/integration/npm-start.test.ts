/** `npm start` as a user runs it: the listening line, /health, persistence with --path, the DynamoDB port, clean stop. */
import { CreateTableCommand, DynamoDBClient, GetItemCommand, ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetRecordsCommand, GetShardIteratorCommand, KinesisClient, PutRecordCommand } from '@aws-sdk/client-kinesis';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createActiveStream, credentials } from '../support/local';
import { startRunnelProcess } from '../support/runnel-process';

const dataDir = mkdtempSync(join(tmpdir(), 'runnel-path-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm start', () => {
  it('serves /health, keeps data across restarts with --path, and stops cleanly on SIGTERM', async () => {
    const first = await startRunnelProcess('--path', dataDir);
    const health = await fetch(`${first.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    let kinesis = new KinesisClient({ endpoint: first.url, region: 'us-east-1', credentials });
    await createActiveStream(kinesis, 'kept', 1);
    const put = await kinesis.send(new PutRecordCommand({ StreamName: 'kept', PartitionKey: 'k', Data: Buffer.from('still here') }));
    kinesis.destroy();
    expect(await first.stop()).toBe(0);

    const second = await startRunnelProcess('--path', dataDir);
    kinesis = new KinesisClient({ endpoint: second.url, region: 'us-east-1', credentials });
    const it = await kinesis.send(new GetShardIteratorCommand({ StreamName: 'kept', ShardId: put.ShardId, ShardIteratorType: 'TRIM_HORIZON' }));
    const records = await kinesis.send(new GetRecordsCommand({ ShardIterator: it.ShardIterator }));
    expect(records.Records!.map((r) => Buffer.from(r.Data!).toString())).toEqual(['still here']);
    kinesis.destroy();

    // The embedded DynamoDB is open to other clients (the KCL's lease table), beside Runnel's own tables.
    const dynamodb = new DynamoDBClient({ endpoint: second.dynamodbUrl, region: 'us-east-1', credentials });
    await dynamodb.send(
      new CreateTableCommand({
        TableName: 'kcl-leases',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'leaseKey', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'leaseKey', KeyType: 'HASH' }],
      }),
    );
    await dynamodb.send(new PutItemCommand({ TableName: 'kcl-leases', Item: { leaseKey: { S: 'shardId-000000000000' } } }));
    expect((await dynamodb.send(new GetItemCommand({ TableName: 'kcl-leases', Key: { leaseKey: { S: 'shardId-000000000000' } } }))).Item).toBeDefined();
    expect((await dynamodb.send(new ListTablesCommand({}))).TableNames).toEqual(expect.arrayContaining(['kcl-leases', 'runnel-Streams']));
    dynamodb.destroy();
    expect(await second.stop()).toBe(0);
  });
});
