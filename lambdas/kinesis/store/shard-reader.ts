/**
 * Reading a shard forward from a counter, never past a record that might still appear.
 *
 * Between a writer's reservation and its segment write (shard-head.ts) the reserved range is a
 * *gap*: counters reserved but no segment. A reader never skips a gap; it stops in front of it and
 * returns what it has. If the gap is still there `gapTimeoutMs` after the reader first saw it (the
 * writer crashed or is stuck), the reader closes it by writing tombstones at the missing counters,
 * each conditional on attribute_not_exists. For every counter exactly one of the writer's segment
 * and a tombstone can exist: if the tombstone wins, the writer's write fails and it reports the
 * records as failed (the client retries). Readers ignore an item whose key falls inside a segment
 * they have already read, so a tombstone inside a late writer's range is harmless.
 *
 * Expired data leaves holes too: DynamoDB TTL deletes old segments in no particular order. To tell
 * such a hole from a gap, each segment keeps the time of the reservation before its own (`pt`).
 * Counters below a segment were all reserved by `pt`; if that is before the retention horizon,
 * whatever is missing there has expired (or belonged to a writer that died long ago), so readers
 * step over it without waiting.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Runtime } from '../../runtime/context';
import { decodePacked, type PackedRecord } from '../../runtime/packed-records';
import { recordSize } from '../domain/record-size';
import { getHead } from './shard-head';
import { isConditionFailure, putTombstone, type SegmentItem } from './segment-item';
import { readSegmentSlice } from './segment-objects';

export interface StoredRecord {
  partitionKey: string;
  data: Uint8Array;
  counter: number;
  arrival: number;
  encrypted: boolean;
}

export interface ReadRequest {
  key: string;
  /** Counter of the last consumed record. */
  after: number;
  limit: number;
  /** Bytes of records to return at most (at least one record is returned); GetRecords' cap by default. */
  maxBytes?: number;
  /** Records that arrived before this (epoch ms) are past retention and skipped. */
  trimBefore: number;
  gap?: { seenAt: number; horizon: number };
}

export interface ReadResult {
  records: StoredRecord[];
  /** Counter of the last consumed record after this read (records, tombstones and trimmed data). */
  after: number;
  /** Present when the read stopped in front of a gap that is not yet old enough to close. */
  gap?: { seenAt: number; horizon: number };
  /** Arrival time of the last record returned when more data follows it; undefined when caught up. */
  behindSince?: number;
  /** The read reached the end of a closed shard (known from its head, whatever a cached shard map says). */
  shardEnded?: true;
}

const PAGE_ITEMS = 100;
const MAX_PAGES = 10;
const TOMBSTONE_PARALLELISM = 25;

