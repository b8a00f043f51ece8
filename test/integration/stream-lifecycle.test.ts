import {
  CreateStreamCommand,
  DeleteStreamCommand,
  DescribeLimitsCommand,
  DescribeStreamCommand,
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
  PutRecordCommand,
  SplitShardCommand,
  paginateListStreams,
  waitUntilStreamExists,
} from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually';
import { createActiveStream, expectAwsError, holdWorkflow, startRunnel, waitForStatus, type TestRunnel } from '../support/local';

let t: TestRunnel;
beforeAll(async () => {
  t = await startRunnel({ createStreamMs: 300, shardLimit: 40 });
});
afterAll(() => t.stop());

describe('stream lifecycle', () => {
  it('creates a stream that is CREATING, then ACTIVE with AWS defaults', async () => {
    const provisioning = holdWorkflow(t.runnel, 'StreamLifecycle', 'create-');
    await t.kinesis.send(new CreateStreamCommand({ StreamName: 'life', ShardCount: 3 }));
    expect(provisioning.held()).toHaveLength(1);
    const creating = await t.kinesis.send(new DescribeStreamCommand({ StreamName: 'life' }));
    expect(creating.StreamDescription?.StreamStatus).toBe('CREATING');
    expect(creating.StreamDescription?.Shards).toEqual([]);
    await expectAwsError(
      t.kinesis.send(new PutRecordCommand({ StreamName: 'life', PartitionKey: 'k', Data: Buffer.from('x') })),
      'ResourceNotFoundException',
      'Stream life under account 000000000000 not found.',
    );
    await expectAwsError(
      t.kinesis.send(new SplitShardCommand({ StreamName: 'life', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: '12345' })),
      'ResourceInUseException',
      'Stream life under account 000000000000 not ACTIVE, instead in state CREATING',
    );
    await provisioning.release();
    await waitUntilStreamExists({ client: t.kinesis, maxWaitTime: 30, minDelay: 1 }, { StreamName: 'life' });
    const d = (await t.kinesis.send(new DescribeStreamCommand({ StreamName: 'life' }))).StreamDescription!;
    expect(d).toMatchObject({
      StreamName: 'life',
      StreamARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/life',
      StreamStatus: 'ACTIVE',
      RetentionPeriodHours: 24,
      EncryptionType: 'NONE',
      HasMoreShards: false,
      EnhancedMonitoring: [{ ShardLevelMetrics: [] }],
      StreamModeDetails: { StreamMode: 'PROVISIONED' },
    });
    expect(d.Shards!.map((s) => s.ShardId)).toEqual(['shardId-000000000000', 'shardId-000000000001', 'shardId-000000000002']);
    expect(d.Shards![1].HashKeyRange).toEqual({ StartingHashKey: '113427455640312821154458202477256070485', EndingHashKey: '226854911280625642308916404954512140969' });
    expect(d.Shards![0].SequenceNumberRange?.StartingSequenceNumber).toMatch(/^\d{56}$/);
    const summary = (await t.kinesis.send(new DescribeStreamSummaryCommand({ StreamARN: d.StreamARN }))).StreamDescriptionSummary!;
    expect(summary).toMatchObject({ StreamName: 'life', OpenShardCount: 3, ConsumerCount: 0, MaxRecordSizeInKiB: 1024 });
  });

  it('rejects a duplicate name and a missing stream with AWS messages', async () => {
    await expectAwsError(t.kinesis.send(new CreateStreamCommand({ StreamName: 'life', ShardCount: 1 })), 'ResourceInUseException', 'Stream life under account 000000000000 already exists.');
    await expectAwsError(t.kinesis.send(new DescribeStreamCommand({ StreamName: 'nope' })), 'ResourceNotFoundException', 'Stream nope under account 000000000000 not found.');
    const arn = 'arn:aws:kinesis:us-east-1:000000000000:stream/nope';
    await expectAwsError(t.kinesis.send(new DescribeStreamSummaryCommand({ StreamARN: arn })), 'ResourceNotFoundException', `Stream ${arn} under account 000000000000 not found.`);
  });

  it('pages DescribeStream with Limit and ExclusiveStartShardId', async () => {
    const first = (await t.kinesis.send(new DescribeStreamCommand({ StreamName: 'life', Limit: 2 }))).StreamDescription!;
    expect(first.Shards!.map((s) => s.ShardId)).toEqual(['shardId-000000000000', 'shardId-000000000001']);
    expect(first.HasMoreShards).toBe(true);
    const rest = (await t.kinesis.send(new DescribeStreamCommand({ StreamName: 'life', ExclusiveStartShardId: 'shardId-000000000001' }))).StreamDescription!;
    expect(rest.Shards!.map((s) => s.ShardId)).toEqual(['shardId-000000000002']);
    expect(rest.HasMoreShards).toBe(false);
  });

  it('lists streams in name order with a NextToken the SDK paginator follows', async () => {
    for (const name of ['list-c', 'list-a', 'list-b']) await t.kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: 1 }));
    const page = await t.kinesis.send(new ListStreamsCommand({ Limit: 2 }));
    expect(page.StreamNames).toEqual(['life', 'list-a']);
    expect(page.HasMoreStreams).toBe(true);
    expect(page.NextToken).toBeDefined();
    expect(page.StreamSummaries![0]).toMatchObject({ StreamName: 'life', StreamStatus: 'ACTIVE', StreamARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/life' });
    const names: string[] = [];
    for await (const p of paginateListStreams({ client: t.kinesis, pageSize: 1 }, {})) names.push(...p.StreamNames!);
    expect(names).toEqual(['life', 'list-a', 'list-b', 'list-c']);
    const after = await t.kinesis.send(new ListStreamsCommand({ ExclusiveStartStreamName: 'list-a' }));
    expect(after.StreamNames).toEqual(['list-b', 'list-c']);
    expect(after.HasMoreStreams).toBe(false);
  });

  it('enforces the account shard limit and reports it in DescribeLimits', async () => {
    const limits = await t.kinesis.send(new DescribeLimitsCommand({}));
    expect(limits).toMatchObject({ ShardLimit: 40, OnDemandStreamCount: 0, OnDemandStreamCountLimit: 50 });
    expect(limits.OpenShardCount).toBeGreaterThanOrEqual(6);
    await expectAwsError(
      t.kinesis.send(new CreateStreamCommand({ StreamName: 'too-big', ShardCount: 40 })),
      'LimitExceededException',
      /^This request would exceed the shard limit for the account 000000000000 in us-east-1\. Current shard count for the account: \d+\. Limit: 40\. Number of additional shards that would have resulted from this request: 40\./,
    );
  });

  it('describes a stream deleted while CREATING with no shards', async () => {
    // Hold the deletion back, so the DELETING stream can be described.
    const deletion = holdWorkflow(t.runnel, 'StreamLifecycle', 'delete-');
    try {
      await t.kinesis.send(new CreateStreamCommand({ StreamName: 'stillborn', ShardCount: 2 }));
      await t.kinesis.send(new DeleteStreamCommand({ StreamName: 'stillborn' }));
      expect(deletion.held()).toHaveLength(1);
      const d = (await t.kinesis.send(new DescribeStreamCommand({ StreamName: 'stillborn' }))).StreamDescription!;
      expect(d.StreamStatus).toBe('DELETING');
      expect(d.Shards).toEqual([]);
    } finally {
      await deletion.release();
    }
    await t.runnel.workflows.idle();
    await expectAwsError(t.kinesis.send(new DescribeStreamCommand({ StreamName: 'stillborn' })), 'ResourceNotFoundException');
  });

  it('deletes through DELETING, and a re-created stream starts empty', async () => {
    await createActiveStream(t.kinesis, 'again', 1);
    const old = await t.kinesis.send(new PutRecordCommand({ StreamName: 'again', PartitionKey: 'k', Data: Buffer.from('old') }));
    const deletion = holdWorkflow(t.runnel, 'StreamLifecycle', 'delete-');
    await t.kinesis.send(new DeleteStreamCommand({ StreamName: 'again' }));
    expect(deletion.held()).toHaveLength(1);
    expect((await t.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'again' }))).StreamDescriptionSummary!.StreamStatus).toBe('DELETING');
    expect((await t.kinesis.send(new ListStreamsCommand({}))).StreamSummaries!.find((s) => s.StreamName === 'again')?.StreamStatus).toBe('DELETING');
    await expectAwsError(
      t.kinesis.send(new CreateStreamCommand({ StreamName: 'again', ShardCount: 1 })),
      'ResourceInUseException',
      'Stream again under account 000000000000 already exists.',
    );
    await t.kinesis.send(new DeleteStreamCommand({ StreamName: 'again' })); // deleting again is no error
    await deletion.release();
    await eventually(() => expectAwsError(t.kinesis.send(new DescribeStreamCommand({ StreamName: 'again' })), 'ResourceNotFoundException', 'Stream again under account 000000000000 not found.'));
    await createActiveStream(t.kinesis, 'again', 1);
    const it = await t.kinesis.send(new GetShardIteratorCommand({ StreamName: 'again', ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' }));
    const r = await t.kinesis.send(new GetRecordsCommand({ ShardIterator: it.ShardIterator }));
    expect(r.Records).toEqual([]);
    const put = await t.kinesis.send(new PutRecordCommand({ StreamName: 'again', PartitionKey: 'k', Data: Buffer.from('new') }));
    const fresh = await t.kinesis.send(new GetShardIteratorCommand({ StreamName: 'again', ShardId: put.ShardId, ShardIteratorType: 'AT_SEQUENCE_NUMBER', StartingSequenceNumber: put.SequenceNumber }));
    const again = await t.kinesis.send(new GetRecordsCommand({ ShardIterator: fresh.ShardIterator }));
    expect(again.Records!.map((x) => Buffer.from(x.Data!).toString())).toEqual(['new']);
    await expectAwsError(
      t.kinesis.send(new GetShardIteratorCommand({ StreamName: 'again', ShardId: put.ShardId, ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', StartingSequenceNumber: old.SequenceNumber })),
      'InvalidArgumentException',
      `StartingSequenceNumber ${old.SequenceNumber} used in GetShardIterator on shard shardId-000000000000 in stream again under account 000000000000 is invalid because it did not come from this stream.`,
    );
  });

  it('creates on-demand streams with four shards', async () => {
    await t.kinesis.send(new CreateStreamCommand({ StreamName: 'od', StreamModeDetails: { StreamMode: 'ON_DEMAND' } }));
    await waitForStatus(t.kinesis, 'od', 'ACTIVE');
    const s = (await t.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'od' }))).StreamDescriptionSummary!;
    expect(s.StreamModeDetails?.StreamMode).toBe('ON_DEMAND');
    expect(s.OpenShardCount).toBe(4);
    await expectAwsError(
      t.kinesis.send(new SplitShardCommand({ StreamName: 'od', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: '12345' })),
      'ValidationException',
      'SplitShard is not supported for streams in ON_DEMAND mode.',
    );
    await expectAwsError(
      t.kinesis.send(new CreateStreamCommand({ StreamName: 'od2', ShardCount: 2, StreamModeDetails: { StreamMode: 'ON_DEMAND' } })),
      'ValidationException',
      'ShardCount is not expected when StreamMode=ON_DEMAND',
    );
  });
});
