/**
 * The checkpointed reader that feeds a delivery stream from a Runnel Kinesis stream. It reads the
 * shard log directly (no GetRecords quota), parents before children as KCL does, de-aggregates
 * KPL records, appends to the buffer, and only then advances the checkpoint: after a crash it
 * reads again from the last checkpoint (at-least-once, as Firehose).
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { getStreamItem, parseStreamArn } from '../../kinesis/store/streams';
import { deaggregateSync } from 'aws-kinesis-agg';
import type { Runtime } from '../../runtime/context';
import { counterBeforeTime, getHead, readShard } from '../../kinesis/store/shard-log';
import { shardKey, type ShardRecord, type StreamItem } from '../../kinesis/domain/stream';
import type { DeliveryStreamItem } from '../domain/delivery-stream';
import { ingest } from '../operations/ingest';

interface Checkpoint {
  after: number;
  /** The shard is closed and was read to its end. */
  done?: boolean;
}

const READ_LIMIT = 10_000;
/** Reads per shard per poll: a large backlog is worked off over several polls, within Lambda's time limit. */
const READS_PER_POLL = 10;

async function loadCheckpoint(rt: Runtime, ds: DeliveryStreamItem, shard: number): Promise<Checkpoint | undefined> {
  const res = await rt.ddb.send(new GetCommand({ TableName: rt.config.tables.buffers, Key: { pk: ds.id, sk: `cp#${shard}` }, ConsistentRead: true }));
  return res.Item as Checkpoint | undefined;
}

async function saveCheckpoint(rt: Runtime, ds: DeliveryStreamItem, shard: number, cp: Checkpoint): Promise<void> {
  await rt.ddb.send(new PutCommand({ TableName: rt.config.tables.buffers, Item: { pk: ds.id, sk: `cp#${shard}`, ...cp } }));
}

/** KPL-aggregated records become their user records; plain records pass through. */
function deaggregate(data: Uint8Array, partitionKey: string, sequenceNumber: string): Uint8Array[] {
  let out: Uint8Array[] = [Buffer.from(data)];
  deaggregateSync({ data: Buffer.from(data).toString('base64'), partitionKey, sequenceNumber, kinesisSchemaVersion: '1.0', approximateArrivalTimestamp: 0 } as never, true, (err, records) => {
    if (!err && records) out = records.map((r) => Buffer.from(r.data, 'base64'));
  });
  return out;
}

async function sourceStream(rt: Runtime, ds: DeliveryStreamItem): Promise<StreamItem | undefined> {
  const ref = parseStreamArn(ds.source!.KinesisStreamARN);
  return ref && getStreamItem(rt, ref);
}

/** Reads what is new on every readable shard; returns how many records were buffered. */
export async function pollKinesisSource(rt: Runtime, ds: DeliveryStreamItem): Promise<number> {
  const stream = await sourceStream(rt, ds);
  if (!stream || stream.status === 'CREATING') return 0;
  const checkpoints = new Map<number, Checkpoint | undefined>();
  for (const s of stream.shards) checkpoints.set(s.index, await loadCheckpoint(rt, ds, s.index));
  const parentsDone = (s: ShardRecord) =>
    [s.parent, s.adjacentParent].every((p) => p === undefined || !stream.shards.some((x) => x.index === p) || checkpoints.get(p)?.done);
  let buffered = 0;
  // Shards are listed parents first, so one pass also reaches children whose parents just finished.
  for (const shard of stream.shards) {
    if (checkpoints.get(shard.index)?.done || !parentsDone(shard)) continue;
    const key = shardKey(stream.streamId, shard.index);
    let cp = checkpoints.get(shard.index);
    if (!cp) {
      const startsBefore = shard.createdAt < ds.source!.DeliveryStartTimestamp;
      const after = startsBefore ? (await counterBeforeTime(rt, key, ds.source!.DeliveryStartTimestamp)) ?? (await getHead(rt, key))?.lastSeq ?? shard.startCounter : shard.startCounter;
      cp = { after };
    }
    for (let reads = 0; reads < READS_PER_POLL; reads++) {
      const read = await readShard(rt, { key, after: cp.after, limit: READ_LIMIT, trimBefore: rt.clock() - stream.retentionHours * 3_600_000 });
      const data = read.records.flatMap((r) => deaggregate(r.data, r.partitionKey, String(r.counter)));
      // Records the buffer refused are read again from this checkpoint by the next poll.
      if (data.length && (await ingest(rt, ds, data)).some((id) => !id)) break;
      buffered += data.length;
      const done = shard.endCounter !== undefined && read.after >= shard.endCounter && !read.gap;
      cp = { after: read.after, ...(done ? { done } : {}) };
      await saveCheckpoint(rt, ds, shard.index, cp);
      if (done || read.records.length < READ_LIMIT) break;
    }
    checkpoints.set(shard.index, cp);
  }
  return buffered;
}
