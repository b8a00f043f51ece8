/**
 * `npm start` runs RUNNING analytics applications on its own cadence (`--analytics-interval-ms`):
 * rows reach the output with no one starting the runner.
 */
import { CreateApplicationCommand, KinesisAnalyticsClient, StartApplicationCommand } from '@aws-sdk/client-kinesis-analytics';
import { GetRecordsCommand, GetShardIteratorCommand, KinesisClient, PutRecordCommand } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROLE, streamArn, waitForApplicationStatus } from '../support/analytics';
import { eventually } from '../support/eventually';
import { createActiveStream, credentials } from '../support/local';
import { startRunnelProcess, type RunnelProcess } from '../support/runnel-process';

let runnel: RunnelProcess;
let kinesis: KinesisClient;
let analytics: KinesisAnalyticsClient;
beforeAll(async () => {
  runnel = await startRunnelProcess('--analytics-interval-ms', '200');
  kinesis = new KinesisClient({ endpoint: runnel.url, region: 'us-east-1', credentials });
  analytics = new KinesisAnalyticsClient({ endpoint: runnel.url, region: 'us-east-1', credentials });
});
afterAll(async () => {
  kinesis.destroy();
  analytics.destroy();
  expect(await runnel.stop()).toBe(0);
});

it('--analytics-interval-ms: a running application delivers without an explicit run', async () => {
  await createActiveStream(kinesis, 'in');
  await createActiveStream(kinesis, 'out');
  await analytics.send(
    new CreateApplicationCommand({
      ApplicationName: 'pass',
      ApplicationCode: 'CREATE STREAM "OUT" (N INTEGER); CREATE PUMP "P" AS INSERT INTO "OUT" SELECT STREAM N * 2 FROM "SOURCE_SQL_STREAM_001";',
      Inputs: [
        {
          NamePrefix: 'SOURCE_SQL_STREAM',
          KinesisStreamsInput: { ResourceARN: streamArn('in'), RoleARN: ROLE },
          InputSchema: { RecordFormat: { RecordFormatType: 'JSON', MappingParameters: { JSONMappingParameters: { RecordRowPath: '$' } } }, RecordColumns: [{ Name: 'N', SqlType: 'INTEGER', Mapping: '$.n' }] },
        },
      ],
      Outputs: [{ Name: 'OUT', DestinationSchema: { RecordFormatType: 'JSON' }, KinesisStreamsOutput: { ResourceARN: streamArn('out'), RoleARN: ROLE } }],
    }),
  );
  await analytics.send(new StartApplicationCommand({ ApplicationName: 'pass', InputConfigurations: [{ Id: '1.1', InputStartingPositionConfiguration: { InputStartingPosition: 'NOW' } }] }));
  await waitForApplicationStatus(analytics, 'pass', 'RUNNING');
  await kinesis.send(new PutRecordCommand({ StreamName: 'in', PartitionKey: 'p', Data: Buffer.from('{"n":21}') }));
  await eventually(async () => {
    const { ShardIterator } = await kinesis.send(new GetShardIteratorCommand({ StreamName: 'out', ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' }));
    const { Records } = await kinesis.send(new GetRecordsCommand({ ShardIterator }));
    expect(Records!.map((r) => Buffer.from(r.Data!).toString())).toEqual(['{"N":42}']);
  });
});
