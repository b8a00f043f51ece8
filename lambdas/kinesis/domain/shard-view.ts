import type { ChildShard, _Record as KinesisRecord, Shard } from '@aws-sdk/client-kinesis';
import type { ShardRecord, StreamItem } from './stream';
import { encodeSequenceNumber, endingSequenceNumber } from './sequence-number';
import { retentionCutoff } from './retention';
import { shardIdOf } from './shard-id';

/** A shard as the API describes it. */
export function describeShard(shard: ShardRecord): Shard {
  return {
    ShardId: shardIdOf(shard.index),
    ...(shard.parent !== undefined ? { ParentShardId: shardIdOf(shard.parent) } : {}),
    ...(shard.adjacentParent !== undefined ? { AdjacentParentShardId: shardIdOf(shard.adjacentParent) } : {}),
    HashKeyRange: { StartingHashKey: shard.start, EndingHashKey: shard.end },
    SequenceNumberRange: {
      StartingSequenceNumber: encodeSequenceNumber(shard, shard.startCounter, shard.createdAt),
      ...(shard.endCounter !== undefined ? { EndingSequenceNumber: endingSequenceNumber(shard, shard.closedAt ?? shard.createdAt) } : {}),
    },
  };
}

/** Closed shards whose data has all aged past retention are no longer listed. */
export function visibleShards(stream: StreamItem, now: number): ShardRecord[] {
  const trimBefore = retentionCutoff(now, stream.retentionHours);
  return stream.shards.filter((s) => s.closedAt === undefined || s.closedAt >= trimBefore);
}

/** The shards a closed shard's readers continue with (GetRecords and SubscribeToShard ChildShards). */
export function childShards(stream: StreamItem, parent: number): ChildShard[] {
  return stream.shards
    .filter((s) => s.parent === parent || s.adjacentParent === parent)
    .map((s) => ({
      ShardId: shardIdOf(s.index),
      ParentShards: [s.parent, s.adjacentParent].filter((p): p is number => p !== undefined).map(shardIdOf),
      HashKeyRange: { StartingHashKey: s.start, EndingHashKey: s.end },
    }));
}

/** A stored record as readers receive it; its sequence number is reissued from counter and arrival. */
export function describeRecord(shard: ShardRecord, r: { counter: number; arrival: number; data: Uint8Array; partitionKey: string; encrypted: boolean }): KinesisRecord {
  return {
    SequenceNumber: encodeSequenceNumber(shard, r.counter, r.arrival),
    ApproximateArrivalTimestamp: new Date(r.arrival),
    Data: r.data,
    PartitionKey: r.partitionKey,
    ...(r.encrypted ? { EncryptionType: 'KMS' } : {}),
  };
}
