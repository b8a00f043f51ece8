import type { SplitShardInput } from '@aws-sdk/client-kinesis';
import { InvalidArgumentException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { planSplit } from '../domain/reshard-plan';
import { shardIdOf } from '../domain/shard-id';
import { beginReshard, openShard, requireProvisioned } from '../resharding';
import { requireShardIndex } from '../domain/shard-lookup';
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
      `NewStartingHashKey ${input.NewStartingHashKey} used in SplitShard() on shard ${shardIdOf(shard.index)} in stream ${stream.name} under account ${ref.account} is not both greater than one plus the shard's StartingHashKey ${shard.start} and less than the shard's EndingHashKey ${shard.end}.`,
    );
  }
  await beginReshard(ctx, stream, ref, planSplit(stream, shard.index, key, ctx.clock()));
}
