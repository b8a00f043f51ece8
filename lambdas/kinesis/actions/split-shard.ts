import type { SplitShardInput } from '@aws-sdk/client-kinesis';
import { InvalidArgumentException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { planSplit } from '../domain/reshard-plan';
import { shardIdOf } from '../domain/shard-id';
import { kinesisMessages } from '../domain/messages';
import { requireShardIndex } from '../domain/shard-lookup';
import { beginReshard, openShard, requireProvisioned } from '../operations/resharding';
import { loadStream, requireActive, resolveRef } from '../store/streams';

export async function splitShard(input: SplitShardInput, ctx: ActionContext): Promise<void> {
  requireShardIndex(input.ShardToSplit!, resolveRef(ctx, input));
  const { stream, ref } = await loadStream(ctx, input);
  requireProvisioned(stream, 'SplitShard');
  requireActive(stream, ref);
  const shard = openShard(stream, ref, input.ShardToSplit!);
  const key = /^\d+$/.test(input.NewStartingHashKey!) ? BigInt(input.NewStartingHashKey!) : -1n;
  const start = BigInt(shard.start);
  const end = BigInt(shard.end);
  if (!(key > start + 1n && key < end)) {
    throw new InvalidArgumentException(
      kinesisMessages.splitKeyOutOfRange(input.NewStartingHashKey!, shardIdOf(shard.index), stream.name, ref.account, shard.start, shard.end),
    );
  }
  await beginReshard(ctx, stream, ref, planSplit(stream, shard.index, key, ctx.clock()));
}
