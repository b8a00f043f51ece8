/** Time-dependent behaviour, driven by an injected clock: iterator expiry, retention, the TTL sweeper. */
import { GetRecordsCommand, GetShardIteratorCommand, IncreaseStreamRetentionPeriodCommand, ListShardsCommand, PutRecordCommand, PutRecordsCommand, SplitShardCommand } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepOnce } from '../../lambdas/local/sweeper';
import { createActiveStream, expectAwsError, startRunnel, waitForStatus, type TestRunnel } from '../support/local';

const HOUR = 3_600_000;
let now = Date.now();
let t: TestRunnel;
beforeAll(async () => {
  t = await startRunnel({ clock: () => now });
  await createActiveStream(t.kinesis, 'aging', 1);
});
afterAll(() => t.stop());

const read = async (type: 'TRIM_HORIZON' | 'AT_TIMESTAMP', extra: object = {}) => {
  const it = await t.kinesis.send(new GetShardIteratorCommand({ StreamName: 'aging', ShardId: '0', ShardIteratorType: type, ...extra }));
  const r = await t.kinesis.send(new GetRecordsCommand({ ShardIterator: it.ShardIterator }));
  return r.Records!.map((x) => Buffer.from(x.Data!).toString('utf8', 0, 8));
};

describe('time', () => {
  it('expires iterators 300 s after issue', async () => {
    await t.kinesis.send(new PutRecordCommand({ StreamName: 'aging', PartitionKey: 'k', Data: Buffer.from('first') }));
    const it = (await t.kinesis.send(new GetShardIteratorCommand({ StreamName: 'aging', ShardId: '0', ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
    now += 300_000;
    expect((await t.kinesis.send(new GetRecordsCommand({ ShardIterator: it }))).Records).toHaveLength(1);
    now += 1;
    await expectAwsError(
      t.kinesis.send(new GetRecordsCommand({ ShardIterator: it })),
      'ExpiredIteratorException',
      /^Iterator expired\. The iterator was created at time \w{3} \w{3} \d{2} \d{2}:\d{2}:\d{2} UTC \d{4} while right now it is .* which is further in the future than the tolerated delay of 300000 milliseconds\.$/,
    );
  });

  it('stops returning records past the retention period, and the sweeper deletes them', async () => {
    await t.kinesis.send(new PutRecordsCommand({ StreamName: 'aging', Records: [{ PartitionKey: 'k', Data: Buffer.alloc(50_000, 'b') }] }));
    now += HOUR;
    await t.kinesis.send(new PutRecordCommand({ StreamName: 'aging', PartitionKey: 'k', Data: Buffer.from('later') }));
    expect(await read('TRIM_HORIZON')).toEqual(['first', 'bbbbbbbb', 'later']);

    now += 23.5 * HOUR; // 'first' and the large record are now older than 24 h, 'later' is not
    expect(await read('TRIM_HORIZON')).toEqual(['later']);
    expect(await read('AT_TIMESTAMP', { Timestamp: new Date(now - 48 * HOUR) })).toEqual(['later']);

    const swept = await sweepOnce(t.runnel.runtime);
    expect(swept.items).toBe(2);
    now += 2 * 24 * HOUR; // past the 2-day lifecycle of the large record's S3 object
    const later = await sweepOnce(t.runnel.runtime);
    expect(later.objects).toBe(1);
    expect(later.items).toBe(1);
    expect(await read('TRIM_HORIZON')).toEqual([]);

    await t.kinesis.send(new PutRecordCommand({ StreamName: 'aging', PartitionKey: 'k', Data: Buffer.from('fresh') }));
    expect(await read('TRIM_HORIZON')).toEqual(['fresh']);
  });

  it('keeps data already stored for the whole of an increased retention period', async () => {
    await createActiveStream(t.kinesis, 'longer', 1);
    await t.kinesis.send(new PutRecordsCommand({ StreamName: 'longer', Records: [{ PartitionKey: 'k', Data: Buffer.from('small') }, { PartitionKey: 'k', Data: Buffer.alloc(50_000, 'L') }] }));
    await t.kinesis.send(new IncreaseStreamRetentionPeriodCommand({ StreamName: 'longer', RetentionPeriodHours: 72 }));
    await t.runnel.workflows.idle(); // the ExtendRetention workflow
    await new Promise((r) => setTimeout(r, 1100)); // the data plane's one-second stream cache still has 24 h
    now += 3 * 24 * HOUR - HOUR; // past the 24 h TTL and the 2-day object lifecycle they were written with
    await sweepOnce(t.runnel.runtime);
    const it = await t.kinesis.send(new GetShardIteratorCommand({ StreamName: 'longer', ShardId: '0', ShardIteratorType: 'TRIM_HORIZON' }));
    const records = (await t.kinesis.send(new GetRecordsCommand({ ShardIterator: it.ShardIterator }))).Records!;
    expect(records.map((r) => r.Data!.length)).toEqual([5, 50_000]);
    expect(Buffer.from(records[1].Data!).every((b) => b === 'L'.charCodeAt(0))).toBe(true);
    now += 2 * HOUR;
    await t.kinesis.send(new PutRecordCommand({ StreamName: 'longer', PartitionKey: 'k', Data: Buffer.from('new') }));
    const later = await t.kinesis.send(new GetShardIteratorCommand({ StreamName: 'longer', ShardId: '0', ShardIteratorType: 'TRIM_HORIZON' }));
    expect((await t.kinesis.send(new GetRecordsCommand({ ShardIterator: later.ShardIterator }))).Records!.map((r) => Buffer.from(r.Data!).toString())).toEqual(['new']);
  });

  it('stops listing a closed shard once its data has aged out', async () => {
    await t.kinesis.send(new SplitShardCommand({ StreamName: 'aging', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: '170141183460469231731687303715884105728' }));
    await waitForStatus(t.kinesis, 'aging', 'ACTIVE');
    const ids = async () => (await t.kinesis.send(new ListShardsCommand({ StreamName: 'aging' }))).Shards!.map((s) => s.ShardId);
    expect(await ids()).toEqual(['shardId-000000000000', 'shardId-000000000001', 'shardId-000000000002']);
    now += 23 * HOUR;
    expect(await ids()).toHaveLength(3);
    now += 2 * HOUR;
    expect(await ids()).toEqual(['shardId-000000000001', 'shardId-000000000002']);
  });
});
