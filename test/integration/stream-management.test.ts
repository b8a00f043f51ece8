import {
  AddTagsToStreamCommand,
  DecreaseStreamRetentionPeriodCommand,
  DescribeStreamSummaryCommand,
  IncreaseStreamRetentionPeriodCommand,
  ListShardsCommand,
  ListTagsForResourceCommand,
  ListTagsForStreamCommand,
  RemoveTagsFromStreamCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActiveStream, expectAwsError, startRunnel, type TestRunnel } from '../support/local';

let t: TestRunnel;
const arn = 'arn:aws:kinesis:us-east-1:000000000000:stream/mgmt';
beforeAll(async () => {
  t = await startRunnel();
  await createActiveStream(t.kinesis, 'mgmt', 5);
});
afterAll(() => t.stop());

describe('ListShards', () => {
  it('lists every shard, pages with MaxResults and NextToken', async () => {
    const all = await t.kinesis.send(new ListShardsCommand({ StreamName: 'mgmt' }));
    expect(all.Shards!.map((s) => s.ShardId)).toEqual([0, 1, 2, 3, 4].map((i) => `shardId-00000000000${i}`));
    expect(all.NextToken).toBeUndefined();
    const first = await t.kinesis.send(new ListShardsCommand({ StreamARN: arn, MaxResults: 2 }));
    expect(first.Shards!.map((s) => s.ShardId)).toEqual(['shardId-000000000000', 'shardId-000000000001']);
    const second = await t.kinesis.send(new ListShardsCommand({ NextToken: first.NextToken, MaxResults: 2 }));
    expect(second.Shards!.map((s) => s.ShardId)).toEqual(['shardId-000000000002', 'shardId-000000000003']);
    const third = await t.kinesis.send(new ListShardsCommand({ NextToken: second.NextToken, MaxResults: 2 }));
    expect(third.Shards!.map((s) => s.ShardId)).toEqual(['shardId-000000000004']);
    expect(third.NextToken).toBeUndefined();
  });

  it('applies ExclusiveStartShardId and every ShardFilter type', async () => {
    const ids = async (input: object) => (await t.kinesis.send(new ListShardsCommand({ StreamName: 'mgmt', ...input }))).Shards!.map((s) => s.ShardId);
    expect(await ids({ ExclusiveStartShardId: 'shardId-000000000002' })).toEqual(['shardId-000000000003', 'shardId-000000000004']);
    expect(await ids({ ShardFilter: { Type: 'AFTER_SHARD_ID', ShardId: 'shardId-000000000003' } })).toEqual(['shardId-000000000004']);
    expect(await ids({ ShardFilter: { Type: 'AT_LATEST' } })).toHaveLength(5);
    expect(await ids({ ShardFilter: { Type: 'AT_TRIM_HORIZON' } })).toHaveLength(5);
    expect(await ids({ ShardFilter: { Type: 'FROM_TRIM_HORIZON' } })).toHaveLength(5);
    expect(await ids({ ShardFilter: { Type: 'AT_TIMESTAMP', Timestamp: new Date() } })).toHaveLength(5);
    expect(await ids({ ShardFilter: { Type: 'FROM_TIMESTAMP', Timestamp: new Date(0) } })).toHaveLength(5);
    await expectAwsError(t.kinesis.send(new ListShardsCommand({ StreamName: 'mgmt', ShardFilter: { Type: 'AT_TIMESTAMP' } })), 'InvalidArgumentException');
    await expectAwsError(t.kinesis.send(new ListShardsCommand({ StreamName: 'mgmt', ShardFilter: { Type: 'AFTER_SHARD_ID' } })), 'InvalidArgumentException');
  });

  it('rejects NextToken mixed with a stream name, and neither', async () => {
    const first = await t.kinesis.send(new ListShardsCommand({ StreamName: 'mgmt', MaxResults: 1 }));
    await expectAwsError(t.kinesis.send(new ListShardsCommand({ StreamName: 'mgmt', NextToken: first.NextToken })), 'InvalidArgumentException', 'NextToken and StreamName cannot be provided together.');
    await expectAwsError(t.kinesis.send(new ListShardsCommand({})), 'InvalidArgumentException', 'Either NextToken or StreamName should be provided.');
    await expectAwsError(t.kinesis.send(new ListShardsCommand({ StreamName: 'nope' })), 'ResourceNotFoundException', 'Stream nope under account 000000000000 not found.');
  });
});

