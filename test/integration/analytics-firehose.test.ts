/** An application whose output is a Firehose delivery stream: its rows reach S3 as CSV records. */
import { CreateApplicationCommand, KinesisAnalyticsClient, StartApplicationCommand } from '@aws-sdk/client-kinesis-analytics';
import { PutRecordCommand } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROLE, streamArn, waitForApplicationStatus } from '../support/analytics';
import { createActiveDeliveryStream, ROLE as FIREHOSE_ROLE, startFirehoseRunnel, waitForObjects, type FirehoseRunnel } from '../support/firehose';
import { createActiveStream, credentials } from '../support/local';

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
