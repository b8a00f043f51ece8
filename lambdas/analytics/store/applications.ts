/**
 * The applications table's application items: pk = account#region, sk = application name. Every
 * change is conditional on the item's incarnation id, and configuration changes also on the
 * version they were computed from, so concurrent writers cannot overwrite each other.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { queryPartition, scanAll } from '../../runtime/bulk';
import { deleteWhere, putIfAbsent, updateWhere } from '../../runtime/conditional-writes';
import { ResourceNotFoundException, UnsupportedOperationException } from '../../protocol/errors';
import type { ActionContext, Runtime } from '../../runtime/context';
import type { Api, ApplicationItem, ApplicationRef, AppStatus } from '../domain/application';
import { analyticsMessages } from '../domain/messages';
import { accountPartition } from '../../runtime/tables';


async function byKey(rt: Runtime, key: { pk: string; sk: string }): Promise<ApplicationItem | undefined> {
  const res = await rt.ddb.send(new GetCommand({ TableName: rt.config.tables.applications, Key: key, ConsistentRead: true }));
  return res.Item as ApplicationItem | undefined;
}

/** The application `api` may act on: v1 may not touch one v2 created or changed. */
export async function loadApplication(ctx: ActionContext, name: string, api: Api = 'v1'): Promise<ApplicationItem> {
  const item = await byKey(ctx, { pk: accountPartition(ctx.account, ctx.region), sk: name });
  if (!item) throw new ResourceNotFoundException(analyticsMessages.notFound(name, ctx.account));
  if (item.v2 && api === 'v1') throw new UnsupportedOperationException(analyticsMessages.v2Only(name));
  return item;
}

/** The item a workflow task works on, if it is still the same application. */
export async function currentApplication(rt: Runtime, ref: ApplicationRef): Promise<ApplicationItem | undefined> {
  const item = await byKey(rt, { pk: ref.pk, sk: ref.sk });
  return item?.id === ref.id ? item : undefined;
}

export function insertApplication(ctx: ActionContext, item: ApplicationItem): Promise<boolean> {
  return putIfAbsent(ctx.ddb, ctx.config.tables.applications, item as unknown as Record<string, unknown>);
}

/** Sets fields while the item is the same application and, if given, at `versionId` and in `statuses`. */
export function updateApplication(
  rt: Runtime,
  item: ApplicationRef,
  changes: Partial<ApplicationItem>,
  guard: { statuses?: AppStatus[]; versionId?: number } = {},
): Promise<boolean> {
  return updateWhere(rt.ddb, rt.config.tables.applications, { pk: item.pk, sk: item.sk }, changes, {
    id: item.id,
    ...(guard.statuses ? { status: guard.statuses } : {}),
    ...(guard.versionId !== undefined ? { versionId: guard.versionId } : {}),
  });
}

export async function removeApplication(rt: Runtime, item: ApplicationRef): Promise<void> {
  await deleteWhere(rt.ddb, rt.config.tables.applications, { pk: item.pk, sk: item.sk }, 'id', item.id);
}

/** Applications of one account and region in name order, from after `after`. */
export async function listApplicationItems(ctx: ActionContext, after: string | undefined): Promise<ApplicationItem[]> {
  return (await queryPartition<ApplicationItem>(ctx.ddb, ctx.config.tables.applications, accountPartition(ctx.account, ctx.region), after)).items;
}

/** Every RUNNING application of every account (the runner's work list; a scan of a small table). */
export function runningApplications(rt: Runtime): Promise<ApplicationItem[]> {
  return scanAll<ApplicationItem>(rt.ddb, {
    TableName: rt.config.tables.applications,
    FilterExpression: '#s = :running',
    ExpressionAttributeNames: { '#s': 'status' },
    ExpressionAttributeValues: { ':running': 'RUNNING' },
    ConsistentRead: true,
  });
}
