/** Reads and writes of the delivery-streams table. */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { queryPartition, scanAll } from '../../runtime/bulk';
import { deleteWhere, putIfAbsent, updateWhere } from '../../runtime/conditional-writes';
import { ResourceNotFoundException } from '../../protocol/errors';
import type { ActionContext, Runtime } from '../../runtime/context';
import type { DeliveryStreamItem, DeliveryStreamStatus } from '../domain/delivery-stream';
import { firehoseMessages } from '../domain/messages';
import { accountPartition } from '../../runtime/tables';


export function notFound(ctx: ActionContext, name: string): ResourceNotFoundException {
  return new ResourceNotFoundException(firehoseMessages.notFound(name, ctx.account));
}

async function byKey(rt: Runtime, key: { pk: string; sk: string }): Promise<DeliveryStreamItem | undefined> {
  const res = await rt.ddb.send(new GetCommand({ TableName: rt.config.tables.deliveryStreams, Key: key, ConsistentRead: true }));
  return res.Item as DeliveryStreamItem | undefined;
}

export async function loadDeliveryStream(ctx: ActionContext, name: string): Promise<DeliveryStreamItem> {
  const item = await byKey(ctx, { pk: accountPartition(ctx.account, ctx.region), sk: name });
  if (!item) throw notFound(ctx, name);
  return item;
}

/** The item a workflow task works on, if it is still the same delivery stream. */
export async function currentDeliveryStream(rt: Runtime, ref: { pk: string; sk: string; id: string }): Promise<DeliveryStreamItem | undefined> {
  const item = await byKey(rt, { pk: ref.pk, sk: ref.sk });
  return item?.id === ref.id ? item : undefined;
}

export function insertDeliveryStream(ctx: ActionContext, item: DeliveryStreamItem): Promise<boolean> {
  return putIfAbsent(ctx.ddb, ctx.config.tables.deliveryStreams, item as unknown as Record<string, unknown>);
}

/** Sets fields while the item is the same delivery stream and, if given, at `versionId` and in `statuses`. */
export function updateDeliveryStream(
  rt: Runtime,
  item: Pick<DeliveryStreamItem, 'pk' | 'sk' | 'id'>,
  changes: Partial<DeliveryStreamItem>,
  guard: { statuses?: DeliveryStreamStatus[]; versionId?: number } = {},
): Promise<boolean> {
  return updateWhere(rt.ddb, rt.config.tables.deliveryStreams, { pk: item.pk, sk: item.sk }, changes, {
    id: item.id,
    ...(guard.statuses ? { status: guard.statuses } : {}),
    ...(guard.versionId !== undefined ? { versionId: guard.versionId } : {}),
  });
}

export async function removeDeliveryStream(rt: Runtime, item: Pick<DeliveryStreamItem, 'pk' | 'sk' | 'id'>): Promise<void> {
  await deleteWhere(rt.ddb, rt.config.tables.deliveryStreams, { pk: item.pk, sk: item.sk }, 'id', item.id);
}

export async function listDeliveryStreamItems(ctx: ActionContext, after: string | undefined): Promise<DeliveryStreamItem[]> {
  return (await queryPartition<DeliveryStreamItem>(ctx.ddb, ctx.config.tables.deliveryStreams, accountPartition(ctx.account, ctx.region), after)).items;
}

/** Every ACTIVE delivery stream of every account and region, read consistently (the scheduled tasks' view). */
export async function activeDeliveryStreams(rt: Runtime): Promise<DeliveryStreamItem[]> {
  const items = await scanAll<DeliveryStreamItem>(rt.ddb, { TableName: rt.config.tables.deliveryStreams, ConsistentRead: true });
  return items.filter((d) => d.status === 'ACTIVE');
}
