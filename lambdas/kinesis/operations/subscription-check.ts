/**
 * What a running subscription re-checks every heartbeat: that its stream is still the one it
 * subscribed to, that its consumer is still registered and ACTIVE, and that no later
 * SubscribeToShard took its lease over. Each failure ends the subscription with the error AWS's
 * SubscribeToShard would answer at that moment.
 */
import { ResourceInUseException, ResourceNotFoundException } from '../../protocol/errors';
import type { Runtime } from '../../runtime/context';
import type { ConsumerItem } from '../domain/consumer';
import { kinesisMessages } from '../domain/messages';
import { shardIdOf } from '../domain/shard-id';
import type { StreamItem } from '../domain/stream';
import { getConsumer } from '../store/consumers';
import { getStreamItem } from '../store/streams';
import { holdsLease } from '../store/subscription-leases';

export interface Subscriber {
  account: string;
  region: string;
  stream: StreamItem;
  consumer: ConsumerItem;
  shardIndex: number;
  /** Who holds the lease (one id per SubscribeToShard call). */
  holder: string;
}

/** The stream item as it is now (its shard map may have changed), or the error that ends the subscription. */
export async function recheck(rt: Runtime, s: Subscriber): Promise<StreamItem> {
  const stream = await freshStream(rt, s);
  const consumer = await getConsumer(rt, stream.streamId, s.consumer.sk);
  if (!consumer || consumer.arn !== s.consumer.arn) throw new ResourceNotFoundException(kinesisMessages.consumerNotFound(s.consumer.arn, s.account));
  if (consumer.status !== 'ACTIVE') {
    throw new ResourceInUseException(kinesisMessages.consumerNotActive(consumer.sk, Math.floor(consumer.createdAt / 1000), stream.name, s.account));
  }
  if (!(await holdsLease(rt, s.consumer.arn, s.shardIndex, s.holder))) {
    throw new ResourceInUseException(kinesisMessages.subscriptionInUse(s.account, stream.name, shardIdOf(s.shardIndex), s.consumer.sk));
  }
  return stream;
}

/** The subscribed stream, re-read; gone (or deleted and created again) ends the subscription. */
export async function freshStream(rt: Runtime, s: Subscriber): Promise<StreamItem> {
  const stream = await getStreamItem(rt, { account: s.account, region: s.region, name: s.stream.name });
  if (!stream || stream.streamId !== s.stream.streamId) throw new ResourceNotFoundException(kinesisMessages.streamNotFound(s.stream.arn, s.account));
  return stream;
}
