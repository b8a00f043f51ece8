/**
 * A checkpointed reader of a whole stream, for consumers inside Runnel (Firehose's Kinesis source,
 * Analytics inputs). It reads the shard log directly (no GetRecords quota), parents before children
 * as the KCL does, de-aggregates KPL records, hands each batch to the consumer, and only then
 * advances the consumer's checkpoint: after a crash it reads again from the last checkpoint
 * (at-least-once).
 */
import { deaggregateSync } from 'aws-kinesis-agg';
import type { Runtime } from '../../runtime/context';
import { retentionCutoff } from '../domain/retention';
import { encodeSequenceNumber } from '../domain/sequence-number';
import { shardIdOf } from '../domain/shard-id';
import { shardKey, type ShardRecord, type StreamItem } from '../domain/stream';
import { getHead } from '../store/shard-head';
import { readShard, type StoredRecord } from '../store/shard-reader';
import { getStreamItem, parseStreamArn } from '../store/streams';
import { counterBeforeTime } from '../store/timestamp-search';

/** A consumer's place in one shard. */
export interface ShardCheckpoint {
  /** Counter of the last record handed over. */
  after: number;
  /** The shard is closed and was read to its end. */
  done?: true;
}

/** Where a consumer keeps its checkpoints (its own table: the reader does not care). */
export interface CheckpointStore {
  load(shardIndex: number): Promise<ShardCheckpoint | undefined>;
  save(shardIndex: number, checkpoint: ShardCheckpoint): Promise<void>;
}

/** One user record: a plain record, or one of the records a KPL aggregate carried. */
export interface StreamRecord {
  shardId: string;
  sequenceNumber: string;
  /** Position inside a KPL aggregate; undefined for a plain record. */
  subSequenceNumber?: number;
  partitionKey: string;
  data: Uint8Array;
  /** Arrival time, epoch ms. */
  arrival: number;
}

/** Where a shard without a checkpoint starts: its oldest record, its tip, or the first record at or after a time. */
export type StartingPosition = { type: 'TRIM_HORIZON' } | { type: 'LATEST' } | { type: 'AT_TIMESTAMP'; timestamp: number };

export interface StreamConsumer {
  streamArn: string;
  start: StartingPosition;
  checkpoints: CheckpointStore;
  /** Hand KPL aggregates over as their user records (default); Lambda triggers get them whole, as AWS's do. */
  deaggregate?: boolean;
  /**
   * Takes one shard's records in order; returns how many leading ones it took. What it did not take
   * is read again from there next time.
   */
  deliver(records: StreamRecord[]): Promise<number>;
  /**
   * Told when a shard's read stopped in front of records reserved but not yet stored: they become
   * readable in a moment, so a consumer that would otherwise sleep should look again.
   */
  onGap?(): void;
}

const READ_LIMIT = 10_000;
/** Reads per shard per call: a large backlog is worked off over several calls, within Lambda's time limit. */
const READS_PER_CALL = 10;

/** Hands the consumer what is new on every readable shard; returns how many user records it took. */
export async function readNewRecords(rt: Runtime, consumer: StreamConsumer): Promise<number> {
  const ref = parseStreamArn(consumer.streamArn);
  const stream = ref && (await getStreamItem(rt, ref));
  if (!stream || stream.status === 'CREATING') return 0;
  const checkpoints = new Map<number, ShardCheckpoint | undefined>();
  for (const s of stream.shards) checkpoints.set(s.index, await consumer.checkpoints.load(s.index));
  const parentsDone = (s: ShardRecord) =>
    [s.parent, s.adjacentParent].every((p) => p === undefined || !stream.shards.some((x) => x.index === p) || checkpoints.get(p)?.done);
  let taken = 0;
  // Shards are listed parents first, so one pass also reaches children whose parents just finished.
  for (const shard of stream.shards) {
    if (checkpoints.get(shard.index)?.done || !parentsDone(shard)) continue;
    let cp = checkpoints.get(shard.index) ?? { after: await startingCounter(rt, stream, shard, consumer.start) };
    for (let reads = 0; reads < READS_PER_CALL; reads++) {
      const key = shardKey(stream.streamId, shard.index);
      const read = await readShard(rt, { key, after: cp.after, limit: READ_LIMIT, trimBefore: retentionCutoff(rt.clock(), stream.retentionHours) });
      const counters: number[] = [];
      const records = read.records.flatMap((r) => {
        const out = consumer.deaggregate === false ? [recordOf(shard, r)] : userRecords(shard, r);
        out.forEach(() => counters.push(r.counter));
        return out;
      });
      const took = records.length ? await consumer.deliver(records) : 0;
      taken += took;
      if (took < records.length) {
        // Resume in front of the first record not taken (a partly taken aggregate is handed over again).
        if (took > 0) await consumer.checkpoints.save(shard.index, (cp = { after: counters[took] - 1 }));
        break;
      }
      if (read.gap) consumer.onGap?.();
      const done = shard.endCounter !== undefined && read.after >= shard.endCounter && !read.gap;
      cp = { after: read.after, ...(done ? { done } : {}) };
      await consumer.checkpoints.save(shard.index, cp);
      if (done || read.records.length < READ_LIMIT) break;
    }
    checkpoints.set(shard.index, cp);
  }
  return taken;
}

async function startingCounter(rt: Runtime, stream: StreamItem, shard: ShardRecord, start: StartingPosition): Promise<number> {
  // A shard created after the starting time holds nothing older: it is read from its beginning.
  if (start.type === 'TRIM_HORIZON' || (start.type === 'AT_TIMESTAMP' && shard.createdAt >= start.timestamp)) return shard.startCounter;
  const key = shardKey(stream.streamId, shard.index);
  const tip = async () => (await getHead(rt, key))?.lastSeq ?? shard.startCounter;
  // A child is read from its beginning: its parents were read to their ends before it.
  const hasParent = [shard.parent, shard.adjacentParent].some((p) => p !== undefined && stream.shards.some((x) => x.index === p));
  if (start.type === 'LATEST') return hasParent ? shard.startCounter : tip();
  return (await counterBeforeTime(rt, key, start.timestamp)) ?? tip();
}

function recordOf(shard: ShardRecord, r: StoredRecord): StreamRecord {
  return { shardId: shardIdOf(shard.index), sequenceNumber: encodeSequenceNumber(shard, r.counter, r.arrival), arrival: r.arrival, partitionKey: r.partitionKey, data: r.data };
}

/** KPL-aggregated records become their user records; plain records pass through. */
function userRecords(shard: ShardRecord, r: StoredRecord): StreamRecord[] {
  const plain = recordOf(shard, r);
  const { partitionKey: _, data: __, ...base } = plain;
  let out: StreamRecord[] = [plain];
  const wire = { data: Buffer.from(r.data).toString('base64'), partitionKey: r.partitionKey, sequenceNumber: base.sequenceNumber, kinesisSchemaVersion: '1.0', approximateArrivalTimestamp: r.arrival };
  deaggregateSync(wire as never, true, (err, records) => {
    if (err || !records) return;
    out = records.map((u, i) => ({ ...base, subSequenceNumber: i, partitionKey: u.partitionKey, data: Buffer.from(u.data, 'base64') }));
  });
  return out;
}
