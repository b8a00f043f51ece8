import {
  DescribeLimitsCommand,
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  MergeShardsCommand,
  PutRecordCommand,
  PutRecordsCommand,
  SplitShardCommand,
  UpdateShardCountCommand,
  type Shard,
} from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, sleep } from '../support/eventually';
import { createActiveStream, expectAwsError, holdWorkflow, startRunnel, waitForStatus, type TestRunnel } from '../support/local';

let t: TestRunnel;
beforeAll(async () => {
  t = await startRunnel({ quotas: false, shardLimit: 60 });
});
afterAll(() => t.stop());

const HALF = '170141183460469231731687303715884105728';

async function listShards(stream: string): Promise<Shard[]> {
  return (await t.kinesis.send(new ListShardsCommand({ StreamName: stream }))).Shards!;
}

/** A producer that keeps 20 partition keys' sequences strictly ordered: a batch is resent until it is all in. */
function startWriter(stream: string) {
  const acked = new Map<string, number>();
  let stop = false;
  const done = (async () => {
    for (let n = 0; !stop; n++) {
      let pending = Array.from({ length: 20 }, (_, k) => ({ key: `key-${k}`, n }));
      while (pending.length) {
        const res = await t.kinesis.send(new PutRecordsCommand({ StreamName: stream, Records: pending.map((p) => ({ PartitionKey: p.key, Data: Buffer.from(`${p.key}:${p.n}`) })) }));
        const failed = pending.filter((_, i) => !res.Records![i].SequenceNumber);
        pending.forEach((p, i) => res.Records![i].SequenceNumber && acked.set(p.key, p.n + 1));
        pending = failed;
      }
    }
  })();
  /** Waits until every key has `rounds` more acknowledged records than now (the writer made progress). */
  const progress = async (rounds: number) => {
    const from = Math.min(...Array.from({ length: 20 }, (_, k) => acked.get(`key-${k}`) ?? 0));
    await eventually(() => expect(Math.min(...Array.from({ length: 20 }, (_, k) => acked.get(`key-${k}`) ?? 0))).toBeGreaterThanOrEqual(from + rounds));
  };
  return { acked, progress, stop: async () => ((stop = true), done) };
}

