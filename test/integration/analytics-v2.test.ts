/** The v2 API (KinesisAnalytics_20180523) for SQL-1_0 applications, with the stock v2 client. */
import { DescribeApplicationCommand as DescribeV1Command, KinesisAnalyticsClient } from '@aws-sdk/client-kinesis-analytics';
import {
  AddApplicationOutputCommand,
  AddApplicationReferenceDataSourceCommand,
  CreateApplicationCommand,
  DeleteApplicationOutputCommand,
  DiscoverInputSchemaCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  DeleteApplicationCommand,
  DescribeApplicationCommand,
  KinesisAnalyticsV2Client,
  ListApplicationsCommand,
  StartApplicationCommand,
  StopApplicationCommand,
  UpdateApplicationCommand,
} from '@aws-sdk/client-kinesis-analytics-v2';
import { GetRecordsCommand, GetShardIteratorCommand, PutRecordCommand } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamArn } from '../support/analytics';
import { eventually } from '../support/eventually';
import { createActiveStream, credentials, expectAwsError, startRunnel, type TestRunnel } from '../support/local';

let t: TestRunnel;
let v2: KinesisAnalyticsV2Client;
let v1: KinesisAnalyticsClient;
beforeAll(async () => {
  t = await startRunnel({ scheduleIntervalMs: 3_600_000 });
  v2 = new KinesisAnalyticsV2Client({ endpoint: t.runnel.url, region: 'us-east-1', credentials });
  v1 = new KinesisAnalyticsClient({ endpoint: t.runnel.url, region: 'us-east-1', credentials });
});
afterAll(async () => {
  v2.destroy();
  v1.destroy();
  await t.stop();
});

const ROLE = 'arn:aws:iam::000000000000:role/kda';
const CODE = `CREATE STREAM "DESTINATION_SQL_STREAM" (ID INTEGER);
CREATE PUMP "P" AS INSERT INTO "DESTINATION_SQL_STREAM" SELECT STREAM ID FROM "SOURCE_SQL_STREAM_001" WHERE ID > 1;`;
const describeV2 = async (name: string) => (await v2.send(new DescribeApplicationCommand({ ApplicationName: name }))).ApplicationDetail!;
const status = (name: string, expected: string) => eventually(async () => expect((await describeV2(name)).ApplicationStatus).toBe(expected));

