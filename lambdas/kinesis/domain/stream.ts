/** The streams-table item: one per stream, holding its shard map and settings. */
import type { ScalingState } from './on-demand-scaling';

export interface ShardRecord {
  index: number;
  /** Hash range bounds as decimal strings (128-bit values do not fit a DynamoDB number exactly). */
  start: string;
  end: string;
  parent?: number;
  adjacentParent?: number;
  /** Counter below the shard's first record (sequence numbers start at startCounter + 1). */
  startCounter: number;
  /** Set when the shard is closed: the last counter it will ever hold. */
  endCounter?: number;
  createdAt: number;
  closedAt?: number;
}

export type StreamStatus = 'CREATING' | 'ACTIVE' | 'UPDATING' | 'DELETING';

export interface StreamItem {
  pk: string;
  sk: string;
  name: string;
  arn: string;
  /** Creation-unique id: a re-created stream of the same name starts with no data. */
  streamId: string;
  status: StreamStatus;
  mode: 'PROVISIONED' | 'ON_DEMAND';
  retentionHours: number;
  createdAt: number;
  shards: ShardRecord[];
  nextShardIndex: number;
  encryption: { type: 'NONE' | 'KMS'; keyId?: string };
  enhancedMetrics: string[];
  tags: Record<string, string>;
  maxRecordSizeKiB: number;
  /** When UpdateShardCount ran during the last 24 hours (it is limited per rolling day). */
  scalingOperations?: number[];
  /** When the capacity mode changed during the last 24 hours (twice per rolling day at most). */
  modeChanges?: number[];
  warmThroughputMiBps?: { target: number; current: number };
  /** Resource policy document (JSON text). */
  policy?: string;
  /** The on-demand scaler's last sample and streaks. */
  scaling?: ScalingState;
  /** Scheduled workflows asleep until this stream is written to (kinesis/operations/wake-on-write.ts). */
  wakeOnWrite?: Set<string>;
}

/** What a workflow carries to find its stream again: the item's key and the id of that incarnation. */
export interface StreamKey {
  pk: string;
  sk: string;
  streamId: string;
}

export function streamKeyOf(stream: StreamKey): StreamKey {
  return { pk: stream.pk, sk: stream.sk, streamId: stream.streamId };
}

export function streamArn(region: string, account: string, name: string): string {
  return `arn:aws:kinesis:${region}:${account}:stream/${name}`;
}

export function shardKey(streamId: string, shardIndex: number): string {
  return `${streamId}#${shardIndex}`;
}

export function openShards(stream: StreamItem): ShardRecord[] {
  return stream.shards.filter((s) => s.endCounter === undefined);
}
