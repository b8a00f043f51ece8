/**
 * The enhanced fan-out promise, end to end: a KCL-style consumer written with the stock JS SDK,
 * using only RegisterStreamConsumer and SubscribeToShard, reads every record of a multi-shard stream
 * exactly once and in order per partition key while the stream is split and merged under it.
 *
 * Like the KCL it starts from the stream's shards, follows ChildShards, starts a child only once
 * all its parents are read to their end, re-subscribes AFTER_SEQUENCE_NUMBER each continuation when
 * a subscription ends (after 2 s here, 5 minutes on AWS), and retries ResourceInUseException (the
 * consumer still CREATING, or the takeover window) after a pause.
 */
import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  MergeShardsCommand,
  PutRecordsCommand,
  RegisterStreamConsumerCommand,
  SplitShardCommand,
  SubscribeToShardCommand,
  type KinesisClient,
  type StartingPosition,
} from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_DEFAULTS } from '../../lambdas/runtime/config';
import { eventually, sleep } from '../support/eventually';
import { startRunnel, waitForStatus, type TestRunnel } from '../support/local';

const KEYS = 20;
let t: TestRunnel;
beforeAll(async () => {
  t = await startRunnel({ createConsumerMs: 300, config: { subscriptions: { ...CONFIG_DEFAULTS.subscriptions, lifetimeMs: 2000, heartbeatMs: 200, takeoverMs: 500 } } });
});
afterAll(() => t.stop());

/** Keeps each key's records strictly ordered: a batch is resent until all of it is in. */
function startWriter(kinesis: KinesisClient, stream: string) {
  const acked = new Map<string, number>();
  let stop = false;
  const done = (async () => {
    for (let n = 0; !stop; n++) {
      let pending = Array.from({ length: KEYS }, (_, k) => ({ key: `key-${k}`, n }));
      while (pending.length) {
        const res = await kinesis.send(new PutRecordsCommand({ StreamName: stream, Records: pending.map((p) => ({ PartitionKey: p.key, Data: Buffer.from(`${p.key}:${p.n}`) })) }));
        pending.forEach((p, i) => res.Records![i].SequenceNumber && acked.set(p.key, p.n + 1));
        pending = pending.filter((_, i) => !res.Records![i].SequenceNumber);
      }
      await sleep(10);
    }
  })();
  return { acked, stop: async () => ((stop = true), done) };
}

/** The consumer: one worker per shard it may read, parents before children. */
function startEfoConsumer(kinesis: KinesisClient, consumerArn: string, initialShards: string[]) {
  const seen = new Map<string, number[]>();
  const finished = new Set<string>();
  const started = new Set<string>();
  const waiting = new Map<string, string[]>(); // child → its parents
  const hangUp = new AbortController();
  const workers: Promise<void>[] = [];

  const subscribe = async (shardId: string, position: StartingPosition) => {
    for (;;) {
      try {
        return await kinesis.send(new SubscribeToShardCommand({ ConsumerARN: consumerArn, ShardId: shardId, StartingPosition: position }), { abortSignal: hangUp.signal });
      } catch (e) {
        if ((e as Error).name !== 'ResourceInUseException') throw e;
        await sleep(250);
      }
    }
  };

  const read = async (shardId: string) => {
    let position: StartingPosition = { Type: 'TRIM_HORIZON' };
    while (!hangUp.signal.aborted) {
      const { EventStream } = await subscribe(shardId, position);
      for await (const { SubscribeToShardEvent: event } of EventStream!) {
        for (const r of event!.Records!) {
          const [key, n] = Buffer.from(r.Data!).toString().split(':');
          seen.set(key, [...(seen.get(key) ?? []), Number(n)]);
        }
        if (event!.ContinuationSequenceNumber === undefined) {
          finished.add(shardId);
          for (const child of event!.ChildShards!) waiting.set(child.ShardId!, child.ParentShards!);
          startReady();
          return;
        }
        position = { Type: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: event!.ContinuationSequenceNumber };
      }
    }
  };

  const start = (shardId: string) => {
    started.add(shardId);
    workers.push(read(shardId).catch((e) => void (hangUp.signal.aborted || Promise.reject(e))));
  };
  const startReady = () => {
    for (const [child, parents] of waiting) if (!started.has(child) && parents.every((p) => finished.has(p))) start(child);
  };
  initialShards.forEach(start);
  return {
    seen,
    finished,
    stop: async () => {
      hangUp.abort();
      await Promise.allSettled(workers);
    },
  };
}

describe('a KCL-style enhanced fan-out consumer', () => {
  it('reads every record of a 3-shard stream exactly once and in order per key across a split and a merge', async () => {
    await t.kinesis.send(new CreateStreamCommand({ StreamName: 'fanout', ShardCount: 3 }));
    await waitForStatus(t.kinesis, 'fanout', 'ACTIVE');
    const streamArn = (await t.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'fanout' }))).StreamDescriptionSummary!.StreamARN!;
    const writer = startWriter(t.kinesis, 'fanout');
    const { Consumer } = await t.kinesis.send(new RegisterStreamConsumerCommand({ StreamARN: streamArn, ConsumerName: 'kcl-style' }));
    let atSplit = new Map<string, number>();
    let atMerge = new Map<string, number>();
    const consumer = startEfoConsumer(t.kinesis, Consumer!.ConsumerARN!, ['shardId-000000000000', 'shardId-000000000001', 'shardId-000000000002']);
    try {
      await sleep(1500);
      atSplit = new Map(writer.acked);
      // Split shard 1 in the middle of its range: children 3 (lower) and 4 (upper).
      await t.kinesis.send(new SplitShardCommand({ StreamName: 'fanout', ShardToSplit: 'shardId-000000000001', NewStartingHashKey: '170141183460469231731687303715884105728' }));
      await waitForStatus(t.kinesis, 'fanout', 'ACTIVE');
      await sleep(1500);
      atMerge = new Map(writer.acked);
      // Merge shard 0 with the split's lower child: child 5 has two parents.
      await t.kinesis.send(new MergeShardsCommand({ StreamName: 'fanout', ShardToMerge: 'shardId-000000000000', AdjacentShardToMerge: 'shardId-000000000003' }));
      await waitForStatus(t.kinesis, 'fanout', 'ACTIVE');
      await sleep(2500);
      await writer.stop();
      await eventually(() => {
        for (let k = 0; k < KEYS; k++) expect(consumer.seen.get(`key-${k}`)?.length ?? 0).toBeGreaterThanOrEqual(writer.acked.get(`key-${k}`)!);
      });
    } finally {
      await consumer.stop();
    }
    for (let k = 0; k < KEYS; k++) {
      const count = writer.acked.get(`key-${k}`)!;
      // The key was written before the split, between split and merge, and after the merge.
      expect(atSplit.get(`key-${k}`)).toBeGreaterThan(0);
      expect(atMerge.get(`key-${k}`)).toBeGreaterThan(atSplit.get(`key-${k}`)!);
      expect(count).toBeGreaterThan(atMerge.get(`key-${k}`)!);
      expect(consumer.seen.get(`key-${k}`), `key-${k}`).toEqual(Array.from({ length: count }, (_, i) => i));
    }
    expect([...consumer.finished].sort()).toEqual(['shardId-000000000000', 'shardId-000000000001', 'shardId-000000000003']);
  });
});
