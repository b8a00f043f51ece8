/**
 * A delivery stream's buffer in DynamoDB.
 *
 * Records are written to one of BUFFER_SLOTS partition keys chosen at random (`<id>#<slot>`), so a
 * hot delivery stream spreads over several partitions. Each request becomes one item per 350 KB
 * of records (packed like Kinesis segments, the record id in the key slot), keyed by arrival time.
 * A head item per slot counts buffered bytes; it only triggers flushes, the items themselves are
 * the truth. One control item per delivery stream holds when the pending timed flush is due and
 * the lease of a running flush.
 *
 * A flush deletes exactly the items it delivered, after delivering them; a crash in between
 * delivers them again later (at-least-once, as Firehose), never loses them.
 */
import { randomUUID } from 'node:crypto';
import { BatchGetCommand, BatchWriteCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { deleteAll } from '../../runtime/bulk';
import { tryUpdate } from '../../runtime/conditional-writes';
import type { Runtime } from '../../runtime/context';
import { decodeSegment, encodeSegment, type PackedRecord } from '../../kinesis/domain/segment-codec';

export const BUFFER_SLOTS = 4;
const ITEM_BYTES = 350 * 1024;

export interface BufferedRecord {
  recordId: string;
  data: Uint8Array;
  arrival: number;
}

interface BufferItem {
  pk: string;
  sk: string;
  d: Uint8Array;
  bytes: number;
  t: number;
}

const slotKey = (id: string, slot: number) => `${id}#${slot}`;

const WRITE_ROUNDS = 4;

/**
 * Appends a request's records. Items DynamoDB would not take after a few rounds (throttling) are
 * left out: their records are not stored and must be reported failed. Returns the ids of the
 * records stored and the slot's buffered bytes before and after.
 */
export async function appendRecords(rt: Runtime, id: string, records: BufferedRecord[]): Promise<{ stored: Set<string>; before: number; after: number }> {
  const slot = Math.floor(Math.random() * BUFFER_SLOTS);
  const arrival = records[0].arrival;
  const request = randomUUID();
  const items: (BufferItem & { ids: string[] })[] = [];
  let batch: PackedRecord[] = [];
  let size = 0;
  const flushItem = () => {
    if (!batch.length) return;
    // Keyed by arrival, then request, then position: a request's records stay in order.
    const sk = `r#${String(arrival).padStart(13, '0')}#${request}#${String(items.length).padStart(4, '0')}`;
    items.push({ pk: slotKey(id, slot), sk, d: encodeSegment(batch), bytes: size, t: arrival, ids: batch.map((r) => r.partitionKey) });
    batch = [];
    size = 0;
  };
  for (const r of records) {
    if (size + r.data.byteLength > ITEM_BYTES) flushItem();
    batch.push({ partitionKey: r.recordId, data: r.data });
    size += r.data.byteLength;
  }
  flushItem();
  const stored = new Set<string>();
  let bytes = 0;
  for (let i = 0; i < items.length; i += 25) {
    const chunk = items.slice(i, i + 25);
    let pending = chunk.map(({ ids: _, ...Item }) => ({ PutRequest: { Item } }));
    for (let round = 0; pending.length && round < WRITE_ROUNDS; round++) {
      if (round) await new Promise((r) => setTimeout(r, 50 * 2 ** round));
      try {
        const res = await rt.ddb.send(new BatchWriteCommand({ RequestItems: { [rt.config.tables.buffers]: pending } }));
        pending = (res.UnprocessedItems?.[rt.config.tables.buffers] ?? []) as typeof pending;
      } catch {
        // the whole request failed: try these items again next round
      }
    }
    const unprocessed = new Set(pending.map((p) => p.PutRequest.Item.sk));
    for (const item of chunk) {
      if (unprocessed.has(item.sk)) continue;
      item.ids.forEach((recordId) => stored.add(recordId));
      bytes += item.bytes;
    }
  }
  if (!stored.size) return { stored, before: 0, after: 0 };
  const res = await rt.ddb.send(
    new UpdateCommand({
      TableName: rt.config.tables.buffers,
      Key: { pk: slotKey(id, slot), sk: 'head' },
      UpdateExpression: 'ADD bytes :b',
      ExpressionAttributeValues: { ':b': bytes },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  const after = (res.Attributes as { bytes: number }).bytes;
  return { stored, before: after - bytes, after };
}

export interface BufferSlice {
  records: BufferedRecord[];
  keys: { pk: string; sk: string }[];
  bytes: number;
  /** More was buffered than `maxBytes`. */
  truncated: boolean;
}

/** The oldest buffered records across all slots, up to about `maxBytes`. */
export async function readOldest(rt: Runtime, id: string, maxBytes: number): Promise<BufferSlice> {
  const perSlot = await Promise.all(
    Array.from({ length: BUFFER_SLOTS }, async (_, slot) => {
      const items: BufferItem[] = [];
      let startKey: Record<string, unknown> | undefined;
      let bytes = 0;
      do {
        const res = await rt.ddb.send(
          new QueryCommand({
            TableName: rt.config.tables.buffers,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :r)',
            ExpressionAttributeValues: { ':pk': slotKey(id, slot), ':r': 'r#' },
            ExclusiveStartKey: startKey,
            ConsistentRead: true,
          }),
        );
        for (const it of (res.Items ?? []) as BufferItem[]) {
          items.push(it);
          bytes += it.bytes;
        }
        startKey = res.LastEvaluatedKey;
      } while (startKey && bytes < maxBytes);
      return items;
    }),
  );
  const ordered = perSlot.flat().sort((a, b) => (a.sk < b.sk ? -1 : 1));
  const slice: BufferSlice = { records: [], keys: [], bytes: 0, truncated: false };
  for (const item of ordered) {
    if (slice.bytes > 0 && slice.bytes + item.bytes > maxBytes) {
      slice.truncated = true;
      break;
    }
    slice.keys.push({ pk: item.pk, sk: item.sk });
    slice.bytes += item.bytes;
    for (const r of decodeSegment(item.d)) slice.records.push({ recordId: r.partitionKey, data: r.data, arrival: item.t });
  }
  return slice;
}

/** Arrival time of the oldest buffered record, if any: one small read per slot. */
export async function oldestArrival(rt: Runtime, id: string): Promise<number | undefined> {
  const firsts = await Promise.all(
    Array.from({ length: BUFFER_SLOTS }, async (_, slot) => {
      const res = await rt.ddb.send(
        new QueryCommand({
          TableName: rt.config.tables.buffers,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :r)',
          ExpressionAttributeValues: { ':pk': slotKey(id, slot), ':r': 'r#' },
          ProjectionExpression: 't',
          Limit: 1,
          ConsistentRead: true,
        }),
      );
      return (res.Items?.[0]?.t as number | undefined) ?? Infinity;
    }),
  );
  const oldest = Math.min(...firsts);
  return oldest === Infinity ? undefined : oldest;
}

/** Removes delivered items. */
export function deleteItems(rt: Runtime, keys: { pk: string; sk: string }[]): Promise<void> {
  return deleteAll(rt.ddb, rt.config.tables.buffers, keys);
}

/** Bytes buffered across all slots, by their counters (eventually consistent: a trigger, not a promise). */
export async function bufferedBytes(rt: Runtime, id: string): Promise<number> {
  const keys = Array.from({ length: BUFFER_SLOTS }, (_, slot) => ({ pk: slotKey(id, slot), sk: 'head' }));
  const res = await rt.ddb.send(new BatchGetCommand({ RequestItems: { [rt.config.tables.buffers]: { Keys: keys, ProjectionExpression: 'bytes' } } }));
  return (res.Responses?.[rt.config.tables.buffers] ?? []).reduce((n, item) => n + ((item.bytes as number) ?? 0), 0);
}

/** Resets the slot counters; called when the buffer was drained, before checking what arrived meanwhile. */
export async function resetHeads(rt: Runtime, id: string): Promise<void> {
  await Promise.all(
    Array.from({ length: BUFFER_SLOTS }, (_, slot) =>
      rt.ddb.send(new UpdateCommand({ TableName: rt.config.tables.buffers, Key: { pk: slotKey(id, slot), sk: 'head' }, UpdateExpression: 'SET bytes = :z', ExpressionAttributeValues: { ':z': 0 } })),
    ),
  );
}

/** Claims the pending timed flush slot; false when one is already due (and not stale). */
export function claimTimedFlush(rt: Runtime, id: string, due: number, staleBefore: number): Promise<boolean> {
  return tryUpdate(
    rt.ddb,
    new UpdateCommand({
      TableName: rt.config.tables.buffers,
      Key: { pk: id, sk: 'control' },
      UpdateExpression: 'SET due = :due',
      ConditionExpression: 'attribute_not_exists(due) OR due < :stale',
      ExpressionAttributeValues: { ':due': due, ':stale': staleBefore },
    }),
  );
}

export async function clearTimedFlush(rt: Runtime, id: string): Promise<void> {
  await rt.ddb.send(new UpdateCommand({ TableName: rt.config.tables.buffers, Key: { pk: id, sk: 'control' }, UpdateExpression: 'REMOVE due' }));
}

/** One flush at a time per delivery stream: a lease that expires if its holder dies. */
export function acquireFlushLease(rt: Runtime, id: string, holder: string, until: number): Promise<boolean> {
  return tryUpdate(
    rt.ddb,
    new UpdateCommand({
      TableName: rt.config.tables.buffers,
      Key: { pk: id, sk: 'control' },
      UpdateExpression: 'SET lease = :until, holder = :holder',
      ConditionExpression: 'attribute_not_exists(lease) OR lease < :now OR holder = :holder',
      ExpressionAttributeValues: { ':until': until, ':holder': holder, ':now': rt.clock() },
    }),
  );
}

export async function releaseFlushLease(rt: Runtime, id: string, holder: string): Promise<void> {
  await tryUpdate(
    rt.ddb,
    new UpdateCommand({
      TableName: rt.config.tables.buffers,
      Key: { pk: id, sk: 'control' },
      UpdateExpression: 'REMOVE lease, holder',
      ConditionExpression: 'holder = :holder',
      ExpressionAttributeValues: { ':holder': holder },
    }),
  );
}
