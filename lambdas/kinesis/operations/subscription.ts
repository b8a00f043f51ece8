/**
 * A SubscribeToShard subscription: pushes a shard's records to one consumer as SubscribeToShard
 * events, from the counter it starts after, for `subscriptions.lifetimeMs` (AWS: 5 minutes).
 *
 * - Records come from the write path when they continue exactly from the subscription's position
 *   (handed-records.ts, local mode), else from readShard, so a subscription never skips a record
 *   in flight (it stops at a gap, as GetRecords does) and never repeats one: every event's
 *   ContinuationSequenceNumber is the position after its last record (or, with no records, after
 *   everything read so far), and re-subscribing AFTER_SEQUENCE_NUMBER resumes exactly there.
 * - Between reads it waits at the shard's head (shard-watch.ts) for the write path to wake it, for
 *   its next heartbeat (an event at least every `heartbeatMs`, as AWS sends one at least every few
 *   seconds), or for a gap it may close.
 * - Every heartbeat it re-checks stream, consumer and lease (subscription-check.ts).
 * - It pushes at most `bytesPerSecond` (push-budget.ts).
 * - At the end of a closed shard it sends the remaining records, then an event with the
 *   ChildShards and no ContinuationSequenceNumber (how the KCL recognises a shard's end), and ends.
 * - It ends cleanly at its lifetime or when the caller goes away (a host may also end the streamed
 *   answer early, see protocol/event-stream.ts).
 */
import type { SubscribeToShardEvent, SubscribeToShardEventStream } from '@aws-sdk/client-kinesis';
import type { ActionContext } from '../../runtime/context';
import { pause } from '../../runtime/pause';
import { PushBudget } from '../domain/push-budget';
import { recordSize } from '../domain/record-size';
import { retentionCutoff } from '../domain/retention';
import { encodeSequenceNumber } from '../domain/sequence-number';
import { childShards, describeRecord } from '../domain/shard-view';
import { shardKey, type ShardRecord } from '../domain/stream';
import { readShard, type ReadResult } from '../store/shard-reader';
import { HandedRecords } from './handed-records';
import { freshStream, recheck, type Subscriber } from './subscription-check';
import { watchShard } from './shard-watch';

const MAX_RECORDS_PER_EVENT = 10_000;

export async function* subscription(ctx: ActionContext, s: Subscriber, startAfter: number): AsyncGenerator<SubscribeToShardEventStream.SubscribeToShardEventMember> {
  const { lifetimeMs, heartbeatMs, bytesPerSecond } = ctx.config.subscriptions;
  const key = shardKey(s.stream.streamId, s.shardIndex);
  const started = ctx.clock();
  const budget = new PushBudget(bytesPerSecond, started);
  const watch = watchShard(ctx, key);
  const handed = new HandedRecords();
  let stream = s.stream;
  let after = startAfter;
  let gap: ReadResult['gap'];
  let lastEvent = -Infinity;
  let lastCheck = started;
  let woken = false;
  // A position keeps the number it was first given, so idle events repeat it exactly.
  let continuation = { after: NaN, sequenceNumber: '' };
  const shardOf = () => stream.shards.find((sh) => sh.index === s.shardIndex)!;
  try {
    for (;;) {
      let now = ctx.clock();
      if (ctx.signal?.aborted || now - started >= lifetimeMs) return;
      if (now - lastCheck >= heartbeatMs) {
        stream = await recheck(ctx, { ...s, stream });
        lastCheck = now;
      }
      handed.add(watch.take());
      const read =
        handed.next(after, MAX_RECORDS_PER_EVENT, budget.available(now)) ??
        (await readShard(ctx, { key, after, limit: MAX_RECORDS_PER_EVENT, maxBytes: budget.available(now), trimBefore: retentionCutoff(now, stream.retentionHours), gap }));
      now = ctx.clock();
      gap = read.gap;
      // Woken for nothing while the shard looked open: it may have just been closed by resharding.
      if (!read.records.length && woken && shardOf().endCounter === undefined) stream = await freshStream(ctx, { ...s, stream });
      const shard = shardOf();
      const atEnd = shard.endCounter !== undefined && read.after >= shard.endCounter && !read.gap;
      if (read.records.length || (now - lastEvent >= heartbeatMs && !atEnd)) {
        const bytes = read.records.reduce((n, r) => n + recordSize(r), 0);
        await pause(budget.waitMs(bytes, now), ctx.signal);
        now = ctx.clock();
        // Unsent records are not lost: the last continuation still points before them.
        if (ctx.signal?.aborted || now - started >= lifetimeMs) return;
        const event = recordsEvent(shard, read, now, continuation);
        continuation = { after: read.after, sequenceNumber: event.ContinuationSequenceNumber! };
        budget.charge(bytes, now);
        lastEvent = now;
        yield { SubscribeToShardEvent: event };
      }
      after = read.after;
      if (atEnd) {
        yield { SubscribeToShardEvent: { Records: [], ContinuationSequenceNumber: undefined, MillisBehindLatest: 0, ChildShards: childShards(stream, shard.index) } };
        return;
      }
      if (read.behindSince !== undefined) continue;
      const due = Math.min(lastEvent + heartbeatMs, lastCheck + heartbeatMs, started + lifetimeMs, gap ? gap.seenAt + ctx.config.gapTimeoutMs : Infinity);
      woken = await watch.next(after, Math.max(1, due - ctx.clock()), ctx.signal);
    }
  } finally {
    watch.close();
  }
}

/**
 * An event of what was read. Its continuation is the last record's sequence number, or, with no
 * records, a number naming the position (only its counter matters when a reader resumes after it).
 */
function recordsEvent(shard: ShardRecord, read: ReadResult, now: number, last: { after: number; sequenceNumber: string }): SubscribeToShardEvent {
  const records = read.records.map((r) => describeRecord(shard, r));
  const idle = last.after === read.after ? last.sequenceNumber : encodeSequenceNumber(shard, read.after, now);
  return {
    Records: records,
    ContinuationSequenceNumber: records.at(-1)?.SequenceNumber ?? idle,
    MillisBehindLatest: read.behindSince === undefined ? 0 : Math.max(0, now - read.behindSince),
  };
}
