/**
 * Step 2 of a write (see shard-head.ts): store each reserved range as a segment item, conditional
 * on attribute_not_exists. If a reader has meanwhile closed the range with a tombstone (the writer
 * was too slow, see shard-reader.ts), the write fails and the records are reported as failed, so
 * nothing acknowledged is ever lost or skipped.
 *
 * A write whose outcome is unclear is settled before anything is reported: a timeout may hide a
 * write that took effect (the SDK's retry then meets its own item and fails its condition), so the
 * range's item is read back, and a range found empty is claimed with a tombstone. Reporting such a
 * stored batch as failed would make the producer send it again: a duplicate.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Runtime } from '../../runtime/context';
import { logger } from '../../runtime/logger';
import { encodePacked } from '../../runtime/packed-records';
import { expiresAt } from '../domain/retention';
import { isConditionFailure, putTombstone, type ObjectSlice, type SegmentItem } from './segment-item';
import { putSegmentObject } from './segment-objects';

export interface SegmentWrite {
  key: string;
  first: number;
  priorReservedAt: number;
  records: { partitionKey: string; data: Uint8Array }[];
  encrypted: boolean;
}

/**
 * Step 2 for every shard a request touched. Small segments go into DynamoDB; the large ones of a
 * request share one S3 object, written before any index item can point at it. Returns, per
 * segment, whether it was stored (false: its records must be reported as failed).
 */
export async function writeSegments(rt: Runtime, writes: SegmentWrite[], retentionHours: number, arrival: number): Promise<boolean[]> {
  const encoded = writes.map((w) => encodePacked(w.records.map((r) => ({ key: r.partitionKey, data: r.data }))));
  const large = encoded.map((b) => b.length > rt.config.s3SegmentThresholdBytes);
  const slices: (ObjectSlice | undefined)[] = [];
  let objectStored = true;
  if (large.some(Boolean)) {
    const indexes = encoded.map((_, i) => i).filter((i) => large[i]);
    try {
      const stored = await putSegmentObject(rt, indexes.map((i) => encoded[i]), retentionHours);
      indexes.forEach((i, k) => (slices[i] = stored[k]));
    } catch {
      objectStored = false;
    }
  }
  const exp = expiresAt(arrival, retentionHours);
  return Promise.all(
    writes.map(async (w, i) => {
      const item: SegmentItem = { pk: w.key, sk: w.first, n: w.records.length, t: arrival, pt: w.priorReservedAt, exp, ...(w.encrypted ? { enc: 'KMS' as const } : {}) };
      if (large[i]) {
        if (!objectStored) return settle(rt, item);
        item.o = slices[i];
      } else {
        item.d = encoded[i];
      }
      try {
        await rt.ddb.send(new PutCommand({ TableName: rt.config.tables.shards, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
        return true;
      } catch {
        return settle(rt, item);
      }
    }),
  );
}

const SETTLE_ATTEMPTS = 6;

/**
 * Whether the range of `item` holds its records: true if its segment is there, false if a
 * tombstone is (a reader's, or the one written here so readers need not wait for the gap timeout).
 */
async function settle(rt: Runtime, item: SegmentItem): Promise<boolean> {
  for (let attempt = 0; attempt < SETTLE_ATTEMPTS; attempt++) {
    try {
      const res = await rt.ddb.send(new GetCommand({ TableName: rt.config.tables.shards, Key: { pk: item.pk, sk: item.sk }, ConsistentRead: true }));
      const found = res.Item as SegmentItem | undefined;
      // Only this writer reserved the range, so a segment at its first counter is its own.
      if (found) return !found.void;
      await putTombstone(rt, item.pk, item.sk, item.n, item.t);
      return false;
    } catch (e) {
      // A failed condition means something was written meanwhile: read again at once.
      if (!isConditionFailure(e)) await rt.sleep(50 * 2 ** attempt);
    }
  }
  // Still unknown: report failure (a reader will tombstone the range if it is empty); at worst the
  // producer's retry duplicates records, never loses them.
  logger.warn(`segment ${item.pk}/${item.sk}: outcome unknown after ${SETTLE_ATTEMPTS} attempts`);
  return false;
}
