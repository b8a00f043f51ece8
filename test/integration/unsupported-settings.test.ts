/**
 * Settings Runnel does not implement are refused, naming the member, and never stored and dropped;
 * the forms that ask for nothing (Enabled: false, informational hints, no-op flags) still work.
 */
import {
  CreateDeliveryStreamCommand,
  DeleteDeliveryStreamCommand,
  DescribeDeliveryStreamCommand,
  PutRecordBatchCommand,
  UpdateDestinationCommand,
  type CreateDeliveryStreamInput,
  type DataFormatConversionConfiguration,
  type UpdateDestinationInput,
} from '@aws-sdk/client-firehose';
import { CreateStreamCommand, DescribeStreamSummaryCommand, ListShardsCommand, PutRecordCommand } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActiveDeliveryStream, ROLE, startFirehoseRunnel, waitForObjects, type FirehoseRunnel } from '../support/firehose';
import { createActiveStream, expectAwsError, waitForStatus } from '../support/local';

let t: FirehoseRunnel;
beforeAll(async () => {
  t = await startFirehoseRunnel({ bufferIntervalMs: 100 });
});
afterAll(() => t.stop());

const bucket = (name: string) => ({ RoleARN: ROLE, BucketARN: `arn:aws:s3:::${name}` });

const PARQUET: DataFormatConversionConfiguration = {
  SchemaConfiguration: { RoleARN: ROLE, DatabaseName: 'analytics', TableName: 'events', Region: 'us-east-1' },
  InputFormatConfiguration: { Deserializer: { OpenXJsonSerDe: {} } },
  OutputFormatConfiguration: { Serializer: { ParquetSerDe: { Compression: 'SNAPPY' } } },
};

const refused = (member: string, why: string) => `${member} is not supported by Runnel (${why}); omit it or set its Enabled to false.`;
const CONVERSION = 'records are delivered as they arrive, not as Parquet or ORC';
const PARTITIONING = 'objects are keyed by Prefix and arrival time only';
const LOGGING = 'it writes no CloudWatch Logs';