/** Reads forward from `after`, never past a gap; closes gaps that outlived the timeout. */
export async function readShard(rt: Runtime, req: ReadRequest): Promise<ReadResult> {
  // The head first: when nothing was reserved past `after`, an empty poll costs this one small read.
  // Read before the segments, it also bounds what they can show: a counter it covers is either
  // visible below or a gap, never silently missed.
  const head = await getHead(rt, req.key);
  if (head && head.lastSeq <= req.after) return { records: [], after: req.after, ...(head.closed ? { shardEnded: true as const } : {}) };
  const records: StoredRecord[] = [];
  const maxBytes = req.maxBytes ?? rt.config.maxGetRecordsBytes;
  let next = req.after + 1;
  let bytes = 0;
  let behindSince: number | undefined;
  let gapAt: { from: number; to?: number } | undefined;
  let exhausted = false;
  let startKey = await containingSegmentKey(rt, req.key, next);
  let lastEvaluated: Record<string, unknown> | undefined;

  pages: for (let page = 0; page < MAX_PAGES; page++) {
    const res = await rt.ddb.send(
      new QueryCommand({
        TableName: rt.config.tables.shards,
        KeyConditionExpression: 'pk = :pk AND sk >= :from',
        ExpressionAttributeValues: { ':pk': req.key, ':from': startKey },
        Limit: PAGE_ITEMS,
        ExclusiveStartKey: lastEvaluated,
        ConsistentRead: true,
      }),
    );
    for (const item of (res.Items ?? []) as SegmentItem[]) {
      if (item.sk + item.n <= next) continue; // inside what was already consumed
      if (item.sk > next) {
        if (item.pt === undefined || item.pt >= req.trimBefore) {
          gapAt = { from: next, to: item.sk - 1 };
          break pages;
        }
        next = item.sk; // the hole was reserved before the retention horizon: expired, not pending
      }
      if (records.length >= req.limit || bytes >= maxBytes) {
        behindSince = records[records.length - 1]?.arrival ?? item.t;
        break pages;
      }
      if (item.void || item.t < req.trimBefore) {
        next = item.sk + item.n;
        continue;
      }
      const unpacked = await segmentRecords(rt, item);
      if (unpacked.length === 0) {
        next = item.sk + item.n;
        continue;
      }
      for (let i = next - item.sk; i < unpacked.length; i++) {
        const record = { partitionKey: unpacked[i].key, data: unpacked[i].data, counter: item.sk + i, arrival: item.t, encrypted: item.enc === 'KMS' };
        const size = recordSize(record);
        if (records.length >= req.limit || (records.length > 0 && bytes + size > maxBytes)) {
          behindSince = item.t;
          break pages;
        }
        records.push(record);
        bytes += size;
        next = item.sk + i + 1;
      }
    }
    lastEvaluated = res.LastEvaluatedKey;
    if (!lastEvaluated) {
      exhausted = true;
      break;
    }
  }
  // The page budget ran out before the data did: the caller is behind by at least what it got
  // (or, if every page held expired or void items, by as much as the trim horizon).
  if (!exhausted && !gapAt) behindSince ??= records.at(-1)?.arrival ?? req.trimBefore;

  // Reaching the last stored item says nothing about reservations still being written: ask the head.
  if (exhausted && !gapAt) {
    if (head && head.lastSeq >= next) {
      if (head.rt < req.trimBefore) next = head.lastSeq + 1;
      else gapAt = { from: next };
    }
  }
  if (!gapAt) return { records, after: next - 1, behindSince, ...(head?.closed && next > head.lastSeq ? { shardEnded: true as const } : {}) };

  const sameGap = req.gap && req.after + 1 === gapAt.from && records.length === 0;
  const now = rt.clock();
  if (sameGap && now - req.gap!.seenAt >= rt.config.gapTimeoutMs) {
    await closeGap(rt, req.key, gapAt.from, Math.min(gapAt.to ?? req.gap!.horizon, req.gap!.horizon), now);
    return readShard(rt, { ...req, gap: undefined });
  }
  const horizon = gapAt.to ?? head?.lastSeq ?? gapAt.from;
  return { records, after: next - 1, gap: sameGap ? req.gap : { seenAt: now, horizon }, behindSince: records.length ? records[records.length - 1].arrival : undefined };
}

/** Key of the segment holding counter `next`, or `next` itself when no earlier segment covers it. */
async function containingSegmentKey(rt: Runtime, key: string, next: number): Promise<number> {
  const res = await rt.ddb.send(
    new QueryCommand({
      TableName: rt.config.tables.shards,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :one AND :next',
      ExpressionAttributeValues: { ':pk': key, ':one': 1, ':next': next },
      ScanIndexForward: false,
      Limit: 1,
      ProjectionExpression: 'sk, n',
      ConsistentRead: true,
    }),
  );
  const item = res.Items?.[0] as Pick<SegmentItem, 'sk' | 'n'> | undefined;
  return item && item.sk + item.n > next ? item.sk : next;
}

/**
 * Tombstones every missing counter in [from, to]. The range may hold several reservations whose
 * boundaries the reader cannot know, so each counter is claimed separately; a counter a writer
 * stored meanwhile simply keeps its segment.
 */
async function closeGap(rt: Runtime, key: string, from: number, to: number, now: number): Promise<void> {
  const counters = Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
  for (let i = 0; i < counters.length; i += TOMBSTONE_PARALLELISM) {
    await Promise.all(
      counters.slice(i, i + TOMBSTONE_PARALLELISM).map((c) =>
        putTombstone(rt, key, c, 1, now).catch((e) => {
          if (!isConditionFailure(e)) throw e;
        }),
      ),
    );
  }
}

async function segmentRecords(rt: Runtime, item: SegmentItem): Promise<PackedRecord[]> {
  const bytes = item.d ?? (await readSegmentSlice(rt, item.o!));
  return bytes ? decodePacked(bytes) : [];
}
