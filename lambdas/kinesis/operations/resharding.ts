/** What SplitShard, MergeShards and UpdateShardCount share: checks, the UPDATING switch, the workflow. */
import { InvalidArgumentException, LimitExceededException, ResourceNotFoundException, ValidationException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { startReshard } from '../workflows';
import type { ReshardPlan } from '../domain/reshard-plan';
import { parseShardId, shardIdOf } from '../domain/shard-id';
import type { ShardRecord, StreamItem } from '../domain/stream';
import { countOpenShards, getStreamItem, requireActive, type ResolvedRef, updateStream } from '../store/streams';
import { kinesisMessages } from '../domain/messages';

function shardLimitError(ctx: ActionContext, open: number, added: number): LimitExceededException {
  return new LimitExceededException(
    `This request would exceed the shard limit for the account ${ctx.account} in ${ctx.region}. Current shard count for the account: ${open}. Limit: ${ctx.config.shardLimit}. Number of additional shards that would have resulted from this request: ${added}. Refer to the AWS Service Limits page (https://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits and how to request higher limits.`,
  );
}

export async function checkShardLimit(ctx: ActionContext, added: number): Promise<void> {
  if (added <= 0) return;
  const { open } = await countOpenShards(ctx);
  if (open + added > ctx.config.shardLimit) throw shardLimitError(ctx, open, added);
}

export const ON_DEMAND_STREAM_LIMIT = 50;

export async function checkOnDemandStreamLimit(ctx: ActionContext): Promise<void> {
  const { onDemandStreams } = await countOpenShards(ctx);
  if (onDemandStreams >= ON_DEMAND_STREAM_LIMIT) {
    throw new LimitExceededException(
      `This request would exceed the on-demand stream limit for the account ${ctx.account} in ${ctx.region}. Current on-demand stream count for the account: ${onDemandStreams}. Limit: ${ON_DEMAND_STREAM_LIMIT}.`,
    );
  }
}

export function requireProvisioned(stream: StreamItem, operation: string): void {
  if (stream.mode === 'ON_DEMAND') throw new ValidationException(`${operation} is not supported for streams in ON_DEMAND mode.`);
}

/** The open shard a reshard request names, or AWS's error for a missing or already closed one. */
export function openShard(stream: StreamItem, ref: ResolvedRef, shardId: string): ShardRecord {
  const index = parseShardId(shardId);
  const shard = index === undefined ? undefined : stream.shards.find((s) => s.index === index);
  if (!shard) throw new ResourceNotFoundException(kinesisMessages.shardNotFound(index === undefined ? shardId : shardIdOf(index), stream.name, ref.account));
  if (shard.endCounter !== undefined) {
    throw new InvalidArgumentException(
      kinesisMessages.shardAlreadyResharded(shardIdOf(shard.index), stream.name, ref.account),
    );
  }
  return shard;
}

/** Switches the stream to UPDATING (only from ACTIVE) and starts the reshard workflow. */
export async function beginReshard(ctx: ActionContext, stream: StreamItem, ref: ResolvedRef, plan: ReshardPlan, changes: Partial<StreamItem> = {}): Promise<void> {
  const added = plan.created.filter((s) => s.endCounter === undefined).length - plan.parents.length;
  await checkShardLimit(ctx, added);
  if (!(await updateStream(ctx, stream, { status: 'UPDATING', ...changes }, ['ACTIVE']))) {
    requireActive((await getStreamItem(ctx, ref)) ?? stream, ref);
  }
  await startReshard(ctx, stream, plan);
}