describe('CreateDeliveryStream', () => {
  it.each<[string, Omit<CreateDeliveryStreamInput, 'DeliveryStreamName'>, string]>([
    [
      'format conversion to Parquet',
      { ExtendedS3DestinationConfiguration: { ...bucket('b'), DataFormatConversionConfiguration: { ...PARQUET, Enabled: true } } },
      refused('ExtendedS3DestinationConfiguration.DataFormatConversionConfiguration', CONVERSION),
    ],
    [
      'format conversion without Enabled (AWS defaults it to true)',
      { ExtendedS3DestinationConfiguration: { ...bucket('b'), DataFormatConversionConfiguration: PARQUET } },
      refused('ExtendedS3DestinationConfiguration.DataFormatConversionConfiguration', CONVERSION),
    ],
    [
      'dynamic partitioning',
      { ExtendedS3DestinationConfiguration: { ...bucket('b'), DynamicPartitioningConfiguration: { Enabled: true, RetryOptions: { DurationInSeconds: 300 } } } },
      refused('ExtendedS3DestinationConfiguration.DynamicPartitioningConfiguration', PARTITIONING),
    ],
    [
      'CloudWatch logging',
      { ExtendedS3DestinationConfiguration: { ...bucket('b'), CloudWatchLoggingOptions: { Enabled: true, LogGroupName: '/firehose/x', LogStreamName: 'S3Delivery' } } },
      refused('ExtendedS3DestinationConfiguration.CloudWatchLoggingOptions', LOGGING),
    ],
    [
      'CloudWatch logging of the backup',
      { ExtendedS3DestinationConfiguration: { ...bucket('b'), S3BackupMode: 'Enabled', S3BackupConfiguration: { ...bucket('backup'), CloudWatchLoggingOptions: { Enabled: true } } } },
      refused('ExtendedS3DestinationConfiguration.S3BackupConfiguration.CloudWatchLoggingOptions', LOGGING),
    ],
    [
      'CloudWatch logging of the older S3 destination',
      { S3DestinationConfiguration: { ...bucket('b'), CloudWatchLoggingOptions: { Enabled: true } } },
      refused('S3DestinationConfiguration.CloudWatchLoggingOptions', LOGGING),
    ],
    [
      'a second Lambda processor (only one of each type runs)',
      {
        ExtendedS3DestinationConfiguration: {
          ...bucket('b'),
          ProcessingConfiguration: {
            Enabled: true,
            Processors: ['one', 'two'].map((f) => ({ Type: 'Lambda', Parameters: [{ ParameterName: 'LambdaArn', ParameterValue: `arn:aws:lambda:us-east-1:000000000000:function:${f}` }] })),
          },
        },
      },
      'ExtendedS3DestinationConfiguration.ProcessingConfiguration with more than one Lambda processor is not supported by Runnel; give one processor of each type.',
    ],
    [
      'an MSK source',
      {
        // A bare `arn:` satisfies the model's `^arn:` pattern whether the validator anchors it or not.
        MSKSourceConfiguration: { MSKClusterARN: 'arn:aws:kafka:us-east-1:000000000000:cluster/demo/abc', TopicName: 't', AuthenticationConfiguration: { RoleARN: ROLE, Connectivity: 'PRIVATE' } },
        ExtendedS3DestinationConfiguration: bucket('b'),
      },
      'MSKSourceConfiguration is not supported by Runnel; use DeliveryStreamType DirectPut or KinesisStreamAsSource.',
    ],
    [
      'a database source',
      {
        DatabaseSourceConfiguration: {
          Type: 'MySQL',
          Endpoint: 'db.example.com',
          Port: 3306,
          Databases: { Include: ['shop'] },
          Tables: { Include: ['shop.orders'] },
          SnapshotWatermarkTable: 'shop.watermark',
          DatabaseSourceAuthenticationConfiguration: { SecretsManagerConfiguration: { Enabled: true, SecretARN: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:db', RoleARN: ROLE } },
          DatabaseSourceVPCConfiguration: { VpcEndpointServiceName: 'com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0' },
        },
        ExtendedS3DestinationConfiguration: bucket('b'),
      },
      'DatabaseSourceConfiguration is not supported by Runnel; use DeliveryStreamType DirectPut or KinesisStreamAsSource.',
    ],
    [
      'a Kinesis source on a DirectPut stream (it would never be read)',
      { KinesisStreamSourceConfiguration: { KinesisStreamARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/s', RoleARN: ROLE }, ExtendedS3DestinationConfiguration: bucket('b') },
      'KinesisStreamSourceConfiguration can only be specified when DeliveryStreamType is KinesisStreamAsSource.',
    ],
  ])('refuses %s, naming the member, and creates nothing', async (_, input, message) => {
    await expectAwsError(t.firehose.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'refused', ...input })), 'InvalidArgumentException', message);
    await expectAwsError(t.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'refused' })), 'ResourceNotFoundException');
  });

  it('accepts the forms that ask for nothing, and delivers the records unconverted', async () => {
    await createActiveDeliveryStream(t.firehose, {
      DeliveryStreamName: 'plain',
      DirectPutSourceConfiguration: { ThroughputHintInMBs: 5 },
      ExtendedS3DestinationConfiguration: {
        ...bucket('plain-bucket'),
        BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 },
        DataFormatConversionConfiguration: { ...PARQUET, Enabled: false },
        DynamicPartitioningConfiguration: { Enabled: false, RetryOptions: { DurationInSeconds: 300 } },
        CloudWatchLoggingOptions: { Enabled: false, LogGroupName: '/firehose/plain', LogStreamName: 'S3Delivery' },
        S3BackupConfiguration: { ...bucket('plain-backup'), CloudWatchLoggingOptions: { Enabled: false } },
      },
    });
    const described = await t.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'plain', Limit: 1, ExclusiveStartDestinationId: 'destinationId-000000000001' }));
    expect(described.DeliveryStreamDescription!.Destinations![0].ExtendedS3DestinationDescription).toMatchObject({ CloudWatchLoggingOptions: { Enabled: false } });
    const records = ['{"id":1}\n', '{"id":2}\n'];
    await t.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'plain', Records: records.map((r) => ({ Data: Buffer.from(r) })) }));
    const [object] = await waitForObjects(t.s3, 'plain-bucket', 1);
    expect(object.body.toString()).toBe(records.join(''));
  });
});

