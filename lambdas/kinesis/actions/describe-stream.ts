import type { DescribeStreamInput, DescribeStreamOutput } from '@aws-sdk/client-kinesis';
import type { ActionContext } from '../../runtime/context';
import { describeShard, visibleShards } from '../domain/shard-view';
import { parseShardId } from '../domain/shard-id';
import { loadStream } from '../store/streams';

const MAX_SHARDS = 100;

export async function describeStream(input: DescribeStreamInput, ctx: ActionContext): Promise<DescribeStreamOutput> {
  const { stream } = await loadStream(ctx, input);
  const limit = Math.min(input.Limit ?? MAX_SHARDS, MAX_SHARDS);
  const startAfter = input.ExclusiveStartShardId === undefined ? -1 : parseShardId(input.ExclusiveStartShardId) ?? -1;
  const shards = stream.status === 'CREATING' ? [] : visibleShards(stream, ctx.clock()).filter((s) => s.index > startAfter);
  return {
    StreamDescription: {
      StreamName: stream.name,
      StreamARN: stream.arn,
      StreamStatus: stream.status,
      StreamModeDetails: { StreamMode: stream.mode },
      Shards: shards.slice(0, limit).map((s) => describeShard(stream, s)),
      HasMoreShards: shards.length > limit,
      RetentionPeriodHours: stream.retentionHours,
      StreamCreationTimestamp: new Date(stream.createdAt),
      EnhancedMonitoring: [{ ShardLevelMetrics: stream.enhancedMetrics as never }],
      EncryptionType: stream.encryption.type,
      ...(stream.encryption.keyId ? { KeyId: stream.encryption.keyId } : {}),
    },
  };
}
