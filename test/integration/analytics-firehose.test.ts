/** Applications and S3: output through a Firehose delivery stream, and reference tables read from a bucket. */
import { AddApplicationReferenceDataSourceCommand, CreateApplicationCommand, DescribeApplicationCommand, KinesisAnalyticsClient, StartApplicationCommand, UpdateApplicationCommand } from '@aws-sdk/client-kinesis-analytics';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetRecordsCommand, GetShardIteratorCommand, PutRecordCommand } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROLE, streamArn, waitForApplicationStatus } from '../support/analytics';
import { createActiveDeliveryStream, ROLE as FIREHOSE_ROLE, startFirehoseRunnel, waitForObjects, type FirehoseRunnel } from '../support/firehose';
import { createActiveStream, credentials, expectAwsError } from '../support/local';

let t: FirehoseRunnel;
let analytics: KinesisAnalyticsClient;
beforeAll(async () => {
  t = await startFirehoseRunnel({ bufferIntervalMs: 100, scheduleIntervalMs: 3_600_000 });
  analytics = new KinesisAnalyticsClient({ endpoint: t.runnel.url, region: 'us-east-1', credentials });
});
afterAll(async () => {
  analytics.destroy();
  await t.stop();
});

it('delivers the rows a pump writes to a Firehose output, as CSV records', async () => {
  await createActiveStream(t.kinesis, 'orders');
  await createActiveDeliveryStream(t.firehose, {
    DeliveryStreamName: 'big-orders',
    ExtendedS3DestinationConfiguration: { RoleARN: FIREHOSE_ROLE, BucketARN: 'arn:aws:s3:::big-orders', ProcessingConfiguration: { Enabled: true, Processors: [{ Type: 'AppendDelimiterToRecord' }] } },
  });
  await analytics.send(
    new CreateApplicationCommand({
      ApplicationName: 'big-orders',
      ApplicationCode: `CREATE STREAM "BIG" (ID INTEGER, TOTAL DOUBLE);
CREATE PUMP "P" AS INSERT INTO "BIG" SELECT STREAM ID, TOTAL FROM "SOURCE_SQL_STREAM_001" WHERE TOTAL >= 100;`,
      Inputs: [
        {
          NamePrefix: 'SOURCE_SQL_STREAM',
          KinesisStreamsInput: { ResourceARN: streamArn('orders'), RoleARN: ROLE },
          InputSchema: {
            RecordFormat: { RecordFormatType: 'JSON', MappingParameters: { JSONMappingParameters: { RecordRowPath: '$' } } },
            RecordColumns: [
              { Name: 'ID', SqlType: 'INTEGER', Mapping: '$.id' },
              { Name: 'TOTAL', SqlType: 'DOUBLE', Mapping: '$.total' },
            ],
          },
        },
      ],
      Outputs: [{ Name: 'BIG', DestinationSchema: { RecordFormatType: 'CSV' }, KinesisFirehoseOutput: { ResourceARN: 'arn:aws:firehose:us-east-1:000000000000:deliverystream/big-orders', RoleARN: ROLE } }],
    }),
  );
  await analytics.send(new StartApplicationCommand({ ApplicationName: 'big-orders', InputConfigurations: [{ Id: '1.1', InputStartingPositionConfiguration: { InputStartingPosition: 'TRIM_HORIZON' } }] }));
  await waitForApplicationStatus(analytics, 'big-orders', 'RUNNING');
  for (const [id, total] of [[1, 250], [2, 20], [3, 100.5]]) {
    await t.kinesis.send(new PutRecordCommand({ StreamName: 'orders', PartitionKey: String(id), Data: Buffer.from(JSON.stringify({ id, total })) }));
  }
  await t.runnel.workflows.start('AnalyticsRunner', 'run-1', {});
  await t.runnel.workflows.idle();
  const [object] = await waitForObjects(t.s3, 'big-orders', 1);
  expect(object.body.toString('utf8')).toBe('1,250\n3,100.5\n');
});