describe('UpdateDestination', () => {
  const update = (extra: Partial<UpdateDestinationInput>) =>
    new UpdateDestinationCommand({ DeliveryStreamName: 'updated', CurrentDeliveryStreamVersionId: '1', DestinationId: 'destinationId-000000000001', ...extra });
  const version = async () => (await t.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'updated' }))).DeliveryStreamDescription!.VersionId;
  beforeAll(() => createActiveDeliveryStream(t.firehose, { DeliveryStreamName: 'updated', ExtendedS3DestinationConfiguration: bucket('updated-bucket') }));

  it.each<[string, Partial<UpdateDestinationInput>, string]>([
    [
      'format conversion',
      { ExtendedS3DestinationUpdate: { DataFormatConversionConfiguration: { ...PARQUET, Enabled: true } } },
      refused('ExtendedS3DestinationUpdate.DataFormatConversionConfiguration', CONVERSION),
    ],
    [
      'dynamic partitioning',
      { ExtendedS3DestinationUpdate: { DynamicPartitioningConfiguration: { Enabled: true } } },
      refused('ExtendedS3DestinationUpdate.DynamicPartitioningConfiguration', PARTITIONING),
    ],
    [
      'CloudWatch logging of the backup',
      { ExtendedS3DestinationUpdate: { S3BackupUpdate: { CloudWatchLoggingOptions: { Enabled: true } } } },
      refused('ExtendedS3DestinationUpdate.S3BackupUpdate.CloudWatchLoggingOptions', LOGGING),
    ],
    [
      'CloudWatch logging through the older S3 update',
      { S3DestinationUpdate: { CloudWatchLoggingOptions: { Enabled: true } } },
      refused('S3DestinationUpdate.CloudWatchLoggingOptions', LOGGING),
    ],
    [
      'another destination type given beside the S3 update',
      { ExtendedS3DestinationUpdate: { Prefix: 'p/' }, HttpEndpointDestinationUpdate: { RetryOptions: { DurationInSeconds: 60 } } },
      'HttpEndpointDestinationUpdate is not supported by Runnel; use ExtendedS3DestinationUpdate.',
    ],
    [
      'both S3 update forms at once',
      { ExtendedS3DestinationUpdate: { Prefix: 'a/' }, S3DestinationUpdate: { Prefix: 'b/' } },
      'Exactly one destination update must be specified: give ExtendedS3DestinationUpdate or S3DestinationUpdate, not both.',
    ],
  ])('refuses %s, naming the member, and keeps the destination', async (_, extra, message) => {
    await expectAwsError(t.firehose.send(update(extra)), 'InvalidArgumentException', message);
    expect(await version()).toBe('1');
  });

  it('accepts the forms that ask for nothing', async () => {
    await t.firehose.send(
      update({
        ExtendedS3DestinationUpdate: {
          Prefix: 'v2/',
          DataFormatConversionConfiguration: { ...PARQUET, Enabled: false },
          DynamicPartitioningConfiguration: { Enabled: false },
          CloudWatchLoggingOptions: { Enabled: false },
        },
      }),
    );
    expect(await version()).toBe('2');
  });

  it('deletes with AllowForceDelete, which has no grant to force past', async () => {
    await t.firehose.send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: 'updated', AllowForceDelete: true }));
    for (let i = 0; i < 200; i++) {
      const gone = await t.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'updated' })).then(() => false, () => true);
      if (gone) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('updated was never deleted');
  });
});

describe('CreateStream', () => {
  it('refuses WarmThroughputMiBps, which only UpdateStreamWarmThroughput sets, and creates nothing', async () => {
    await expectAwsError(
      t.kinesis.send(new CreateStreamCommand({ StreamName: 'warm-at-birth', StreamModeDetails: { StreamMode: 'ON_DEMAND' }, WarmThroughputMiBps: 100 })),
      'InvalidArgumentException',
      'WarmThroughputMiBps is not supported by CreateStream in Runnel; create the stream in ON_DEMAND mode, then call UpdateStreamWarmThroughput.',
    );
    await expectAwsError(t.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'warm-at-birth' })), 'ResourceNotFoundException');
  });

  it('accepts a warm throughput of 0, which asks for none', async () => {
    await t.kinesis.send(new CreateStreamCommand({ StreamName: 'cold', StreamModeDetails: { StreamMode: 'ON_DEMAND' }, WarmThroughputMiBps: 0 }));
    await waitForStatus(t.kinesis, 'cold', 'ACTIVE');
    expect((await t.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'cold' }))).StreamDescriptionSummary!.WarmThroughput).toBeUndefined();
  });
});

describe('Kinesis members accepted and ignored', () => {
  it('SequenceNumberForOrdering: later puts of a key already get greater sequence numbers', async () => {
    await createActiveStream(t.kinesis, 'ordered', 2);
    const first = await t.kinesis.send(new PutRecordCommand({ StreamName: 'ordered', PartitionKey: 'k', Data: Buffer.from('1') }));
    const second = await t.kinesis.send(new PutRecordCommand({ StreamName: 'ordered', PartitionKey: 'k', Data: Buffer.from('2'), SequenceNumberForOrdering: first.SequenceNumber }));
    expect(second.ShardId).toBe(first.ShardId);
    expect(BigInt(second.SequenceNumber!)).toBeGreaterThan(BigInt(first.SequenceNumber!));
  });

  it('StreamCreationTimestamp: a name names at most one stream', async () => {
    const summary = (await t.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'ordered' }))).StreamDescriptionSummary!;
    const listed = await t.kinesis.send(new ListShardsCommand({ StreamName: 'ordered', StreamCreationTimestamp: summary.StreamCreationTimestamp }));
    expect(listed.Shards!.map((s) => s.ShardId)).toEqual(['shardId-000000000000', 'shardId-000000000001']);
  });
});
