/** The write path shared by PutRecord and PutRecords: route, reserve, store, report per record. */
import { InvalidArgumentException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { MAX_HASH_KEY, partitionKeyToHashKey } from '../domain/hash-key';
import { kinesisMessages } from '../domain/messages';
import { recordSize } from '../domain/record-size';
import { encodeSequenceNumber } from '../domain/sequence-number';
import { shardIdOf } from '../domain/shard-id';
import { openShards, shardKey, type StreamItem } from '../domain/stream';
import { writeSegments, type SegmentWrite } from '../store/segment-writer';
import { reserve } from '../store/shard-head';
import { getStreamItem, notFound, type ResolvedRef } from '../store/streams';
import { wakeSchedules } from './wake-on-write';

const REROUTE_ATTEMPTS = 8;

export type PutOutcome =
  | { ok: true; shardId: string; sequenceNumber: string }
  | { ok: false; code: 'ProvisionedThroughputExceededException' | 'InternalFailure'; message: string };

type Entry = { Data: Uint8Array; PartitionKey: string; ExplicitHashKey?: string };

function hashKeyOf(entry: Entry): bigint {
  if (entry.ExplicitHashKey === undefined) return partitionKeyToHashKey(entry.PartitionKey);
  const key = BigInt(entry.ExplicitHashKey);
  if (key > MAX_HASH_KEY) {
    throw new InvalidArgumentException(`Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was ${entry.ExplicitHashKey}`);
  }
  return key;
}

function checkSizes(stream: StreamItem, entries: Entry[], maxRequestBytes: number): void {
  const maxRecord = stream.maxRecordSizeKiB * 1024;
  let total = 0;
  for (const e of entries) {
    const size = recordSize({ data: e.Data, partitionKey: e.PartitionKey });
    if (size > maxRecord) {
      throw new InvalidArgumentException(`Record size ${size} bytes exceeds the maximum record size of ${stream.maxRecordSizeKiB} KiB for stream ${stream.name}.`);
    }
    total += size;
  }
  if (total > maxRequestBytes) {
    throw new InvalidArgumentException(`Records size ${total} bytes exceeds the maximum request size of ${maxRequestBytes} bytes.`);
  }
}

function route(stream: StreamItem, hashKeys: bigint[]): number[] {
  const shards = openShards(stream).map((s) => ({ index: s.index, start: BigInt(s.start), end: BigInt(s.end) }));
  return hashKeys.map((h) => shards.find((s) => s.start <= h && h <= s.end)!.index);
}

export async function putBatch(ctx: ActionContext, cached: StreamItem, ref: ResolvedRef, entries: Entry[]): Promise<PutOutcome[]> {
  const hashKeys = entries.map(hashKeyOf);
  let stream = cached;
  try {
    checkSizes(stream, entries, ctx.config.maxPutRecordsBytes);
  } catch {
    // The stream item may be a second old: judge a record size limit on fresh settings only.
    stream = (await getStreamItem(ctx, ref)) ?? stream;
    checkSizes(stream, entries, ctx.config.maxPutRecordsBytes);
  }
  const outcomes: (PutOutcome | undefined)[] = new Array(entries.length);
  let pending = entries.map((_, i) => i);
  // A shard closed by resharding after we read the stream refuses reservations: re-read and
  // re-route. The new shard map is published a moment after the parents close, hence the backoff.
  for (let attempt = 0; pending.length && attempt < REROUTE_ATTEMPTS; attempt++) {
    if (attempt > 0) {
      await ctx.sleep(Math.min(400, 25 * 2 ** (attempt - 1)));
      // Records of earlier rounds may be stored already: a storage error here must not turn their
      // acknowledgements into a failed request (the producer would send them again).
      const fresh = await getStreamItem(ctx, ref).catch((): typeof STORAGE_FAILED => STORAGE_FAILED);
      if (fresh === STORAGE_FAILED) break;
      if (!fresh || fresh.status === 'CREATING') throw notFound(ref);
      stream = fresh;
    }
    pending = await putRouted(ctx, stream, ref, entries, hashKeys, pending, outcomes);
  }
  for (const i of pending) outcomes[i] = INTERNAL_FAILURE;
  if (outcomes.some((o) => o?.ok)) await wakeSchedules(ctx, stream);
  return outcomes as PutOutcome[];
}

const STORAGE_FAILED: unique symbol = Symbol('storage failed');
const INTERNAL_FAILURE: PutOutcome = { ok: false, code: 'InternalFailure', message: 'Internal Service Failure' };

/** Stores the `pending` entries; fills their outcomes and returns those that hit a closed shard. */
async function putRouted(
  ctx: ActionContext,
  stream: StreamItem,
  ref: ResolvedRef,
  entries: Entry[],
  hashKeys: bigint[],
  pending: number[],
  outcomes: (PutOutcome | undefined)[],
): Promise<number[]> {
  const shardOf = route(stream, pending.map((i) => hashKeys[i]));
  const groups = new Map<number, number[]>();
  pending.forEach((entryIndex, j) => {
    const group = groups.get(shardOf[j]) ?? [];
    group.push(entryIndex);
    groups.set(shardOf[j], group);
  });
  const rerouted: number[] = [];
  const writes: (SegmentWrite & { shardIndex: number; members: number[] })[] = [];
  await Promise.all(
    [...groups].map(async ([shardIndex, members]) => {
      const key = shardKey(stream.streamId, shardIndex);
      const sizes = members.map((i) => recordSize({ data: entries[i].Data, partitionKey: entries[i].PartitionKey }));
      // Storage failing past the SDK's retries fails this shard's records, not the whole request.
      const r = await reserve(ctx, key, sizes).catch((): typeof STORAGE_FAILED => STORAGE_FAILED);
      if (r === STORAGE_FAILED) {
        for (const i of members) outcomes[i] = INTERNAL_FAILURE;
        return;
      }
      if (r.kind === 'missing') throw notFound(ref);
      if (r.kind === 'closed') {
        rerouted.push(...members);
        return;
      }
      const stored = r.kind === 'reserved' ? members.slice(0, r.count) : [];
      for (const i of members.slice(stored.length)) {
        outcomes[i] = {
          ok: false,
          code: 'ProvisionedThroughputExceededException',
          message: kinesisMessages.shardRateExceeded(shardIdOf(shardIndex), stream.name, ref.account),
        };
      }
      if (r.kind !== 'reserved') return;
      await ctx.faults?.afterReserve?.(key, r.first);
      writes.push({
        key,
        first: r.first,
        priorReservedAt: r.priorReservedAt,
        shardIndex,
        members: stored,
        encrypted: stream.encryption.type === 'KMS',
        records: stored.map((i) => ({ data: entries[i].Data, partitionKey: entries[i].PartitionKey })),
      });
    }),
  );
  // Sequence numbers carry the arrival time the segment stores, so GetRecords reissues them exactly.
  const arrival = ctx.clock();
  const results = await writeSegments(ctx, writes, stream.retentionHours, arrival);
  // A stored segment (handed over as it is), or the tombstone of one that failed, moves readers
  // waiting at the shard's head.
  writes.forEach((w, k) => ctx.wakeups?.stored(w.key, results[k] ? { first: w.first, arrival, encrypted: w.encrypted, records: w.records } : undefined));
  writes.forEach((w, k) =>
    w.members.forEach((entryIndex, offset) => {
      const shard = stream.shards.find((s) => s.index === w.shardIndex)!;
      outcomes[entryIndex] = results[k]
        ? { ok: true, shardId: shardIdOf(w.shardIndex), sequenceNumber: encodeSequenceNumber(shard, w.first + offset, arrival) }
        : INTERNAL_FAILURE;
    }),
  );
  return rerouted.sort((a, b) => a - b);
}