it('joins a stream with a reference table read from S3, added as a new version before the code that uses it, and reads the object UpdateApplication names', async () => {
  await t.s3.send(new CreateBucketCommand({ Bucket: 'reference' }));
  await t.s3.send(new PutObjectCommand({ Bucket: 'reference', Key: 'companies.csv', Body: 'AMZN,Amazon\nBNM,Benchmark\n' }));
  await createActiveStream(t.kinesis, 'trades');
  await createActiveStream(t.kinesis, 'enriched');
  await analytics.send(
    new CreateApplicationCommand({
      ApplicationName: 'enrich',
      Inputs: [
        {
          NamePrefix: 'SOURCE_SQL_STREAM',
          KinesisStreamsInput: { ResourceARN: streamArn('trades'), RoleARN: ROLE },
          InputSchema: {
            RecordFormat: { RecordFormatType: 'JSON', MappingParameters: { JSONMappingParameters: { RecordRowPath: '$' } } },
            RecordColumns: [
              { Name: 'TICKER', SqlType: 'VARCHAR(4)', Mapping: '$.ticker' },
              { Name: 'PRICE', SqlType: 'DOUBLE', Mapping: '$.price' },
            ],
          },
        },
      ],
      Outputs: [{ Name: 'OUT', DestinationSchema: { RecordFormatType: 'JSON' }, KinesisStreamsOutput: { ResourceARN: streamArn('enriched'), RoleARN: ROLE } }],
    }),
  );
  const code = `CREATE STREAM "OUT" (TICKER VARCHAR(4), COMPANY VARCHAR(32), PRICE DOUBLE);
CREATE PUMP "P" AS INSERT INTO "OUT"
  SELECT STREAM s.TICKER, c.COMPANY, s.PRICE FROM "SOURCE_SQL_STREAM_001" AS s JOIN "Companies" AS c ON s.TICKER = c.TICKER;`;
  await expectAwsError(
    analytics.send(new UpdateApplicationCommand({ ApplicationName: 'enrich', CurrentApplicationVersionId: 1, ApplicationUpdate: { ApplicationCodeUpdate: code } })),
    'CodeValidationException',
    /Companies/,
  );
  await analytics.send(
    new AddApplicationReferenceDataSourceCommand({
      ApplicationName: 'enrich',
      CurrentApplicationVersionId: 1,
      ReferenceDataSource: {
        TableName: 'Companies',
        S3ReferenceDataSource: { BucketARN: 'arn:aws:s3:::reference', FileKey: 'companies.csv', ReferenceRoleARN: ROLE },
        ReferenceSchema: {
          RecordFormat: { RecordFormatType: 'CSV', MappingParameters: { CSVMappingParameters: { RecordRowDelimiter: '\n', RecordColumnDelimiter: ',' } } },
          RecordColumns: [
            { Name: 'TICKER', SqlType: 'VARCHAR(4)' },
            { Name: 'COMPANY', SqlType: 'VARCHAR(32)' },
          ],
        },
      },
    }),
  );
  await analytics.send(new UpdateApplicationCommand({ ApplicationName: 'enrich', CurrentApplicationVersionId: 2, ApplicationUpdate: { ApplicationCodeUpdate: code } }));
  const d = (await analytics.send(new DescribeApplicationCommand({ ApplicationName: 'enrich' }))).ApplicationDetail!;
  expect(d.ApplicationVersionId).toBe(3);
  expect(d.ReferenceDataSourceDescriptions!.map((r) => [r.ReferenceId, r.TableName])).toEqual([['2.1', 'Companies']]);
  await analytics.send(new StartApplicationCommand({ ApplicationName: 'enrich', InputConfigurations: [{ Id: '1.1', InputStartingPositionConfiguration: { InputStartingPosition: 'TRIM_HORIZON' } }] }));
  await waitForApplicationStatus(analytics, 'enrich', 'RUNNING');
  for (const [ticker, price] of [['AMZN', 180.5], ['XYZ', 1], ['BNM', 12]] as const) {
    await t.kinesis.send(new PutRecordCommand({ StreamName: 'trades', PartitionKey: ticker, Data: Buffer.from(JSON.stringify({ ticker, price })) }));
  }
  await t.runnel.workflows.start('AnalyticsRunner', 'run-2', {});
  await t.runnel.workflows.idle();
  const { ShardIterator } = await t.kinesis.send(new GetShardIteratorCommand({ StreamName: 'enriched', ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' }));
  const { Records } = await t.kinesis.send(new GetRecordsCommand({ ShardIterator }));
  expect(Records!.map((r) => Buffer.from(r.Data!).toString())).toEqual(['{"TICKER":"AMZN","COMPANY":"Amazon","PRICE":180.5}', '{"TICKER":"BNM","COMPANY":"Benchmark","PRICE":12}']);

  await t.s3.send(new PutObjectCommand({ Bucket: 'reference', Key: 'companies-2.csv', Body: 'AMZN,Amazon.com\n' }));
  await analytics.send(
    new UpdateApplicationCommand({
      ApplicationName: 'enrich',
      CurrentApplicationVersionId: 3,
      ApplicationUpdate: { ReferenceDataSourceUpdates: [{ ReferenceId: '2.1', S3ReferenceDataSourceUpdate: { FileKeyUpdate: 'companies-2.csv' } }] },
    }),
  );
  await t.kinesis.send(new PutRecordCommand({ StreamName: 'trades', PartitionKey: 'AMZN', Data: Buffer.from(JSON.stringify({ ticker: 'AMZN', price: 181 })) }));
  await t.runnel.workflows.start('AnalyticsRunner', 'run-3', {});
  await t.runnel.workflows.idle();
  const next = await t.kinesis.send(new GetRecordsCommand({ ShardIterator: (await t.kinesis.send(new GetShardIteratorCommand({ StreamName: 'enriched', ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator }));
  expect(Buffer.from(next.Records![2].Data!).toString()).toBe('{"TICKER":"AMZN","COMPANY":"Amazon.com","PRICE":181}');
});
