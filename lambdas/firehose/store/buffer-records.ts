/**
 * The records of a delivery stream's buffer. Each request becomes one item per 350 KB of records
 * in one slot (buffer-slots.ts), packed (runtime/packed-records.ts, keyed by record id) and sorted
 * by arrival time.
 *
 * A flush deletes exactly the items it delivered, after delivering them; a crash in between
 * delivers them again later (at-least-once, as Firehose), never loses them.
 *
 * A request's items may be written again under other partition keys in the same BatchWriteItem
 * calls (the taps of analytics applications reading the delivery stream, tap-records.ts): a record
 * counts as stored only if every copy of its item was written.
 */
import { randomBytes } from 'node:crypto';
import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { deleteAll } from '../../runtime/bulk';
import type { Runtime } from '../../runtime/context';
import { decodePacked, encodePacked, type PackedRecord } from '../../runtime/packed-records';
import { addBufferedBytes, allSlots, pickSlot, slotKey } from './buffer-slots';

const ITEM_BYTES = 350 * 1024;
const WRITE_ROUNDS = 4;

export interface BufferedRecord {
  recordId: string;
  data: Uint8Array;
  arrival: number;
}

export interface BufferItem {
  pk: string;
  sk: string;
  d: Uint8Array;
  bytes: number;
  t: number;
  /** Epoch seconds DynamoDB TTL deletes the item at (tap copies only; buffer items are deleted by flushes). */
  exp?: number;
}

/** Another partition a request's items are also written to, with an expiry. */
export interface ItemCopy {
  pk: string;
  exp: number;
}

let requestSeq = 0;

/**
 * A request id that sorts after the ids this process made before (then random, for uniqueness
 * across processes): records one producer sends one after another, within the same millisecond,
 * stay in order.
 */
function requestId(): string {
  requestSeq = (requestSeq + 1) % 1e12;
  return `${String(requestSeq).padStart(12, '0')}${randomBytes(6).toString('hex')}`;
}

/** A request's records packed into items of at most ITEM_BYTES, in order. */
function packItems(pk: string, records: BufferedRecord[], request: string): (BufferItem & { ids: string[] })[] {
  const arrival = records[0].arrival;
  const items: (BufferItem & { ids: string[] })[] = [];
  let batch: PackedRecord[] = [];
  let size = 0;
  const close = () => {
    if (!batch.length) return;
    // Keyed by arrival, then request, then position: a request's records stay in order.
    const sk = `r#${String(arrival).padStart(13, '0')}#${request}#${String(items.length).padStart(4, '0')}`;
    items.push({ pk, sk, d: encodePacked(batch), bytes: size, t: arrival, ids: batch.map((r) => r.key) });
    batch = [];
    size = 0;
  };
  for (const r of records) {
    if (size + r.data.byteLength > ITEM_BYTES) close();
    batch.push({ key: r.recordId, data: r.data });
    size += r.data.byteLength;
  }
  close();
  return items;
}

/**
 * Appends a request's records. Items DynamoDB would not take after a few rounds (throttling) are
 * left out: their records are not stored and must be reported failed. Returns the ids of the
 * records stored and the slot's buffered bytes before and after.
 */
export async function appendRecords(
  rt: Runtime,
  id: string,
  records: BufferedRecord[],
  copies: ItemCopy[] = [],
): Promise<{ stored: Set<string>; buffered: boolean; before: number; after: number }> {
  const slot = pickSlot(rt);
  const groups = packItems(slotKey(id, slot), records, requestId());
  // Each group is its buffer item followed by its copies; a chunk holds whole groups (25 items a call).
  const perGroup = 1 + copies.length;
  const groupsPerCall = Math.max(1, Math.floor(25 / perGroup));
  const stored = new Set<string>();
  // Records may be empty (Firehose takes zero-byte records): whether anything was buffered is not whether bytes were.
  let buffered = false;
  let bytes = 0;
  for (let i = 0; i < groups.length; i += groupsPerCall) {
    const chunk = groups.slice(i, i + groupsPerCall);
    const items = chunk.flatMap(({ ids: _, ...item }) => [item as BufferItem, ...copies.map((c) => ({ ...item, pk: c.pk, exp: c.exp }))]);
    let pending = items.map((Item) => ({ PutRequest: { Item } }));
    for (let round = 0; pending.length && round < WRITE_ROUNDS; round++) {
      if (round) await rt.sleep(50 * 2 ** round);
      try {
        const res = await rt.ddb.send(new BatchWriteCommand({ RequestItems: { [rt.config.tables.buffers]: pending } }));
        pending = (res.UnprocessedItems?.[rt.config.tables.buffers] ?? []) as typeof pending;
      } catch {
        // the whole request failed: try these items again next round
      }
    }
    const unprocessed = new Set(pending.map((p) => `${p.PutRequest.Item.pk}\n${p.PutRequest.Item.sk}`));
    for (const group of chunk) {
      if (unprocessed.has(`${group.pk}\n${group.sk}`)) continue;
      buffered = true;
      bytes += group.bytes; // in the buffer, so a flush will deliver it, whatever became of its copies
      if (copies.some((c) => unprocessed.has(`${c.pk}\n${group.sk}`))) continue;
      group.ids.forEach((recordId) => stored.add(recordId));
    }
  }
  if (!buffered) return { stored, buffered: false, before: 0, after: 0 };
  return { stored, buffered: true, ...(await addBufferedBytes(rt, id, slot, bytes)) };
}

export interface BufferSlice {
  records: BufferedRecord[];
  keys: { pk: string; sk: string }[];
  bytes: number;
  /** More was buffered than `maxBytes`. */
  truncated: boolean;
}

async function slotItems(rt: Runtime, id: string, slot: number, maxBytes: number): Promise<BufferItem[]> {
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
}

/** The oldest buffered records across all slots, up to about `maxBytes`. */
export async function readOldest(rt: Runtime, id: string, maxBytes: number): Promise<BufferSlice> {
  const perSlot = await Promise.all(allSlots().map((slot) => slotItems(rt, id, slot, maxBytes)));
  const ordered = perSlot.flat().sort((a, b) => (a.sk < b.sk ? -1 : 1));
  const slice: BufferSlice = { records: [], keys: [], bytes: 0, truncated: false };
  for (const item of ordered) {
    if (slice.bytes > 0 && slice.bytes + item.bytes > maxBytes) {
      slice.truncated = true;
      break;
    }
    slice.keys.push({ pk: item.pk, sk: item.sk });
    slice.bytes += item.bytes;
    for (const r of decodePacked(item.d)) slice.records.push({ recordId: r.key, data: r.data, arrival: item.t });
  }
  return slice;
}

/** Arrival time of the oldest buffered record, if any: one small read per slot. */
export async function oldestArrival(rt: Runtime, id: string): Promise<number | undefined> {
  const firsts = await Promise.all(
    allSlots().map(async (slot) => {
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
