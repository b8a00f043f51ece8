import type { DescribeStreamInput, DescribeStreamOutput } from '@aws-sdk/client-kinesis';
import type { ActionContext } from '../../runtime/context';
import { describeShard, visibleShards } from '../domain/shard-view';
import { parseShardId } from '../domain/shard-id';
import { describeStreamCommon } from '../domain/stream-view';
import { loadStream } from '../store/streams';

const MAX_SHARDS = 100;

export async function describeStream(input: DescribeStreamInput, ctx: ActionContext): Promise<DescribeStreamOutput> {
  const { stream } = await loadStream(ctx, input);
  const limit = Math.min(input.Limit ?? MAX_SHARDS, MAX_SHARDS);
  const startAfter = input.ExclusiveStartShardId === undefined ? -1 : parseShardId(input.ExclusiveStartShardId) ?? -1;
  const shards = stream.status === 'CREATING' ? [] : visibleShards(stream, ctx.clock()).filter((s) => s.index > startAfter);
  return {
    StreamDescription: {
      ...describeStreamCommon(stream),
      Shards: shards.slice(0, limit).map((s) => describeShard(s)),
      HasMoreShards: shards.length > limit,
    },
  };
}
