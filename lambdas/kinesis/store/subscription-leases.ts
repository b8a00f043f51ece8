/**
 * Which SubscribeToShard call holds a consumer's subscription to a shard: one lease item per
 * consumer and shard in the streams table (pk `#subscription#<consumer ARN>`, sk = shard index),
 * naming the holder and when it subscribed. Leases live in DynamoDB because in the cloud the
 * subscriptions of one consumer run in different Lambdas.
 *
 * As AWS does, a call within `takeoverMs` of the last successful one is refused whether or not
 * that subscription is still running; a later call takes the lease over, and the subscription that
 * held it learns so at its next check and ends. Leases are not released when a subscription ends
 * (the window counts from the start); they are removed with their consumer.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { deleteAll, queryPartition } from '../../runtime/bulk';
import type { Runtime } from '../../runtime/context';
import { isConditionFailure } from './segment-item';

type Store = Pick<Runtime, 'ddb' | 'config'>;

interface LeaseItem {
  pk: string;
  sk: string;
  holder: string;
  startedAt: number;
}

const partition = (consumerArn: string) => `#subscription#${consumerArn}`;

/** Takes the lease for `holder`; false when another call took it less than `takeoverMs` ago. */
export async function acquireLease(rt: Store, consumerArn: string, shardIndex: number, holder: string, now: number, takeoverMs: number): Promise<boolean> {
  const item: LeaseItem = { pk: partition(consumerArn), sk: String(shardIndex), holder, startedAt: now };
  try {
    await rt.ddb.send(
      new PutCommand({
        TableName: rt.config.tables.streams,
        Item: item,
        ConditionExpression: 'attribute_not_exists(pk) OR startedAt <= :cutoff',
        ExpressionAttributeValues: { ':cutoff': now - takeoverMs },
      }),
    );
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

export async function holdsLease(rt: Store, consumerArn: string, shardIndex: number, holder: string): Promise<boolean> {
  const res = await rt.ddb.send(new GetCommand({ TableName: rt.config.tables.streams, Key: { pk: partition(consumerArn), sk: String(shardIndex) }, ConsistentRead: true }));
  return (res.Item as LeaseItem | undefined)?.holder === holder;
}

export async function removeLeases(rt: Store, consumerArn: string): Promise<void> {
  const { items } = await queryPartition<LeaseItem>(rt.ddb, rt.config.tables.streams, partition(consumerArn), undefined);
  await deleteAll(rt.ddb, rt.config.tables.streams, items.map((l) => ({ pk: l.pk, sk: l.sk })));
}
