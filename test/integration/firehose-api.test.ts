import {
  CreateDeliveryStreamCommand,
  DeleteDeliveryStreamCommand,
  DescribeDeliveryStreamCommand,
  ListDeliveryStreamsCommand,
  ListTagsForDeliveryStreamCommand,
  PutRecordBatchCommand,
  PutRecordCommand,
  StartDeliveryStreamEncryptionCommand,
  StopDeliveryStreamEncryptionCommand,
  TagDeliveryStreamCommand,
  UntagDeliveryStreamCommand,
  UpdateDestinationCommand,
} from '@aws-sdk/client-firehose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually';
import { createActiveDeliveryStream, listObjects, ROLE, startFirehoseRunnel, waitForObjects, type FirehoseRunnel } from '../support/firehose';
import { expectAwsError, holdWorkflow } from '../support/local';

let t: FirehoseRunnel;
const s3 = (bucket: string, extra: object = {}) => ({ ExtendedS3DestinationConfiguration: { RoleARN: ROLE, BucketARN: `arn:aws:s3:::${bucket}`, ...extra } });
beforeAll(async () => {
  // Buffering intervals are the configured ones (no test override): a record is delivered only
  // when its delivery stream's own IntervalInSeconds (or a drain) says so.
  t = await startFirehoseRunnel({ createDeliveryStreamMs: 200 });
});
afterAll(() => t.stop());

