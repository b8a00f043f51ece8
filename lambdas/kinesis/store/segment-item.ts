/**
 * The shards table holds, per shard, one head item (sk 0, see shard-head.ts) and segment items
 * (sk = counter of the segment's first record): the records one request wrote to that shard, or a
 * tombstone covering counters that will never hold records.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Runtime } from '../../runtime/context';

export const HEAD_SK = 0;

/** Where the records of an S3-backed segment live: one object per request, shared by its shards. */
export interface ObjectSlice {
  key: string;
  offset: number;
  length: number;
}

export interface SegmentItem {
  pk: string;
  sk: number;
  /** Number of counters the item covers. */
  n: number;
  /** Arrival time (epoch ms) of every record in the segment. */
  t: number;
  /** The packed records (runtime/packed-records.ts), unless they are in S3 (`o`). */
  d?: Uint8Array;
  o?: ObjectSlice;
  /** A tombstone, or a range its writer gave up on: covers counters but holds no records. */
  void?: true;
  /** When the reservation just before this segment's was made (see shard-reader.ts). */
  pt?: number;
  enc?: 'KMS';
  /** DynamoDB TTL, epoch seconds. */
  exp: number;
}

export function isConditionFailure(e: unknown): boolean {
  return (e as Error).name === 'ConditionalCheckFailedException';
}

/** Tombstones outlive any retention period, so they never turn into holes in front of live data. */
const TOMBSTONE_LIFETIME_S = 366 * 24 * 3600;

/** Claims `count` counters from `first` for nobody; fails (ConditionalCheckFailed) if a segment got there first. */
export function putTombstone(rt: Runtime, key: string, first: number, count: number, now: number): Promise<unknown> {
  const tombstone: SegmentItem = { pk: key, sk: first, n: count, t: now, void: true, exp: Math.ceil(now / 1000) + TOMBSTONE_LIFETIME_S };
  return rt.ddb.send(new PutCommand({ TableName: rt.config.tables.shards, Item: tombstone, ConditionExpression: 'attribute_not_exists(pk)' }));
}
