import type { UpdateShardCountInput, UpdateShardCountOutput } from '@aws-sdk/client-kinesis';
import { LimitExceededException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { planUniformScaling } from '../domain/reshard-plan';
import { beginReshard, requireProvisioned } from '../operations/resharding';
import { openShards } from '../domain/stream';
import { loadStream, requireActive } from '../store/streams';
import { kinesisMessages } from '../domain/messages';

const SCALING_OPERATIONS_PER_DAY = 10;
const MAX_SHARDS_PER_STREAM = 10_000;
const DAY_MS = 86_400_000;

export async function updateShardCount(input: UpdateShardCountInput, ctx: ActionContext): Promise<UpdateShardCountOutput> {
  const { stream, ref } = await loadStream(ctx, input);
  requireProvisioned(stream, 'UpdateShardCount');
  requireActive(stream, ref);
  const current = openShards(stream).length;
  const target = input.TargetShardCount!;
  const counts = `Current open shard count: ${current}, Target shard count: ${target}`;
  if (target > Math.min(ctx.config.shardLimit, MAX_SHARDS_PER_STREAM)) {
    throw new LimitExceededException(`Target shard count or number of open shards cannot be greater than ${Math.min(ctx.config.shardLimit, MAX_SHARDS_PER_STREAM)}. ${counts}`);
  }
  if (target > current * 2) throw new LimitExceededException(`UpdateShardCount cannot scale up over double your current open shard count. ${counts}`);
  if (target < current / 2) throw new LimitExceededException(`UpdateShardCount cannot scale down below half your current open shard count. ${counts}`);
  const now = ctx.clock();
  const recent = (stream.scalingOperations ?? []).filter((t) => now - t < DAY_MS);
  if (recent.length >= SCALING_OPERATIONS_PER_DAY) {
    throw new LimitExceededException(
      kinesisMessages.shardCountUpdatesExceeded(SCALING_OPERATIONS_PER_DAY, stream.name, ref.account),
    );
  }
  await beginReshard(ctx, stream, ref, planUniformScaling(stream, target, now), { scalingOperations: [...recent, now] });
  return { StreamName: stream.name, StreamARN: stream.arn, CurrentShardCount: current, TargetShardCount: target };
}