describe('delivery streams', () => {
  it('are CREATING, then ACTIVE, and describe their destination with Firehose defaults', async () => {
    const provisioning = holdWorkflow(t.runnel, 'DeliveryStreamLifecycle', 'create-');
    const created = await t.firehose.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'api', ...s3('api-bucket'), Tags: [{ Key: 'team', Value: 'data' }] }));
    expect(created.DeliveryStreamARN).toBe('arn:aws:firehose:us-east-1:000000000000:deliverystream/api');
    expect(provisioning.held()).toHaveLength(1);
    const creating = (await t.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'api' }))).DeliveryStreamDescription!;
    expect(creating.DeliveryStreamStatus).toBe('CREATING');
    await expectAwsError(t.firehose.send(new PutRecordCommand({ DeliveryStreamName: 'api', Record: { Data: Buffer.from('x') } })), 'ResourceNotFoundException', 'Firehose api under account 000000000000 not found.');
    await expectAwsError(t.firehose.send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: 'api' })), 'ResourceInUseException', 'Firehose api under account 000000000000 is not ACTIVE, instead in state CREATING.');
    await provisioning.release();
    const d = await eventually(async () => {
      const described = (await t.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'api' }))).DeliveryStreamDescription!;
      expect(described.DeliveryStreamStatus).toBe('ACTIVE');
      return described;
    });
    expect(d).toMatchObject({ DeliveryStreamStatus: 'ACTIVE', DeliveryStreamType: 'DirectPut', VersionId: '1', HasMoreDestinations: false });
    expect(d.Destinations![0]).toMatchObject({
      DestinationId: 'destinationId-000000000001',
      ExtendedS3DestinationDescription: { BucketARN: 'arn:aws:s3:::api-bucket', BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 300 }, CompressionFormat: 'UNCOMPRESSED', S3BackupMode: 'Disabled' },
    });
  });

  it('list in name order, filtered by type and paged', async () => {
    await createActiveDeliveryStream(t.firehose, { DeliveryStreamName: 'api-b', ...s3('api-b-bucket') });
    await createActiveDeliveryStream(t.firehose, { DeliveryStreamName: 'api-c', ...s3('api-c-bucket') });
    const page = await t.firehose.send(new ListDeliveryStreamsCommand({ Limit: 2 }));
    expect(page).toMatchObject({ DeliveryStreamNames: ['api', 'api-b'], HasMoreDeliveryStreams: true });
    const rest = await t.firehose.send(new ListDeliveryStreamsCommand({ ExclusiveStartDeliveryStreamName: 'api-b', DeliveryStreamType: 'DirectPut' }));
    expect(rest).toMatchObject({ DeliveryStreamNames: ['api-c'], HasMoreDeliveryStreams: false });
    expect((await t.firehose.send(new ListDeliveryStreamsCommand({ DeliveryStreamType: 'KinesisStreamAsSource' }))).DeliveryStreamNames).toEqual([]);
  });

  it('tag, list tags and untag', async () => {
    await t.firehose.send(new TagDeliveryStreamCommand({ DeliveryStreamName: 'api', Tags: [{ Key: 'env', Value: 'dev' }, { Key: 'app', Value: 'x' }] }));
    const page = await t.firehose.send(new ListTagsForDeliveryStreamCommand({ DeliveryStreamName: 'api', Limit: 2 }));
    expect(page).toMatchObject({ Tags: [{ Key: 'app', Value: 'x' }, { Key: 'env', Value: 'dev' }], HasMoreTags: true });
    await t.firehose.send(new UntagDeliveryStreamCommand({ DeliveryStreamName: 'api', TagKeys: ['env'] }));
    expect((await t.firehose.send(new ListTagsForDeliveryStreamCommand({ DeliveryStreamName: 'api' }))).Tags!.map((x) => x.Key)).toEqual(['app', 'team']);
  });

  it('update the destination with version ids, and name objects with the new version', async () => {
    await expectAwsError(
      t.firehose.send(new UpdateDestinationCommand({ DeliveryStreamName: 'api-b', CurrentDeliveryStreamVersionId: '7', DestinationId: 'destinationId-000000000001', ExtendedS3DestinationUpdate: { Prefix: 'v2/' } })),
      'ConcurrentModificationException',
      'Cannot update firehose: api-b since the current version id: 1 and specified version id: 7 do not match',
    );
    await t.firehose.send(
      new UpdateDestinationCommand({
        DeliveryStreamName: 'api-b',
        CurrentDeliveryStreamVersionId: '1',
        DestinationId: 'destinationId-000000000001',
        ExtendedS3DestinationUpdate: { Prefix: 'v2/', BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 } },
      }),
    );
    const d = (await t.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'api-b' }))).DeliveryStreamDescription!;
    expect(d.VersionId).toBe('2');
    expect(d.LastUpdateTimestamp).toBeInstanceOf(Date);
    expect(d.Destinations![0].ExtendedS3DestinationDescription).toMatchObject({ Prefix: 'v2/', BucketARN: 'arn:aws:s3:::api-b-bucket', BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 } });
    await t.firehose.send(new PutRecordCommand({ DeliveryStreamName: 'api-b', Record: { Data: Buffer.from('hello') } }));
    const [object] = await waitForObjects(t.s3, 'api-b-bucket', 1);
    expect(object.key).toMatch(/^v2\/\d{4}\/\d{2}\/\d{2}\/\d{2}\/api-b-2-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}-[0-9a-f-]{36}$/);
  });

  it('turn server-side encryption on and off', async () => {
    await t.firehose.send(new StartDeliveryStreamEncryptionCommand({ DeliveryStreamName: 'api-c', DeliveryStreamEncryptionConfigurationInput: { KeyType: 'AWS_OWNED_CMK' } }));
    expect((await t.firehose.send(new PutRecordCommand({ DeliveryStreamName: 'api-c', Record: { Data: Buffer.from('s') } }))).Encrypted).toBe(true);
    expect((await t.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'api-c' }))).DeliveryStreamDescription!.DeliveryStreamEncryptionConfiguration).toMatchObject({ Status: 'ENABLED', KeyType: 'AWS_OWNED_CMK' });
    await t.firehose.send(new StopDeliveryStreamEncryptionCommand({ DeliveryStreamName: 'api-c' }));
    expect((await t.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'api-c', Records: [{ Data: Buffer.from('p') }] }))).Encrypted).toBe(false);
  });

  it('delete after delivering what is still buffered', async () => {
    // A 15-minute interval: within this test only the drain before deletion can deliver.
    await createActiveDeliveryStream(t.firehose, { DeliveryStreamName: 'doomed', ...s3('doomed', { BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 900 } }) });
    await t.firehose.send(new PutRecordCommand({ DeliveryStreamName: 'doomed', Record: { Data: Buffer.from('last words') } }));
    const deletion = holdWorkflow(t.runnel, 'DeliveryStreamLifecycle', 'delete-');
    await t.firehose.send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: 'doomed' }));
    expect((await t.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'doomed' }))).DeliveryStreamDescription!.DeliveryStreamStatus).toBe('DELETING');
    // Sending data to a stream that is not ACTIVE fails (AWS documents no particular error type).
    const late = await t.firehose.send(new PutRecordCommand({ DeliveryStreamName: 'doomed', Record: { Data: Buffer.from('too late') } })).then(
      () => undefined,
      (e: { $metadata?: { httpStatusCode?: number } }) => e,
    );
    expect(late?.$metadata?.httpStatusCode).toBe(400);
    expect(await listObjects(t.s3, 'doomed')).toEqual([]);
    await deletion.release();
    const objects = await waitForObjects(t.s3, 'doomed', 1);
    expect(objects.map((o) => o.body.toString())).toEqual(['last words']);
    await eventually(() => expectAwsError(t.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'doomed' })), 'ResourceNotFoundException', 'Firehose doomed under account 000000000000 not found.'));
  });
});

