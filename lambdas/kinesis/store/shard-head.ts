/**
 * A shard's head item (sk 0): the sequence counter, the per-second write quota and the closed flag.
 *
 * A write request touching a shard does, for that shard:
 *
 *   1. Reserve (here): one UpdateItem on the head, `ADD lastSeq :n`. DynamoDB applies updates to
 *      one item one at a time, so this orders concurrent batches and hands this batch the counters
 *      [lastSeq - n + 1, lastSeq]. The same write checks and counts the per-second write quota and
 *      refuses a closed shard, so quota enforcement costs nothing extra.
 *   2. Write the segment at sk = first counter, conditional on attribute_not_exists
 *      (segment-writer.ts).
 *   3. Only then acknowledge the records to the client.
 *
 * Every reservation also stamps the head with its time (`rt`): readers use it to tell expired data
 * from a write in flight (shard-reader.ts). No transactions: dynalite has none, and they would
 * double the write cost.
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { putIfAbsent } from '../../runtime/conditional-writes';
import type { Runtime } from '../../runtime/context';
import { HEAD_SK, isConditionFailure } from './segment-item';

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

/** Creates a shard's head; a head that already exists (a retried workflow step) is left as it is. */
export async function createHead(rt: Runtime, key: string, startCounter: number): Promise<void> {
  await putIfAbsent(rt.ddb, rt.config.tables.shards, { pk: key, sk: HEAD_SK, lastSeq: startCounter, rt: rt.clock() });
}

/** Reads the head; `consistent: false` halves the cost where a moment-old head will do (a poll). */
export async function getHead(rt: Runtime, key: string, consistent = true): Promise<HeadItem | undefined> {
  const res = await rt.ddb.send(new GetCommand({ TableName: rt.config.tables.shards, Key: { pk: key, sk: HEAD_SK }, ConsistentRead: consistent }));
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
        Key: { pk: key, sk: HEAD_SK },
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
        new UpdateCommand({ TableName: table, Key: { pk: key, sk: HEAD_SK }, UpdateExpression: update, ConditionExpression: condition, ExpressionAttributeValues: values, ReturnValues: 'ALL_OLD' }),
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
