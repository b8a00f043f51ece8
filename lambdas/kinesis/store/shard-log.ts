/**
 * The shard log: how records are sequenced, stored and read back.
 *
 * Each shard has a head item (sk 0) and segments (sk = counter of the segment's first record).
 * A write request touching a shard does, for that shard:
 *
 *   1. Reserve: one UpdateItem on the head, `ADD lastSeq :n`. DynamoDB applies updates to one item
 *      one at a time, so this orders concurrent batches and hands this batch the counters
 *      [lastSeq - n + 1, lastSeq]. The same write checks and counts the per-second write quota and
 *      refuses a closed shard, so quota enforcement costs nothing extra.
 *   2. Write the segment at sk = first counter, conditional on attribute_not_exists.
 *   3. Only then acknowledge the records to the client.
 *
 * Between 1 and 2 the reserved range is a *gap*: readers see counters reserved but no segment.
 * A reader never skips a gap; it stops in front of it and returns what it has. If the gap is still
 * there `gapTimeoutMs` after the reader first saw it (the writer crashed or is stuck), the reader
 * closes it by writing tombstones at the missing counters, each conditional on attribute_not_exists.
 * For every counter exactly one of the writer's segment and a tombstone can exist: if the tombstone
 * wins, the writer's step 2 fails and it reports the records as failed (the client retries), so
 * nothing acknowledged is ever lost or skipped. Readers ignore an item whose key falls inside a
 * segment they have already read, so a tombstone inside a late writer's range is harmless.
 *
 * Expired data leaves holes too: DynamoDB TTL deletes old segments in no particular order. To tell
 * such a hole from a gap, every reservation also stamps the head with its time (`rt`), and each
 * segment keeps the time of the reservation before its own (`pt`). Counters below a segment were
 * all reserved by `pt`; if that is before the retention horizon, whatever is missing there has
 * expired (or belonged to a writer that died long ago), so readers step over it without waiting.
 *
 * No transactions: dynalite has none, and they would double the write cost.
 */
import { randomUUID } from 'node:crypto';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { putIfAbsent } from '../../runtime/conditional-writes';
import type { Runtime } from '../../runtime/context';
import { decodeSegment, encodeSegment, recordSize, type PackedRecord } from '../domain/segment-codec';

/** Where the records of an S3-backed segment live: one object per request, shared by its shards. */
interface ObjectSlice {
  key: string;
  offset: number;
  length: number;
}

interface SegmentItem {
  pk: string;
  sk: number;
  /** Number of counters the item covers. */
  n: number;
  /** Arrival time (epoch ms) of every record in the segment. */
  t: number;
  d?: Uint8Array;
  o?: ObjectSlice;
  /** A tombstone, or a range its writer gave up on: covers counters but holds no records. */
  void?: true;
  /** When the reservation just before this segment's was made (see the protocol note above). */
  pt?: number;
  enc?: 'KMS';
  exp: number;
}

export interface HeadItem {
  pk: string;
  sk: 0;
  lastSeq: number;
  /** Time of the last reservation. */
  rt: number;
  /** Bytes ever reserved on this shard. */
  totBytes?: number;
  closed?: true;
  sec?: number;
  secBytes?: number;
  secRecords?: number;
}

const HEAD = 0;
const retentionBuckets = [2, 8, 31, 366];

/** S3 object prefix by retention: the bucket's lifecycle rules expire each prefix after its days. */
export function segmentObjectPrefix(retentionHours: number): string {
  const days = retentionBuckets.find((d) => d * 24 > retentionHours) ?? retentionBuckets[retentionBuckets.length - 1];
  return `segments/${days}d/`;
}
export const SEGMENT_RETENTION_DAYS = retentionBuckets;

/** Creates a shard's head; a head that already exists (a retried workflow step) is left as it is. */
export async function createHead(rt: Runtime, key: string, startCounter: number): Promise<void> {
  await putIfAbsent(rt.ddb, rt.config.tables.shards, { pk: key, sk: HEAD, lastSeq: startCounter, rt: rt.clock() });
}

