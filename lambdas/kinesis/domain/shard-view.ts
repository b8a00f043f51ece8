import type { Shard } from '@aws-sdk/client-kinesis';
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
