/**
 * One control item per delivery stream (`<id>`, sk `control`): when the pending timed flush is due,
 * and the leases of a running flush and a running source poll.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { tryUpdate } from '../../runtime/conditional-writes';
import type { Runtime } from '../../runtime/context';

const control = (id: string) => ({ pk: id, sk: 'control' });

/**
 * Claims the pending timed flush slot; false when one is already due (and not stale). A claim
 * that took effect but whose answer was lost is retried (by the SDK) into its own `due`, which
 * counts as claimed: otherwise the slot would stay taken with no flush started, and the buffer
 * would wait for the claim to go stale. Two claims of the same `due` start the same flush
 * execution (it is named by `due`), which runs once.
 */
export function claimTimedFlush(rt: Runtime, id: string, due: number, staleBefore: number): Promise<boolean> {
  return tryUpdate(
    rt.ddb,
    new UpdateCommand({
      TableName: rt.config.tables.buffers,
      Key: control(id),
      UpdateExpression: 'SET due = :due',
      ConditionExpression: 'attribute_not_exists(due) OR due < :stale OR due = :due',
      ExpressionAttributeValues: { ':due': due, ':stale': staleBefore },
    }),
  );
}

export async function clearTimedFlush(rt: Runtime, id: string): Promise<void> {
  await rt.ddb.send(new UpdateCommand({ TableName: rt.config.tables.buffers, Key: control(id), UpdateExpression: 'REMOVE due' }));
}

/**
 * One flush, and one poll of a Kinesis source, at a time per delivery stream: leases that expire
 * if their holder dies.
 */
export type LeaseKind = 'flush' | 'poll';

export function acquireLease(rt: Runtime, id: string, kind: LeaseKind, holder: string, until: number): Promise<boolean> {
  return tryUpdate(
    rt.ddb,
    new UpdateCommand({
      TableName: rt.config.tables.buffers,
      Key: control(id),
      UpdateExpression: 'SET #until = :until, #holder = :holder',
      ConditionExpression: 'attribute_not_exists(#until) OR #until < :now OR #holder = :holder',
      ExpressionAttributeNames: { '#until': `${kind}Lease`, '#holder': `${kind}Holder` },
      ExpressionAttributeValues: { ':until': until, ':holder': holder, ':now': rt.clock() },
    }),
  );
}

export async function releaseLease(rt: Runtime, id: string, kind: LeaseKind, holder: string): Promise<void> {
  await tryUpdate(
    rt.ddb,
    new UpdateCommand({
      TableName: rt.config.tables.buffers,
      Key: control(id),
      UpdateExpression: 'REMOVE #until, #holder',
      ConditionExpression: '#holder = :holder',
      ExpressionAttributeNames: { '#until': `${kind}Lease`, '#holder': `${kind}Holder` },
      ExpressionAttributeValues: { ':holder': holder },
    }),
  );
}
