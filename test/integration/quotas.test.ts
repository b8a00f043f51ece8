/** Per-shard write and read quotas, on as by default, with an injected clock so seconds are exact. */
import { GetRecordsCommand, GetShardIteratorCommand, KinesisClient, PutRecordCommand, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActiveStream, credentials, expectAwsError, startRunnel, type TestRunnel } from '../support/local';

let now = Math.floor(Date.now() / 1000) * 1000 + 100;
let t: TestRunnel;
let once: KinesisClient; // no SDK retries, so a throttle is seen as it happens
beforeAll(async () => {
  t = await startRunnel({ quotas: true, clock: () => now });
  once = new KinesisClient({ endpoint: t.runnel.url, region: 'us-east-1', credentials, maxAttempts: 1 });
  await createActiveStream(t.kinesis, 'q', 1);
  await createActiveStream(t.kinesis, 'qbytes', 1);
  await createActiveStream(t.kinesis, 'qread', 1);
});
afterAll(async () => {
  once.destroy();
  await t.stop();
});

const batch = (n: number, size = 10, tag = 'r') => Array.from({ length: n }, (_, i) => ({ PartitionKey: 'k', Data: Buffer.alloc(size, `${tag}${i}`) }));

async function countStored(stream: string): Promise<number> {
  let it = (await t.kinesis.send(new GetShardIteratorCommand({ StreamName: stream, ShardId: '0', ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
  let n = 0;
  for (;;) {
    now += 1000; // stay clear of the read quota while counting
    const r = await t.kinesis.send(new GetRecordsCommand({ ShardIterator: it }));
    n += r.Records!.length;
    if (r.Records!.length === 0) return n;
    it = r.NextShardIterator;
  }
}

describe('write quotas', () => {
  it('throttles records beyond 1,000 per second per shard, per record, and stores none of them', async () => {
    const first = await once.send(new PutRecordsCommand({ StreamName: 'q', Records: batch(500) }));
    const second = await once.send(new PutRecordsCommand({ StreamName: 'q', Records: batch(400) }));
    const third = await once.send(new PutRecordsCommand({ StreamName: 'q', Records: batch(200) }));
    expect(first.FailedRecordCount).toBe(0);
    expect(second.FailedRecordCount).toBe(0);
    expect(third.FailedRecordCount).toBe(100);
    expect(third.Records!.slice(0, 100).every((r) => r.SequenceNumber)).toBe(true);
    expect(third.Records![100]).toEqual({
      ErrorCode: 'ProvisionedThroughputExceededException',
      ErrorMessage: 'Rate exceeded for shard shardId-000000000000 in stream q under account 000000000000.',
    });
    await expectAwsError(
      once.send(new PutRecordCommand({ StreamName: 'q', PartitionKey: 'k', Data: Buffer.from('x') })),
      'ProvisionedThroughputExceededException',
      'Rate exceeded for shard shardId-000000000000 in stream q under account 000000000000.',
    );
    now += 1000;
    expect((await once.send(new PutRecordsCommand({ StreamName: 'q', Records: batch(100) }))).FailedRecordCount).toBe(0);
    expect(await countStored('q')).toBe(1100);
  });

  it('throttles bytes beyond 1 MiB per second per shard', async () => {
    now += 1000;
    const res = await once.send(new PutRecordsCommand({ StreamName: 'qbytes', Records: batch(12, 100_000) }));
    expect(res.FailedRecordCount).toBe(2);
    expect(res.Records!.map((r) => !!r.SequenceNumber)).toEqual([...Array(10).fill(true), false, false]);
  });

  it('never throttles a producer that stays under the quota', async () => {
    let failed = 0;
    for (let second = 0; second < 5; second++) {
      now += 1000;
      for (let call = 0; call < 3; call++) failed += (await once.send(new PutRecordsCommand({ StreamName: 'qbytes', Records: batch(300, 1000) }))).FailedRecordCount!;
    }
    expect(failed).toBe(0);
  });
});

describe('read quotas', () => {
  it('allows 5 GetRecords calls per second per shard', async () => {
    now += 1000;
    const it = (await t.kinesis.send(new GetShardIteratorCommand({ StreamName: 'qread', ShardId: '0', ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
    for (let i = 0; i < 5; i++) await once.send(new GetRecordsCommand({ ShardIterator: it }));
    await expectAwsError(
      once.send(new GetRecordsCommand({ ShardIterator: it })),
      'ProvisionedThroughputExceededException',
      'Rate exceeded for shard shardId-000000000000 in stream qread under account 000000000000.',
    );
    now += 1000;
    await once.send(new GetRecordsCommand({ ShardIterator: it }));
  });

  it('allows 5 GetShardIterator calls per second per shard', async () => {
    now += 1000;
    const request = () => once.send(new GetShardIteratorCommand({ StreamName: 'qread', ShardId: '0', ShardIteratorType: 'LATEST' }));
    for (let i = 0; i < 5; i++) await request();
    await expectAwsError(request(), 'ProvisionedThroughputExceededException', 'Rate exceeded for shard shardId-000000000000 in stream qread under account 000000000000.');
  });

  it('answers a malformed GetShardIterator with its own error even when the iterator quota is spent', async () => {
    now += 1000;
    for (let i = 0; i < 5; i++) await once.send(new GetShardIteratorCommand({ StreamName: 'qread', ShardId: '0', ShardIteratorType: 'LATEST' }));
    await expectAwsError(
      once.send(new GetShardIteratorCommand({ StreamName: 'qread', ShardId: '0', ShardIteratorType: 'AT_SEQUENCE_NUMBER' })),
      'InvalidArgumentException',
      /^Must either specify \(1\) AT_SEQUENCE_NUMBER/,
    );
    await expectAwsError(
      once.send(new GetShardIteratorCommand({ StreamName: 'qread', ShardId: '0', ShardIteratorType: 'AT_TIMESTAMP', Timestamp: new Date(now + 60_000) })),
      'InvalidArgumentException',
      /^The timestampInMillis parameter cannot be greater than the currentTimestampInMillis/,
    );
    await expectAwsError(once.send(new GetShardIteratorCommand({ StreamName: 'qread', ShardId: '0', ShardIteratorType: 'LATEST' })), 'ProvisionedThroughputExceededException');
  });

  it('holds a reader to 2 MiB per second after a large read', async () => {
    for (let i = 0; i < 4; i++) {
      now += 1000;
      await once.send(new PutRecordsCommand({ StreamName: 'qread', Records: batch(10, 100_000, `b${i}`) }));
    }
    now += 1000;
    const it = (await t.kinesis.send(new GetShardIteratorCommand({ StreamName: 'qread', ShardId: '0', ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
    const big = await once.send(new GetRecordsCommand({ ShardIterator: it }));
    expect(big.Records).toHaveLength(40);
    now += 500;
    await expectAwsError(once.send(new GetRecordsCommand({ ShardIterator: big.NextShardIterator })), 'ProvisionedThroughputExceededException');
    now += 1500; // 4 MB read at 2 MiB/s: the debt is paid off about 2 s after the read
    const next = await once.send(new GetRecordsCommand({ ShardIterator: big.NextShardIterator }));
    expect(next.Records).toEqual([]);
  });
});
