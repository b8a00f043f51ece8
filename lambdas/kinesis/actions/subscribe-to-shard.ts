import type { SubscribeToShardInput, SubscribeToShardOutput } from '@aws-sdk/client-kinesis';
import { randomUUID } from 'node:crypto';
import { ResourceInUseException, ResourceNotFoundException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { kinesisMessages } from '../domain/messages';
import { shardIdOf } from '../domain/shard-id';
import { requireShardIndex } from '../domain/shard-lookup';
import { shardKey } from '../domain/stream';
import { loadConsumer } from '../operations/consumer-ref';
import { iteratorStart, startingCounter } from '../operations/iterator-start';
import { subscription } from '../operations/subscription';
import { acquireLease } from '../store/subscription-leases';

/** Checks the consumer, the shard and the starting position, takes the lease, then streams. */
export async function subscribeToShard(input: SubscribeToShardInput, ctx: ActionContext): Promise<SubscribeToShardOutput> {
  const { stream, ref, consumer } = await loadConsumer(ctx, { ConsumerARN: input.ConsumerARN });
  if (consumer.status !== 'ACTIVE') {
    throw new ResourceInUseException(kinesisMessages.consumerNotActive(consumer.sk, Math.floor(consumer.createdAt / 1000), stream.name, ref.account));
  }
  const index = requireShardIndex(input.ShardId!, { label: stream.name, account: ref.account });
  const shard = stream.shards.find((s) => s.index === index);
  if (!shard) throw new ResourceNotFoundException(kinesisMessages.shardDoesNotExist(shardIdOf(index), stream.name, ref.account));
  const now = ctx.clock();
  const { Type, SequenceNumber, Timestamp } = input.StartingPosition!;
  const start = iteratorStart({ ShardIteratorType: Type, StartingSequenceNumber: SequenceNumber, Timestamp }, stream, shard, ref.account, now);
  const after = await startingCounter(ctx, shardKey(stream.streamId, index), shard, start);
  const holder = randomUUID();
  if (!(await acquireLease(ctx, consumer.arn, index, holder, now, ctx.config.subscriptions.takeoverMs))) {
    throw new ResourceInUseException(kinesisMessages.subscriptionInUse(ref.account, stream.name, shardIdOf(index), consumer.sk));
  }
  return { EventStream: subscription(ctx, { account: ref.account, region: ref.region, stream, consumer, shardIndex: index, holder }, after) };
}