describe('Firehose errors', () => {
  it('answers bad requests with AWS errors', async () => {
    await expectAwsError(t.firehose.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'api', ...s3('xxx') })), 'ResourceInUseException', 'Firehose api under accountId 000000000000 already exists');
    await expectAwsError(t.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'missing' })), 'ResourceNotFoundException', 'Firehose missing under account 000000000000 not found.');
    await expectAwsError(
      t.firehose.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'x'.repeat(65), ...s3('xxx') })),
      'ValidationException',
      `1 validation error detected: Value '${'x'.repeat(65)}' at 'deliveryStreamName' failed to satisfy constraint: Member must have length less than or equal to 64`,
    );
    await expectAwsError(
      t.firehose.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'two', ...s3('xxx'), S3DestinationConfiguration: { RoleARN: ROLE, BucketARN: 'arn:aws:s3:::yyy' } })),
      'InvalidArgumentException',
      'Exactly one destination configuration must be specified.',
    );
    await expectAwsError(t.firehose.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'p1', ...s3('xxx', { Prefix: 'a/!{firehose:error-output-type}/', ErrorOutputPrefix: 'e/' }) })), 'InvalidArgumentException', /allowed only in ErrorOutputPrefix/);
    await expectAwsError(t.firehose.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'p2', ...s3('xxx', { Prefix: 'a/!{timestamp:yyyy}/' }) })), 'InvalidArgumentException', /ErrorOutputPrefix cannot be null/);
    await expectAwsError(
      t.firehose.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'p3', ...s3('xxx', { Prefix: 'a/!{timestamp:yyyy}/', ErrorOutputPrefix: 'e/!{timestamp:yyyy}/' }) })),
      'InvalidArgumentException',
      /must contain !\{firehose:error-output-type\}/,
    );
  });

  it('enforces PutRecordBatch limits', async () => {
    await expectAwsError(
      t.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'api', Records: Array.from({ length: 501 }, () => ({ Data: Buffer.from('x') })) })),
      'ValidationException',
      /at 'records' failed to satisfy constraint: Member must have length less than or equal to 500$/,
    );
    await expectAwsError(
      t.firehose.send(new PutRecordCommand({ DeliveryStreamName: 'api', Record: { Data: Buffer.alloc(1_024_001) } })),
      'ValidationException',
      "1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=1024001 cap=1024001]' at 'record.data' failed to satisfy constraint: Member must have length less than or equal to 1024000",
    );
    await expectAwsError(
      t.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'api', Records: Array.from({ length: 5 }, () => ({ Data: Buffer.alloc(1_000_000) })) })),
      'InvalidArgumentException',
      'Records size 5000000 bytes exceeds the maximum PutRecordBatch request size of 4194304 bytes.',
    );
  });
});

describe('empty records', () => {
  it('are taken by PutRecord and PutRecordBatch (Firehose allows zero-byte data) and delivered with the rest', async () => {
    await createActiveDeliveryStream(t.firehose, { DeliveryStreamName: 'empties', ...s3('empties-bucket', { BufferingHints: { IntervalInSeconds: 0, SizeInMBs: 1 } }) });
    const single = await t.firehose.send(new PutRecordCommand({ DeliveryStreamName: 'empties', Record: { Data: new Uint8Array(0) } }));
    expect(single.RecordId).toBeTruthy();
    const batch = await t.firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'empties', Records: [{ Data: new Uint8Array(0) }, { Data: Buffer.from('x;') }] }));
    expect(batch.FailedPutCount).toBe(0);
    await eventually(async () => expect((await listObjects(t.s3, 'empties-bucket')).map((o) => o.body.toString()).join('')).toBe('x;'));
  });
});
