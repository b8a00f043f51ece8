import type { MergeShardsInput } from '@aws-sdk/client-kinesis';
import { InvalidArgumentException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { planMerge } from '../domain/reshard-plan';
import { shardIdOf } from '../domain/shard-id';
import { kinesisMessages } from '../domain/messages';
import { requireShardIndex } from '../domain/shard-lookup';
import { beginReshard, openShard, requireProvisioned } from '../operations/resharding';
import { loadStream, requireActive, resolveRef } from '../store/streams';

export async function mergeShards(input: MergeShardsInput, ctx: ActionContext): Promise<void> {
  for (const shardId of [input.ShardToMerge!, input.AdjacentShardToMerge!]) requireShardIndex(shardId, resolveRef(ctx, input));
  const { stream, ref } = await loadStream(ctx, input);
  requireProvisioned(stream, 'MergeShards');
  requireActive(stream, ref);
  const lower = openShard(stream, ref, input.ShardToMerge!);
  const upper = openShard(stream, ref, input.AdjacentShardToMerge!);
  // Order matters, as on AWS: the adjacent shard must start right after the shard to merge.
  if (BigInt(lower.end) + 1n !== BigInt(upper.start)) {
    throw new InvalidArgumentException(
      kinesisMessages.shardsNotAdjacent(shardIdOf(lower.index), shardIdOf(upper.index), stream.name, ref.account),
    );
  }
  await beginReshard(ctx, stream, ref, planMerge(stream, lower.index, upper.index, ctx.clock()));
}