/** A KCL-style consumer: a shard is read only after all its parents were read to their end. */
function startConsumer(stream: string, writerDone: () => boolean) {
  const seen = new Map<string, number[]>();
  const completed = new Set<string>();
  const readShard = async (shardId: string) => {
    let it = (await t.kinesis.send(new GetShardIteratorCommand({ StreamName: stream, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
    for (;;) {
      // Judged before the read: an empty answer proves the shard drained only if the writer had already stopped.
      const writerStopped = writerDone();
      const r = await t.kinesis.send(new GetRecordsCommand({ ShardIterator: it }));
      for (const rec of r.Records!) {
        const [key, n] = Buffer.from(rec.Data!).toString().split(':');
        seen.set(key, [...(seen.get(key) ?? []), Number(n)]);
      }
      if (!r.NextShardIterator) {
        expect(r.ChildShards!.length).toBeGreaterThan(0);
        break;
      }
      if (r.Records!.length === 0 && r.MillisBehindLatest === 0 && writerStopped) break;
      it = r.NextShardIterator;
      if (r.Records!.length === 0) await sleep(10);
    }
    completed.add(shardId);
  };
  const done = (async () => {
    const started = new Set<string>();
    const running: Promise<void>[] = [];
    let failure: unknown;
    for (;;) {
      if (failure) throw failure;
      const shards = await listShards(stream);
      const known = new Set(shards.map((s) => s.ShardId!));
      for (const s of shards) {
        const parents = [s.ParentShardId, s.AdjacentParentShardId].filter((p): p is string => !!p && known.has(p));
        if (!started.has(s.ShardId!) && parents.every((p) => completed.has(p))) {
          started.add(s.ShardId!);
          running.push(readShard(s.ShardId!).catch((e) => void (failure = e)));
        }
      }
      if (writerDone() && shards.every((s) => completed.has(s.ShardId!))) break;
      await sleep(30);
    }
    await Promise.all(running);
    if (failure) throw failure;
  })();
  return { seen, done };
}

describe('resharding under load', () => {
  it('keeps every record of every key exactly once and in order across a split and a merge', async () => {
    await createActiveStream(t.kinesis, 'live', 1);
    const writer = startWriter('live');
    let writerDone = false;
    const consumer = startConsumer('live', () => writerDone);
    await writer.progress(4);

    await t.kinesis.send(new SplitShardCommand({ StreamName: 'live', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: HALF }));
    await waitForStatus(t.kinesis, 'live', 'ACTIVE');
    const afterSplit = await listShards('live');
    expect(afterSplit.map((s) => [s.ShardId, s.ParentShardId, s.HashKeyRange?.StartingHashKey])).toEqual([
      ['shardId-000000000000', undefined, '0'],
      ['shardId-000000000001', 'shardId-000000000000', '0'],
      ['shardId-000000000002', 'shardId-000000000000', HALF],
    ]);
    expect(afterSplit[0].SequenceNumberRange?.EndingSequenceNumber).toMatch(/^\d{56}$/);
    expect(afterSplit[1].HashKeyRange?.EndingHashKey).toBe((BigInt(HALF) - 1n).toString());
    await writer.progress(4);

    await t.kinesis.send(new MergeShardsCommand({ StreamName: 'live', ShardToMerge: 'shardId-000000000001', AdjacentShardToMerge: 'shardId-000000000002' }));
    await waitForStatus(t.kinesis, 'live', 'ACTIVE');
    const merged = (await listShards('live')).find((s) => s.ShardId === 'shardId-000000000003')!;
    expect(merged).toMatchObject({ ParentShardId: 'shardId-000000000001', AdjacentParentShardId: 'shardId-000000000002', HashKeyRange: { StartingHashKey: '0', EndingHashKey: '340282366920938463463374607431768211455' } });
    await writer.progress(4);

    await writer.stop();
    writerDone = true;
    await consumer.done;

    expect(writer.acked.size).toBe(20);
    for (const [key, count] of writer.acked) {
      expect(count).toBeGreaterThanOrEqual(12);
      expect(consumer.seen.get(key)).toEqual(Array.from({ length: count }, (_, i) => i));
    }
    // every shard took writes at some point: the parent, both split children, the merged child
    const written = await Promise.all(
      ['0', '1', '2', '3'].map(async (id) => {
        const it = await t.kinesis.send(new GetShardIteratorCommand({ StreamName: 'live', ShardId: id, ShardIteratorType: 'TRIM_HORIZON' }));
        return (await t.kinesis.send(new GetRecordsCommand({ ShardIterator: it.ShardIterator, Limit: 1 }))).Records!.length;
      }),
    );
    expect(written).toEqual([1, 1, 1, 1]);
  });

  it('answers GetShardIterator on a closed shard, and its end carries ChildShards', async () => {
    const it = await t.kinesis.send(new GetShardIteratorCommand({ StreamName: 'live', ShardId: 'shardId-000000000000', ShardIteratorType: 'LATEST' }));
    const end = await t.kinesis.send(new GetRecordsCommand({ ShardIterator: it.ShardIterator }));
    expect(end.Records).toEqual([]);
    expect(end.NextShardIterator).toBeUndefined();
    expect(end.ChildShards).toEqual([
      { ShardId: 'shardId-000000000001', ParentShards: ['shardId-000000000000'], HashKeyRange: { StartingHashKey: '0', EndingHashKey: (BigInt(HALF) - 1n).toString() } },
      { ShardId: 'shardId-000000000002', ParentShards: ['shardId-000000000000'], HashKeyRange: { StartingHashKey: HALF, EndingHashKey: '340282366920938463463374607431768211455' } },
    ]);
    const mergeParent = await t.kinesis.send(new GetShardIteratorCommand({ StreamName: 'live', ShardId: 'shardId-000000000002', ShardIteratorType: 'LATEST' }));
    const mergeEnd = await t.kinesis.send(new GetRecordsCommand({ ShardIterator: mergeParent.ShardIterator }));
    expect(mergeEnd.ChildShards![0]).toMatchObject({ ShardId: 'shardId-000000000003', ParentShards: ['shardId-000000000001', 'shardId-000000000002'] });
  });

  it('filters shards by lineage position', async () => {
    const ids = async (ShardFilter: object) => (await t.kinesis.send(new ListShardsCommand({ StreamName: 'live', ShardFilter: ShardFilter as never }))).Shards!.map((s) => s.ShardId);
    expect(await ids({ Type: 'AT_LATEST' })).toEqual(['shardId-000000000003']);
    expect(await ids({ Type: 'AT_TRIM_HORIZON' })).toEqual(['shardId-000000000000']);
    expect(await ids({ Type: 'FROM_TRIM_HORIZON' })).toHaveLength(4);
    expect(await ids({ Type: 'FROM_TIMESTAMP', Timestamp: new Date() })).toEqual(['shardId-000000000003']);
    expect(await ids({ Type: 'AT_TIMESTAMP', Timestamp: new Date(Date.now() - 60_000) })).toEqual(['shardId-000000000000']);
  });
});

describe('UpdateShardCount', () => {
  it('reaches exactly the uniform ranges of a fresh stream', async () => {
    await createActiveStream(t.kinesis, 'scale', 3);
    const reshard = holdWorkflow(t.runnel, 'Reshard');
    const res = await t.kinesis.send(new UpdateShardCountCommand({ StreamName: 'scale', TargetShardCount: 5, ScalingType: 'UNIFORM_SCALING' }));
    expect(res).toMatchObject({ StreamName: 'scale', CurrentShardCount: 3, TargetShardCount: 5 });
    expect(reshard.held()).toHaveLength(1);
    expect((await t.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'scale' }))).StreamDescriptionSummary).toMatchObject({ StreamStatus: 'UPDATING', OpenShardCount: 3 });
    await reshard.release();
    await waitForStatus(t.kinesis, 'scale', 'ACTIVE');
    const open = (await t.kinesis.send(new ListShardsCommand({ StreamName: 'scale', ShardFilter: { Type: 'AT_LATEST' } }))).Shards!.sort((a, b) =>
      BigInt(a.HashKeyRange!.StartingHashKey!) < BigInt(b.HashKeyRange!.StartingHashKey!) ? -1 : 1,
    );
    await createActiveStream(t.kinesis, 'fresh5', 5);
    const fresh = await listShards('fresh5');
    expect(open.map((s) => s.HashKeyRange)).toEqual(fresh.map((s) => s.HashKeyRange));
    const put = await t.kinesis.send(new PutRecordCommand({ StreamName: 'scale', PartitionKey: '1', Data: Buffer.from('x') }));
    expect(open.map((s) => s.ShardId)).toContain(put.ShardId);
  });

  it('enforces the 2x / half bounds', async () => {
    await expectAwsError(
      t.kinesis.send(new UpdateShardCountCommand({ StreamName: 'scale', TargetShardCount: 11, ScalingType: 'UNIFORM_SCALING' })),
      'LimitExceededException',
      'UpdateShardCount cannot scale up over double your current open shard count. Current open shard count: 5, Target shard count: 11',
    );
    await expectAwsError(
      t.kinesis.send(new UpdateShardCountCommand({ StreamName: 'scale', TargetShardCount: 2, ScalingType: 'UNIFORM_SCALING' })),
      'LimitExceededException',
      'UpdateShardCount cannot scale down below half your current open shard count. Current open shard count: 5, Target shard count: 2',
    );
  });
});

describe('resharding errors', () => {
  it('reports AWS texts for bad split keys, unknown and closed shards, non-adjacent merges and non-ACTIVE streams', async () => {
    await createActiveStream(t.kinesis, 'errs', 2);
    await expectAwsError(
      t.kinesis.send(new SplitShardCommand({ StreamName: 'errs', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: '1' })),
      'InvalidArgumentException',
      "NewStartingHashKey 1 used in SplitShard() on shard shardId-000000000000 in stream errs under account 000000000000 is not both greater than one plus the shard's StartingHashKey 0 and less than the shard's EndingHashKey 170141183460469231731687303715884105727.",
    );
    await expectAwsError(
      t.kinesis.send(new SplitShardCommand({ StreamName: 'errs', ShardToSplit: 'shardId-000000000009', NewStartingHashKey: '100' })),
      'ResourceNotFoundException',
      'Could not find shard shardId-000000000009 in stream errs under account 000000000000.',
    );
    await expectAwsError(
      t.kinesis.send(new MergeShardsCommand({ StreamName: 'errs', ShardToMerge: 'shardId-000000000001', AdjacentShardToMerge: 'shardId-000000000000' })),
      'InvalidArgumentException',
      'Shards shardId-000000000001 and shardId-000000000000 in stream errs under account 000000000000 are not an adjacent pair of shards eligible for merging',
    );
    await t.kinesis.send(new SplitShardCommand({ StreamName: 'errs', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: '100' }));
    await waitForStatus(t.kinesis, 'errs', 'ACTIVE');
    // A closed shard ends, as on AWS, with the per-shard index 0x7fffffffffffffff; nothing follows it.
    const closed = (await listShards('errs')).find((s) => s.ShardId === 'shardId-000000000000')!;
    const ending = closed.SequenceNumberRange!.EndingSequenceNumber!;
    expect(BigInt(ending).toString(16)).toMatch(/^20[0-9a-f]{8}07fffffffffffffff000[0-9a-f]{8}000000002$/);
    for (const ShardIteratorType of ['AT_SEQUENCE_NUMBER', 'AFTER_SEQUENCE_NUMBER'] as const) {
      const it = await t.kinesis.send(new GetShardIteratorCommand({ StreamName: 'errs', ShardId: 'shardId-000000000000', ShardIteratorType, StartingSequenceNumber: ending }));
      const end = await t.kinesis.send(new GetRecordsCommand({ ShardIterator: it.ShardIterator }));
      expect(end.Records).toEqual([]);
      expect(end.ChildShards!.map((c) => c.ShardId)).toEqual(['shardId-000000000002', 'shardId-000000000003']);
    }
    await expectAwsError(
      t.kinesis.send(new SplitShardCommand({ StreamName: 'errs', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: '50' })),
      'InvalidArgumentException',
      'Shard shardId-000000000000 in stream errs under account 000000000000 has already been merged or split, and thus is not eligible for merging or splitting.',
    );
  });

  it('refuses a split beyond the account shard limit', async () => {
    await createActiveStream(t.kinesis, 'near-limit', 1);
    const { OpenShardCount } = await t.kinesis.send(new DescribeLimitsCommand({}));
    await createActiveStream(t.kinesis, 'filler', 60 - OpenShardCount!);
    await expectAwsError(
      t.kinesis.send(new SplitShardCommand({ StreamName: 'near-limit', ShardToSplit: '0', NewStartingHashKey: HALF })),
      'LimitExceededException',
      /^This request would exceed the shard limit for the account 000000000000 in us-east-1\. Current shard count for the account: 60\. Limit: 60\. Number of additional shards that would have resulted from this request: 1\./,
    );
  });
});
