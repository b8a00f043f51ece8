import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { MinimumThroughputBillingCommitmentOutput } from '@aws-sdk/client-kinesis';
import type { ActionContext } from '../../runtime/context';

/** Per account and region, beside (not among) the stream items. */
const key = (ctx: ActionContext) => ({ pk: '#account', sk: `${ctx.account}#${ctx.region}` });

export interface AccountSettings {
  commitment?: { status: 'ENABLED' | 'DISABLED' | 'ENABLED_UNTIL_EARLIEST_ALLOWED_END'; startedAt?: number; endedAt?: number; earliestAllowedEndAt?: number };
}

export async function getAccountSettings(ctx: ActionContext): Promise<AccountSettings> {
  const res = await ctx.ddb.send(new GetCommand({ TableName: ctx.config.tables.streams, Key: key(ctx), ConsistentRead: true }));
  return (res.Item?.settings as AccountSettings | undefined) ?? {};
}

export async function putAccountSettings(ctx: ActionContext, settings: AccountSettings): Promise<void> {
  await ctx.ddb.send(new PutCommand({ TableName: ctx.config.tables.streams, Item: { ...key(ctx), settings } }));
}

export function describeCommitment(settings: AccountSettings, now: number): MinimumThroughputBillingCommitmentOutput | undefined {
  const c = settings.commitment;
  if (!c) return undefined;
  // A commitment asked to end early runs until its earliest allowed end, then reads as DISABLED.
  const status = c.status === 'ENABLED_UNTIL_EARLIEST_ALLOWED_END' && c.earliestAllowedEndAt !== undefined && now >= c.earliestAllowedEndAt ? 'DISABLED' : c.status;
  return {
    Status: status,
    ...(c.startedAt !== undefined ? { StartedAt: new Date(c.startedAt) } : {}),
    ...(c.endedAt !== undefined ? { EndedAt: new Date(c.endedAt) } : {}),
    ...(c.earliestAllowedEndAt !== undefined ? { EarliestAllowedEndAt: new Date(c.earliestAllowedEndAt) } : {}),
  };
}

export function commitmentActive(settings: AccountSettings, now: number): boolean {
  const status = describeCommitment(settings, now)?.Status;
  return status === 'ENABLED' || status === 'ENABLED_UNTIL_EARLIEST_ALLOWED_END';
}