export async function getHead(rt: Runtime, key: string): Promise<HeadItem | undefined> {
  const res = await rt.ddb.send(new GetCommand({ TableName: rt.config.tables.shards, Key: { pk: key, sk: HEAD }, ConsistentRead: true }));
  return res.Item as HeadItem | undefined;
}

/**
 * Marks a shard closed; returns its last reserved counter, after which no reservation can succeed
 * (undefined when the shard has no head, e.g. a stream deleted while CREATING).
 */
export async function closeHead(rt: Runtime, key: string): Promise<number | undefined> {
  try {
    const res = await rt.ddb.send(
      new UpdateCommand({
        TableName: rt.config.tables.shards,
        Key: { pk: key, sk: HEAD },
        UpdateExpression: 'SET closed = :t',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':t': true },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return (res.Attributes as HeadItem).lastSeq;
  } catch (e) {
    if (isConditionFailure(e)) return undefined;
    throw e;
  }
}

export type Reservation =
  | { kind: 'reserved'; first: number; count: number; priorReservedAt: number }
  | { kind: 'throttled' }
  | { kind: 'closed' }
  | { kind: 'missing' };

function isConditionFailure(e: unknown): boolean {
  return (e as Error).name === 'ConditionalCheckFailedException';
}

/**
 * Step 1. Reserves counters for as many of `sizes` (record sizes, in order) as the shard's quota for
 * the current second allows: all of them, a prefix, or none (throttled).
 */
export async function reserve(rt: Runtime, key: string, sizes: number[]): Promise<Reservation> {
  const { quotas } = rt.config;
  const table = rt.config.tables.shards;
  const second = Math.floor(rt.clock() / 1000);
  const attempt = async (count: number, freshSecond: boolean): Promise<Reservation | undefined> => {
    const bytes = sizes.slice(0, count).reduce((a, b) => a + b, 0);
    // totBytes (with lastSeq, a running record count) lets the on-demand scaler measure throughput.
    let update = 'SET rt = :now ADD lastSeq :n, totBytes :b';
    let condition = 'attribute_exists(pk) AND attribute_not_exists(closed)';
    const values: Record<string, unknown> = { ':n': count, ':b': bytes, ':now': rt.clock() };
    if (quotas.enabled) {
      values[':sec'] = second;
      if (freshSecond) {
        update = 'SET rt = :now, sec = :sec, secBytes = :b, secRecords = :n ADD lastSeq :n, totBytes :b';
        condition += ' AND (attribute_not_exists(sec) OR sec < :sec)';
      } else {
        // DynamoDB conditions cannot add, so the headroom is passed in precomputed.
        update = 'SET rt = :now ADD lastSeq :n, totBytes :b, secBytes :b, secRecords :n';
        condition += ' AND sec = :sec AND secBytes <= :bLeft AND secRecords <= :nLeft';
        values[':bLeft'] = quotas.writeBytesPerSecond - bytes;
        values[':nLeft'] = quotas.writeRecordsPerSecond - count;
      }
    }
    try {
      const res = await rt.ddb.send(
        new UpdateCommand({ TableName: table, Key: { pk: key, sk: HEAD }, UpdateExpression: update, ConditionExpression: condition, ExpressionAttributeValues: values, ReturnValues: 'ALL_OLD' }),
      );
      const before = res.Attributes as HeadItem;
      return { kind: 'reserved', first: before.lastSeq + 1, count, priorReservedAt: before.rt };
    } catch (e) {
      if (isConditionFailure(e)) return undefined;
      throw e;
    }
  };

  let count = sizes.length;
  for (let round = 0; round < 4; round++) {
    const fits = !quotas.enabled || fitting(sizes, quotas.writeRecordsPerSecond, quotas.writeBytesPerSecond, quotas.writeBytesPerSecond) >= count;
    if (fits) {
      const sameSecond = quotas.enabled ? await attempt(count, false) : await attempt(count, true);
      if (sameSecond) return sameSecond;
      if (quotas.enabled) {
        const fresh = await attempt(count, true);
        if (fresh) return fresh;
      }
    }
    const head = await getHead(rt, key);
    if (!head) return { kind: 'missing' };
    if (head.closed) return { kind: 'closed' };
    if (!quotas.enabled) continue;
    const usedThisSecond = head.sec === second;
    count = fitting(
      sizes,
      quotas.writeRecordsPerSecond - (usedThisSecond ? head.secRecords ?? 0 : 0),
      quotas.writeBytesPerSecond - (usedThisSecond ? head.secBytes ?? 0 : 0),
      quotas.writeBytesPerSecond,
    );
    if (count === 0) return { kind: 'throttled' };
  }
  return { kind: 'throttled' };
}

/**
 * How many leading records fit in the given record and byte headroom. A record larger than the
 * whole per-second byte quota (records may be up to 10 MiB) fits only into an untouched second,
 * as Kinesis lets such records draw on a burst allowance.
 */
function fitting(sizes: number[], recordsLeft: number, bytesLeft: number, bytesPerSecond: number): number {
  if (sizes.length && recordsLeft > 0 && bytesLeft >= bytesPerSecond && sizes[0] > bytesPerSecond) return 1;
  let n = 0;
  let bytes = 0;
  while (n < sizes.length && n < recordsLeft && bytes + sizes[n] <= bytesLeft) bytes += sizes[n++];
  return n;
}

export interface SegmentWrite {
  key: string;
  first: number;
  priorReservedAt: number;
  records: PackedRecord[];
  encrypted: boolean;
}

/**
 * Step 2 for every shard a request touched. Small segments go into DynamoDB; the large ones of a
 * request share one S3 object, written before any index item can point at it. Returns, per
 * segment, whether it was stored (false: its records must be reported as failed).
 */
export async function writeSegments(rt: Runtime, writes: SegmentWrite[], retentionHours: number, arrival: number): Promise<boolean[]> {
  const encoded = writes.map((w) => encodeSegment(w.records));
  const large = encoded.map((b) => b.length > rt.config.s3SegmentThresholdBytes);
  const slices: (ObjectSlice | undefined)[] = [];
  let objectStored = true;
  if (large.some(Boolean)) {
    const key = `${segmentObjectPrefix(retentionHours)}${randomUUID()}`;
    let offset = 0;
    encoded.forEach((b, i) => {
      if (!large[i]) return;
      slices[i] = { key, offset, length: b.length };
      offset += b.length;
    });
    try {
      await rt.s3.send(new PutObjectCommand({ Bucket: rt.config.bucket, Key: key, Body: Buffer.concat(encoded.filter((_, i) => large[i])) }));
    } catch {
      objectStored = false;
    }
  }
  const exp = Math.ceil(arrival / 1000) + retentionHours * 3600;
  return Promise.all(
    writes.map(async (w, i) => {
      const item: SegmentItem = { pk: w.key, sk: w.first, n: w.records.length, t: arrival, pt: w.priorReservedAt, exp, ...(w.encrypted ? { enc: 'KMS' as const } : {}) };
      if (large[i]) {
        if (!objectStored) return giveUp(rt, item);
        item.o = slices[i];
      } else {
        item.d = encoded[i];
      }
      try {
        await rt.ddb.send(new PutCommand({ TableName: rt.config.tables.shards, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
        return true;
      } catch (e) {
        if (isConditionFailure(e)) return false; // a reader closed the gap first: the records were never visible
        return giveUp(rt, item);
      }
    }),
  );
}

/** A writer that cannot store its segment marks the range void, so readers need not wait for the gap timeout. */
async function giveUp(rt: Runtime, item: SegmentItem): Promise<false> {
  await voidRange(rt, item.pk, item.sk, item.n, item.t).catch(() => undefined);
  return false;
}

/** Tombstones outlive any retention period, so they never turn into holes in front of live data. */
const TOMBSTONE_LIFETIME_S = 366 * 24 * 3600;

function voidRange(rt: Runtime, key: string, first: number, count: number, now: number): Promise<unknown> {
  const tombstone: SegmentItem = { pk: key, sk: first, n: count, t: now, void: true, exp: Math.ceil(now / 1000) + TOMBSTONE_LIFETIME_S };
  return rt.ddb.send(new PutCommand({ TableName: rt.config.tables.shards, Item: tombstone, ConditionExpression: 'attribute_not_exists(pk)' }));
}

export interface StoredRecord extends PackedRecord {
  counter: number;
  arrival: number;
  encrypted: boolean;
}

export interface ReadRequest {
  key: string;
  /** Counter of the last consumed record. */
  after: number;
  limit: number;
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
}

const PAGE_ITEMS = 100;
const MAX_PAGES = 10;
const TOMBSTONE_PARALLELISM = 25;

/** Reads forward from `after`, never past a gap; closes gaps that outlived the timeout. */
export async function readShard(rt: Runtime, req: ReadRequest): Promise<ReadResult> {
  const records: StoredRecord[] = [];
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
      if (records.length >= req.limit || bytes >= rt.config.maxGetRecordsBytes) {
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
        if (records.length >= req.limit || (records.length > 0 && bytes + recordSize(unpacked[i]) > rt.config.maxGetRecordsBytes)) {
          behindSince = item.t;
          break pages;
        }
        records.push({ ...unpacked[i], counter: item.sk + i, arrival: item.t, encrypted: item.enc === 'KMS' });
        bytes += recordSize(unpacked[i]);
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
  let head: HeadItem | undefined;
  if (exhausted && !gapAt) {
    head = await getHead(rt, req.key);
    if (head && head.lastSeq >= next) {
      if (head.rt < req.trimBefore) next = head.lastSeq + 1;
      else gapAt = { from: next };
    }
  }
  if (!gapAt) return { records, after: next - 1, behindSince };

  const sameGap = req.gap && req.after + 1 === gapAt.from && records.length === 0;
  const now = rt.clock();
  if (sameGap && now - req.gap!.seenAt >= rt.config.gapTimeoutMs) {
    await closeGap(rt, req.key, gapAt.from, Math.min(gapAt.to ?? req.gap!.horizon, req.gap!.horizon), now);
    return readShard(rt, { ...req, gap: undefined });
  }
  const horizon = gapAt.to ?? (head ?? (await getHead(rt, req.key)))?.lastSeq ?? gapAt.from;
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
        voidRange(rt, key, c, 1, now).catch((e) => {
          if (!isConditionFailure(e)) throw e;
        }),
      ),
    );
  }
}

async function segmentRecords(rt: Runtime, item: SegmentItem): Promise<PackedRecord[]> {
  if (item.d) return decodeSegment(item.d);
  const slice = item.o!;
  try {
    const res = await rt.s3.send(
      new GetObjectCommand({ Bucket: rt.config.bucket, Key: slice.key, Range: `bytes=${slice.offset}-${slice.offset + slice.length - 1}` }),
    );
    return decodeSegment(await res.Body!.transformToByteArray());
  } catch (e) {
    // Lifecycle rules only delete objects past every retention that could point at them, and
    // DynamoDB TTL removes index items hours late: such a segment has simply expired.
    if ((e as Error).name === 'NoSuchKey') return [];
    throw e;
  }
}

/** First segment at or after `since` (epoch ms), for AT_TIMESTAMP iterators: the counter before it. */
export async function counterBeforeTime(rt: Runtime, key: string, since: number): Promise<number | undefined> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const res = await rt.ddb.send(
      new QueryCommand({
        TableName: rt.config.tables.shards,
        KeyConditionExpression: 'pk = :pk AND sk >= :one',
        FilterExpression: 't >= :since AND attribute_not_exists(#void)',
        ExpressionAttributeNames: { '#void': 'void' },
        ExpressionAttributeValues: { ':pk': key, ':one': 1, ':since': since },
        ProjectionExpression: 'sk',
        ExclusiveStartKey: startKey,
      }),
    );
    const first = res.Items?.[0] as { sk: number } | undefined;
    if (first) return first.sk - 1;
    startKey = res.LastEvaluatedKey;
  } while (startKey);
  return undefined;
}