describe('retention', () => {
  it('increases and decreases within 24..8760 hours with AWS messages', async () => {
    await t.kinesis.send(new IncreaseStreamRetentionPeriodCommand({ StreamName: 'mgmt', RetentionPeriodHours: 48 }));
    expect((await t.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'mgmt' }))).StreamDescriptionSummary!.RetentionPeriodHours).toBe(48);
    await expectAwsError(
      t.kinesis.send(new IncreaseStreamRetentionPeriodCommand({ StreamName: 'mgmt', RetentionPeriodHours: 30 })),
      'InvalidArgumentException',
      'Requested retention period (30 hours) for stream mgmt can not be shorter than existing retention period (48 hours). Use DecreaseRetentionPeriod API.',
    );
    await expectAwsError(
      t.kinesis.send(new DecreaseStreamRetentionPeriodCommand({ StreamName: 'mgmt', RetentionPeriodHours: 72 })),
      'InvalidArgumentException',
      'Requested retention period (72 hours) for stream mgmt can not be longer than existing retention period (48 hours). Use IncreaseRetentionPeriod API.',
    );
    await expectAwsError(
      t.kinesis.send(new DecreaseStreamRetentionPeriodCommand({ StreamName: 'mgmt', RetentionPeriodHours: 12 })),
      'InvalidArgumentException',
      'Minimum allowed retention period is 24 hours. Requested retention period (12 hours) is too short.',
    );
    await expectAwsError(t.kinesis.send(new IncreaseStreamRetentionPeriodCommand({ StreamName: 'mgmt', RetentionPeriodHours: 8761 })), 'InvalidArgumentException', /8760 hours/);
    // The bounds are checked before the comparison with the current period, whichever way it points.
    await expectAwsError(
      t.kinesis.send(new IncreaseStreamRetentionPeriodCommand({ StreamName: 'mgmt', RetentionPeriodHours: 23 })),
      'InvalidArgumentException',
      'Minimum allowed retention period is 24 hours. Requested retention period (23 hours) is too short.',
    );
    await expectAwsError(
      t.kinesis.send(new DecreaseStreamRetentionPeriodCommand({ StreamName: 'mgmt', RetentionPeriodHours: 8761 })),
      'InvalidArgumentException',
      'Maximum allowed retention period is 8760 hours. Requested retention period (8761 hours) is too long.',
    );
    await t.kinesis.send(new DecreaseStreamRetentionPeriodCommand({ StreamName: 'mgmt', RetentionPeriodHours: 24 }));
    expect((await t.kinesis.send(new DescribeStreamSummaryCommand({ StreamARN: arn }))).StreamDescriptionSummary!.RetentionPeriodHours).toBe(24);
  });
});

describe('tags', () => {
  it('adds, lists, pages and removes tags by stream name', async () => {
    await t.kinesis.send(new AddTagsToStreamCommand({ StreamName: 'mgmt', Tags: { team: 'data', env: 'dev', 'cost-center': '42' } }));
    const page = await t.kinesis.send(new ListTagsForStreamCommand({ StreamName: 'mgmt', Limit: 2 }));
    expect(page.Tags).toEqual([{ Key: 'cost-center', Value: '42' }, { Key: 'env', Value: 'dev' }]);
    expect(page.HasMoreTags).toBe(true);
    const rest = await t.kinesis.send(new ListTagsForStreamCommand({ StreamName: 'mgmt', ExclusiveStartTagKey: 'env' }));
    expect(rest.Tags).toEqual([{ Key: 'team', Value: 'data' }]);
    expect(rest.HasMoreTags).toBe(false);
    await t.kinesis.send(new RemoveTagsFromStreamCommand({ StreamName: 'mgmt', TagKeys: ['env', 'unknown'] }));
    expect((await t.kinesis.send(new ListTagsForStreamCommand({ StreamName: 'mgmt' }))).Tags!.map((x) => x.Key)).toEqual(['cost-center', 'team']);
  });

  it('tags by resource ARN', async () => {
    await t.kinesis.send(new TagResourceCommand({ ResourceARN: arn, Tags: { owner: 'me' } }));
    expect((await t.kinesis.send(new ListTagsForResourceCommand({ ResourceARN: arn }))).Tags).toContainEqual({ Key: 'owner', Value: 'me' });
    await t.kinesis.send(new UntagResourceCommand({ ResourceARN: arn, TagKeys: ['owner'] }));
    expect((await t.kinesis.send(new ListTagsForResourceCommand({ ResourceARN: arn }))).Tags!.map((x) => x.Key)).not.toContain('owner');
  });

  it('rejects invalid characters and more than 50 tags', async () => {
    await expectAwsError(
      t.kinesis.send(new AddTagsToStreamCommand({ StreamName: 'mgmt', Tags: { 'bad*key': 'v' } })),
      'InvalidArgumentException',
      'Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . / = + - % @.',
    );
    const many = Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`k${i}`, 'v']));
    await expectAwsError(
      t.kinesis.send(new AddTagsToStreamCommand({ StreamName: 'mgmt', Tags: many })),
      'InvalidArgumentException',
      'Failed to add tags to stream mgmt under account 000000000000 because a given stream cannot have more than 50 tags associated with it.',
    );
    for (const tags of [{ 'abc%def': '1' }, { a: 'abc%def' }] as Record<string, string>[]) {
      await expectAwsError(
        t.kinesis.send(new AddTagsToStreamCommand({ StreamName: 'mgmt', Tags: tags })),
        'InvalidArgumentException',
        "Failed to add tags to stream mgmt under account 000000000000 because some tags contained illegal characters. The allowed characters are Unicode letters, white-spaces, '_',',','/','=','+','-','@'.",
      );
    }
  });

  it('checks the characters of the keys RemoveTagsFromStream names, as AddTagsToStream does', async () => {
    for (const key of ['abc;def', 'abc\tdef', 'abc\ndef', 'abc,def']) {
      await expectAwsError(
        t.kinesis.send(new RemoveTagsFromStreamCommand({ StreamName: 'mgmt', TagKeys: [key] })),
        'InvalidArgumentException',
        'Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . / = + - % @.',
      );
    }
    await expectAwsError(
      t.kinesis.send(new RemoveTagsFromStreamCommand({ StreamName: 'mgmt', TagKeys: ['abc%def'] })),
      'InvalidArgumentException',
      "Failed to remove tags from stream mgmt under account 000000000000 because some tags contained illegal characters. The allowed characters are Unicode letters, white-spaces, '_',',','/','=','+','-','@'.",
    );
    await t.kinesis.send(new RemoveTagsFromStreamCommand({ StreamName: 'mgmt', TagKeys: ['ü0 _.', '/=+-@'] }));
  });
});