describe('v2 SQL applications', () => {
  it('are created with a service role and nested SQL configuration, and described the v2 way', async () => {
    await createActiveStream(t.kinesis, 'v2-in');
    await createActiveStream(t.kinesis, 'v2-out');
    const created = await v2.send(
      new CreateApplicationCommand({
        ApplicationName: 'ids',
        RuntimeEnvironment: 'SQL-1_0',
        ServiceExecutionRole: ROLE,
        ApplicationConfiguration: {
          ApplicationCodeConfiguration: { CodeContentType: 'PLAINTEXT', CodeContent: { TextContent: CODE } },
          SqlApplicationConfiguration: {
            Inputs: [
              {
                NamePrefix: 'SOURCE_SQL_STREAM',
                KinesisStreamsInput: { ResourceARN: streamArn('v2-in') },
                InputSchema: { RecordFormat: { RecordFormatType: 'JSON', MappingParameters: { JSONMappingParameters: { RecordRowPath: '$' } } }, RecordColumns: [{ Name: 'ID', SqlType: 'INTEGER', Mapping: '$.id' }] },
              },
            ],
            Outputs: [{ Name: 'DESTINATION_SQL_STREAM', KinesisStreamsOutput: { ResourceARN: streamArn('v2-out') }, DestinationSchema: { RecordFormatType: 'JSON' } }],
          },
        },
      }),
    );
    expect(created.ApplicationDetail).toMatchObject({ ApplicationName: 'ids', RuntimeEnvironment: 'SQL-1_0', ServiceExecutionRole: ROLE, ApplicationStatus: 'READY', ApplicationVersionId: 1 });
    const config = created.ApplicationDetail!.ApplicationConfigurationDescription!;
    expect(config.ApplicationCodeConfigurationDescription).toEqual({ CodeContentType: 'PLAINTEXT', CodeContentDescription: { TextContent: CODE } });
    expect(config.SqlApplicationConfigurationDescription!.InputDescriptions![0]).toMatchObject({ InputId: '1.1', InAppStreamNames: ['SOURCE_SQL_STREAM_001'], KinesisStreamsInputDescription: { ResourceARN: streamArn('v2-in') } });
    expect(config.SqlApplicationConfigurationDescription!.OutputDescriptions![0]).toEqual({
      OutputId: '1.1',
      Name: 'DESTINATION_SQL_STREAM',
      KinesisStreamsOutputDescription: { ResourceARN: streamArn('v2-out') },
      DestinationSchema: { RecordFormatType: 'JSON' },
    });
    expect((await v2.send(new ListApplicationsCommand({}))).ApplicationSummaries).toEqual([
      { ApplicationName: 'ids', ApplicationARN: 'arn:aws:kinesisanalytics:us-east-1:000000000000:application/ids', ApplicationStatus: 'READY', ApplicationVersionId: 1, RuntimeEnvironment: 'SQL-1_0' },
    ]);
  });

  it('refuse Flink runtimes, and v1 refuses to touch them', async () => {
    await expectAwsError(
      v2.send(new CreateApplicationCommand({ ApplicationName: 'flink', RuntimeEnvironment: 'FLINK-1_18', ServiceExecutionRole: ROLE })),
      'InvalidArgumentException',
      'Runnel runs Kinesis Analytics SQL applications (RuntimeEnvironment SQL-1_0) only; FLINK-1_18 is not supported.',
    );
    await expectAwsError(
      v1.send(new DescribeV1Command({ ApplicationName: 'ids' })),
      'UnsupportedOperationException',
      'ids was created/updated by kinesisanalyticsv2 SDK. Please use kinesisanalyticsv2 SDK to make changes to ids.',
    );
  });

  it('update their code at the current version, run, stop and delete', async () => {
    await expectAwsError(
      v2.send(new UpdateApplicationCommand({ ApplicationName: 'ids', CurrentApplicationVersionId: 2, ApplicationConfigurationUpdate: { ApplicationCodeConfigurationUpdate: { CodeContentUpdate: { TextContentUpdate: CODE } } } })),
      'ConcurrentModificationException',
      'Application version 2 is not the current version. Current version is 1.',
    );
    const code = CODE.replace('ID > 1', 'ID > 2');
    const updated = await v2.send(
      new UpdateApplicationCommand({ ApplicationName: 'ids', CurrentApplicationVersionId: 1, ApplicationConfigurationUpdate: { ApplicationCodeConfigurationUpdate: { CodeContentUpdate: { TextContentUpdate: code } } } }),
    );
    expect(updated.ApplicationDetail).toMatchObject({ ApplicationVersionId: 2, ApplicationConfigurationDescription: { ApplicationCodeConfigurationDescription: { CodeContentDescription: { TextContent: code } } } });
    await v2.send(new StartApplicationCommand({ ApplicationName: 'ids', RunConfiguration: { SqlRunConfigurations: [{ InputId: '1.1', InputStartingPositionConfiguration: { InputStartingPosition: 'TRIM_HORIZON' } }] } }));
    await status('ids', 'RUNNING');
    for (const id of [1, 2, 3, 4]) await t.kinesis.send(new PutRecordCommand({ StreamName: 'v2-in', PartitionKey: 'p', Data: Buffer.from(JSON.stringify({ id })) }));
    await t.runnel.workflows.start('AnalyticsRunner', 'v2-run', {});
    await t.runnel.workflows.idle();
    const { ShardIterator } = await t.kinesis.send(new GetShardIteratorCommand({ StreamName: 'v2-out', ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' }));
    const { Records } = await t.kinesis.send(new GetRecordsCommand({ ShardIterator }));
    expect(Records!.map((r) => Buffer.from(r.Data!).toString())).toEqual(['{"ID":3}', '{"ID":4}']);
    await expectAwsError(v2.send(new StopApplicationCommand({ ApplicationName: 'ids', Force: true })), 'InvalidArgumentException', 'Force stop is not supported for SQL applications.');
    await v2.send(new StopApplicationCommand({ ApplicationName: 'ids' }));
    await status('ids', 'READY');
    await v2.send(new DeleteApplicationCommand({ ApplicationName: 'ids', CreateTimestamp: (await describeV2('ids')).CreateTimestamp }));
    await t.runnel.workflows.idle();
    await expectAwsError(v2.send(new DescribeApplicationCommand({ ApplicationName: 'ids' })), 'ResourceNotFoundException', 'Application ids is not found for account 000000000000.');
  });

  it('add and delete outputs and reference sources one version at a time, answering with the new configuration, and carry tags', async () => {
    await v2.send(new CreateApplicationCommand({ ApplicationName: 'parts', RuntimeEnvironment: 'SQL-1_0', ServiceExecutionRole: ROLE, Tags: [{ Key: 'team', Value: 'data' }] }));
    const added = await v2.send(
      new AddApplicationOutputCommand({
        ApplicationName: 'parts',
        CurrentApplicationVersionId: 1,
        Output: { Name: 'error_stream', KinesisStreamsOutput: { ResourceARN: streamArn('v2-out') }, DestinationSchema: { RecordFormatType: 'JSON' } },
      }),
    );
    expect(added).toMatchObject({
      ApplicationARN: 'arn:aws:kinesisanalytics:us-east-1:000000000000:application/parts',
      ApplicationVersionId: 2,
      OutputDescriptions: [{ OutputId: '2.1', Name: 'error_stream', KinesisStreamsOutputDescription: { ResourceARN: streamArn('v2-out') } }],
    });
    const ref = await v2.send(
      new AddApplicationReferenceDataSourceCommand({
        ApplicationName: 'parts',
        CurrentApplicationVersionId: 2,
        ReferenceDataSource: {
          TableName: 'T',
          S3ReferenceDataSource: { BucketARN: 'arn:aws:s3:::b', FileKey: 'k.csv' },
          ReferenceSchema: { RecordFormat: { RecordFormatType: 'CSV', MappingParameters: { CSVMappingParameters: { RecordRowDelimiter: '\n', RecordColumnDelimiter: ',' } } }, RecordColumns: [{ Name: 'A', SqlType: 'INTEGER' }] },
        },
      }),
    );
    expect(ref.ApplicationVersionId).toBe(3);
    expect(ref.ReferenceDataSourceDescriptions).toEqual([
      { ReferenceId: '3.1', TableName: 'T', S3ReferenceDataSourceDescription: { BucketARN: 'arn:aws:s3:::b', FileKey: 'k.csv' }, ReferenceSchema: expect.objectContaining({ RecordColumns: [{ Name: 'A', SqlType: 'INTEGER' }] }) },
    ]);
    expect(await v2.send(new DeleteApplicationOutputCommand({ ApplicationName: 'parts', CurrentApplicationVersionId: 3, OutputId: '2.1' }))).toMatchObject({ ApplicationVersionId: 4 });
    const arn = 'arn:aws:kinesisanalytics:us-east-1:000000000000:application/parts';
    await v2.send(new TagResourceCommand({ ResourceARN: arn, Tags: [{ Key: 'env', Value: 'dev' }] }));
    expect((await v2.send(new ListTagsForResourceCommand({ ResourceARN: arn }))).Tags).toEqual([
      { Key: 'team', Value: 'data' },
      { Key: 'env', Value: 'dev' },
    ]);
    expect((await describeV2('parts')).ApplicationVersionId).toBe(4);
  });
});

describe('DiscoverInputSchema (v2)', () => {
  it('infers the schema of a stream\'s records with the service execution role', async () => {
    await createActiveStream(t.kinesis, 'v2-samples');
    for (const doc of [{ ID: 1, NAME: 'a' }, { ID: 22, NAME: 'bb' }]) {
      await t.kinesis.send(new PutRecordCommand({ StreamName: 'v2-samples', PartitionKey: 'p', Data: Buffer.from(JSON.stringify(doc)) }));
    }
    const d = await v2.send(new DiscoverInputSchemaCommand({ ResourceARN: streamArn('v2-samples'), ServiceExecutionRole: ROLE, InputStartingPositionConfiguration: { InputStartingPosition: 'TRIM_HORIZON' } }));
    expect(d.RawInputRecords).toEqual(['{"ID":1,"NAME":"a"}', '{"ID":22,"NAME":"bb"}']);
    expect(d.InputSchema!.RecordColumns!.map((c) => c.Name)).toEqual(['ID', 'NAME']);
    expect(d.InputSchema!.RecordFormat!.RecordFormatType).toBe('JSON');
    await expectAwsError(
      v2.send(new DiscoverInputSchemaCommand({ ResourceARN: streamArn('v2-missing'), ServiceExecutionRole: ROLE, InputStartingPositionConfiguration: { InputStartingPosition: 'TRIM_HORIZON' } })),
      'UnableToDetectSchemaException',
    );
  });
});
