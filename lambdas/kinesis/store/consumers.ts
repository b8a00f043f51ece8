/**
 * Consumer items, kept in the streams table beside (not among) the stream items: one partition per
 * stream incarnation (pk `#consumers#<stream id>`, sk = consumer name), so listing a stream's
 * consumers in name order is one query and a re-created stream starts with none.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { deleteAll, queryPartition } from '../../runtime/bulk';
import { deleteWhere, putIfAbsent, updateWhere } from '../../runtime/conditional-writes';
import type { Runtime } from '../../runtime/context';
import type { ConsumerItem, ConsumerStatus } from '../domain/consumer';

type Store = Pick<Runtime, 'ddb' | 'config'>;

export function consumersPartition(streamId: string): string {
  return `#consumers#${streamId}`;
}

export async function getConsumer(rt: Store, streamId: string, name: string): Promise<ConsumerItem | undefined> {
  const res = await rt.ddb.send(new GetCommand({ TableName: rt.config.tables.streams, Key: { pk: consumersPartition(streamId), sk: name }, ConsistentRead: true }));
  return res.Item as ConsumerItem | undefined;
}

/** A stream's consumers in name order after `after`; `more` when more than `limit` follow. */
export function listConsumers(rt: Store, streamId: string, after?: string, limit?: number): Promise<{ items: ConsumerItem[]; more: boolean }> {
  return queryPartition<ConsumerItem>(rt.ddb, rt.config.tables.streams, consumersPartition(streamId), after, limit);
}

export async function countConsumers(rt: Store, streamId: string): Promise<number> {
  const res = await rt.ddb.send(
    new QueryCommand({ TableName: rt.config.tables.streams, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': consumersPartition(streamId) }, Select: 'COUNT' }),
  );
  return res.Count ?? 0;
}

export function insertConsumer(rt: Store, item: ConsumerItem): Promise<boolean> {
  return putIfAbsent(rt.ddb, rt.config.tables.streams, item as unknown as Record<string, unknown>);
}

/** Applies `changes` while the item is still this consumer (same ARN) and, when given, in one of `statuses`. */
export function updateConsumer(rt: Store, consumer: Pick<ConsumerItem, 'pk' | 'sk' | 'arn'>, changes: Partial<ConsumerItem>, statuses?: ConsumerStatus[]): Promise<boolean> {
  return updateWhere(rt.ddb, rt.config.tables.streams, { pk: consumer.pk, sk: consumer.sk }, changes, { arn: consumer.arn, ...(statuses ? { status: statuses } : {}) });
}

export function removeConsumer(rt: Store, consumer: Pick<ConsumerItem, 'pk' | 'sk' | 'arn'>): Promise<boolean> {
  return deleteWhere(rt.ddb, rt.config.tables.streams, { pk: consumer.pk, sk: consumer.sk }, 'arn', consumer.arn);
}

/** Removes every consumer of a stream incarnation (a stream deleted with EnforceConsumerDeletion). */
export async function removeAllConsumers(rt: Store, streamId: string): Promise<ConsumerItem[]> {
  const { items } = await listConsumers(rt, streamId);
  await deleteAll(rt.ddb, rt.config.tables.streams, items.map((c) => ({ pk: c.pk, sk: c.sk })));
  return items;
}
