/**
 * Taps: a delivery stream's records, copied for a reader that is not Firehose's flush (an
 * analytics application with a KinesisFirehoseInput), so that flushes to S3 — which delete the
 * buffer items they delivered — can never take away a record the reader has not read yet.
 *
 * Registration lives on the delivery-stream item (`taps: {<tapId>: leaseUntil}`), which every
 * PutRecord(Batch) already reads: a write learns its taps without an extra read. A registration
 * expires unless its reader renews it (each run does, once an hour at most), so a reader that
 * vanished without closing its tap stops costing writes within TAP_LEASE_MS.
 *
 * Items: pk = `<deliveryStreamId>#tap#<tapId>`, with the very sk, packing and bytes of the buffer
 * item they copy (`r#<arrival, 13 digits>#<request id>#<nnnn>`), written in the same BatchWriteItem
 * calls (buffer-records.ts), and `exp` (epoch seconds) = arrival + TAP_RETENTION_MS, when DynamoDB
 * TTL deletes them for free. Nobody deletes a tap item: readers keep a checkpoint (the last sk they
 * took) instead, so reading costs a Query and nothing else.
 *
 * Why a checkpoint is safe although writers stamp the sk before they write: a write whose items
 * took longer than `writeDeadlineMs` from stamp to success is reported failed to the producer
 * (ingest.ts), and readers take only items stamped more than `readLagMs` (> writeDeadlineMs plus
 * the clock skew between hosts) ago. Every acknowledged record is therefore committed before any
 * reader can pass its sk: none is skipped, and a checkpointed reader takes each exactly once.
 */
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { tryUpdate } from '../../runtime/conditional-writes';
import type { Runtime } from '../../runtime/context';
import { decodePacked } from '../../runtime/packed-records';
import type { DeliveryStreamItem } from '../domain/delivery-stream';
import type { BufferItem, ItemCopy } from './buffer-records';

/** Firehose keeps records it cannot deliver for 24 hours; a tap keeps them as long. */
const TAP_RETENTION_MS = 24 * 3_600_000;
/** How long a registration lasts without renewal, and how close to its end a reader renews it. */
const TAP_LEASE_MS = 24 * 3_600_000;
const RENEW_BEFORE_MS = 23 * 3_600_000;

export const tapKey = (deliveryStreamId: string, tapId: string) => `${deliveryStreamId}#tap#${tapId}`;

/** The copies a write must make now: one per registered, unexpired tap. */
export function tapCopies(ds: Pick<DeliveryStreamItem, 'id' | 'taps'>, now: number): ItemCopy[] {
  const exp = Math.ceil((now + TAP_RETENTION_MS) / 1000);
  return Object.entries(ds.taps ?? {})
    .filter(([, until]) => until > now)
    .map(([tapId]) => ({ pk: tapKey(ds.id, tapId), exp }));
}

export const tapRegistered = (ds: Pick<DeliveryStreamItem, 'taps'>, tapId: string, now: number) => (ds.taps?.[tapId] ?? 0) > now;
/** Renewed when less than RENEW_BEFORE_MS is left: at most one write an hour per reader. */
export const tapNeedsRenewal = (ds: Pick<DeliveryStreamItem, 'taps'>, tapId: string, now: number) => (ds.taps?.[tapId] ?? 0) < now + RENEW_BEFORE_MS;

/** Registers (or renews) a tap on the delivery-stream item; false if the item is not that delivery stream any more. */
export async function registerTap(rt: Runtime, ds: Pick<DeliveryStreamItem, 'pk' | 'sk' | 'id'>, tapId: string): Promise<boolean> {
  const until = rt.clock() + TAP_LEASE_MS;
  const key = { pk: ds.pk, sk: ds.sk };
  const table = rt.config.tables.deliveryStreams;
  // The map may not exist yet (one update cannot create it and set a member), hence two tries.
  if (
    await tryUpdate(
      rt.ddb,
      new UpdateCommand({
        TableName: table,
        Key: key,
        UpdateExpression: 'SET taps.#t = :until',
        ConditionExpression: 'id = :id AND attribute_exists(taps)',
        ExpressionAttributeNames: { '#t': tapId },
        ExpressionAttributeValues: { ':until': until, ':id': ds.id },
      }),
    )
  ) {
    return true;
  }
  return tryUpdate(
    rt.ddb,
    new UpdateCommand({
      TableName: table,
      Key: key,
      UpdateExpression: 'SET taps = :taps',
      ConditionExpression: 'id = :id AND attribute_not_exists(taps)',
      ExpressionAttributeValues: { ':taps': { [tapId]: until }, ':id': ds.id },
    }),
  );
}

/** Ends a registration: writes stop copying records for it (what it holds expires by TTL). */
export async function unregisterTap(rt: Runtime, ds: Pick<DeliveryStreamItem, 'pk' | 'sk' | 'id'>, tapId: string): Promise<void> {
  await tryUpdate(
    rt.ddb,
    new UpdateCommand({
      TableName: rt.config.tables.deliveryStreams,
      Key: { pk: ds.pk, sk: ds.sk },
      UpdateExpression: 'REMOVE taps.#t',
      ConditionExpression: 'id = :id AND attribute_exists(taps)',
      ExpressionAttributeNames: { '#t': tapId },
      ExpressionAttributeValues: { ':id': ds.id },
    }),
  );
}

export interface TapRecord {
  recordId: string;
  data: Uint8Array;
  /** Epoch ms the delivery stream took the record. */
  arrival: number;
}

export interface TapSlice {
  records: TapRecord[];
  /** The sk of the last item read: the checkpoint to give next time (unchanged when nothing was read). */
  after: string | undefined;
}

/** The sk every item stamped at or after `time` sorts after. */
export const tapPositionAt = (time: number) => `r#${String(time).padStart(13, '0')}`;

/**
 * The records of the items after `after` that are old enough to be complete (stamped before
 * `before`), oldest first, whole items up to about `maxBytes` (at least one).
 */
export async function readTapItems(rt: Runtime, pk: string, after: string | undefined, before: number, maxBytes: number): Promise<TapSlice> {
  const slice: TapSlice = { records: [], after };
  let bytes = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const res = await rt.ddb.send(
      new QueryCommand({
        TableName: rt.config.tables.buffers,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': pk, ':from': after ? `${after}\u0000` : 'r#', ':to': tapPositionAt(before) },
        ExclusiveStartKey: startKey,
        ConsistentRead: true,
      }),
    );
    for (const item of (res.Items ?? []) as BufferItem[]) {
      if (bytes > 0 && bytes + item.bytes > maxBytes) return slice;
      bytes += item.bytes;
      slice.after = item.sk;
      for (const r of decodePacked(item.d)) slice.records.push({ recordId: r.key, data: r.data, arrival: item.t });
    }
    startKey = res.LastEvaluatedKey;
  } while (startKey);
  return slice;
}
