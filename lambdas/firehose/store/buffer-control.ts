/**
 * One control item per delivery stream (`<id>`, sk `control`): when the pending timed flush is due,
 * and the lease of a running flush.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { tryUpdate } from '../../runtime/conditional-writes';
import type { Runtime } from '../../runtime/context';

const control = (id: string) => ({ pk: id, sk: 'control' });

/** Claims the pending timed flush slot; false when one is already due (and not stale). */
export function claimTimedFlush(rt: Runtime, id: string, due: number, staleBefore: number): Promise<boolean> {
  return tryUpdate(
    rt.ddb,
    new UpdateCommand({
      TableName: rt.config.tables.buffers,
      Key: control(id),
      UpdateExpression: 'SET due = :due',
      ConditionExpression: 'attribute_not_exists(due) OR due < :stale',
      ExpressionAttributeValues: { ':due': due, ':stale': staleBefore },
    }),
  );
}

export async function clearTimedFlush(rt: Runtime, id: string): Promise<void> {
  await rt.ddb.send(new UpdateCommand({ TableName: rt.config.tables.buffers, Key: control(id), UpdateExpression: 'REMOVE due' }));
}

/** One flush at a time per delivery stream: a lease that expires if its holder dies. */
export function acquireFlushLease(rt: Runtime, id: string, holder: string, until: number): Promise<boolean> {
  return tryUpdate(
    rt.ddb,
    new UpdateCommand({
      TableName: rt.config.tables.buffers,
      Key: control(id),
      UpdateExpression: 'SET lease = :until, holder = :holder',
      ConditionExpression: 'attribute_not_exists(lease) OR lease < :now OR holder = :holder',
      ExpressionAttributeValues: { ':until': until, ':holder': holder, ':now': rt.clock() },
    }),
  );
}

export async function releaseFlushLease(rt: Runtime, id: string, holder: string): Promise<void> {
  await tryUpdate(
    rt.ddb,
    new UpdateCommand({
      TableName: rt.config.tables.buffers,
      Key: control(id),
      UpdateExpression: 'REMOVE lease, holder',
      ConditionExpression: 'holder = :holder',
      ExpressionAttributeValues: { ':holder': holder },
    }),
  );
}
