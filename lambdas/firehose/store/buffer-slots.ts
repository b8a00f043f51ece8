/**
 * A delivery stream's buffer is spread over BUFFER_SLOTS partition keys (`<id>#<slot>`), so a hot
 * delivery stream spreads over several DynamoDB partitions. A head item per slot counts buffered
 * bytes; it only triggers size flushes, the record items themselves are the truth.
 */
import { BatchGetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Runtime } from '../../runtime/context';

export const BUFFER_SLOTS = 4;

export const slotKey = (id: string, slot: number) => `${id}#${slot}`;

export const allSlots = () => Array.from({ length: BUFFER_SLOTS }, (_, slot) => slot);

/** A slot picked at random, so writers spread evenly. */
export function pickSlot(rt: Runtime): number {
  return Math.floor(rt.random() * BUFFER_SLOTS);
}

/** Counts bytes just buffered in a slot; returns the slot's count before and after. */
export async function addBufferedBytes(rt: Runtime, id: string, slot: number, bytes: number): Promise<{ before: number; after: number }> {
  const res = await rt.ddb.send(
    new UpdateCommand({
      TableName: rt.config.tables.buffers,
      Key: { pk: slotKey(id, slot), sk: 'head' },
      UpdateExpression: 'ADD bytes :b',
      ExpressionAttributeValues: { ':b': bytes },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  const after = (res.Attributes as { bytes: number }).bytes;
  return { before: after - bytes, after };
}

/** Bytes buffered across all slots, by their counters (eventually consistent: a trigger, not a promise). */
export async function bufferedBytes(rt: Runtime, id: string): Promise<number> {
  const keys = allSlots().map((slot) => ({ pk: slotKey(id, slot), sk: 'head' }));
  const res = await rt.ddb.send(new BatchGetCommand({ RequestItems: { [rt.config.tables.buffers]: { Keys: keys, ProjectionExpression: 'bytes' } } }));
  return (res.Responses?.[rt.config.tables.buffers] ?? []).reduce((n, item) => n + ((item.bytes as number) ?? 0), 0);
}

/** Resets the slot counters; called when the buffer was drained, before checking what arrived meanwhile. */
export async function resetBufferedBytes(rt: Runtime, id: string): Promise<void> {
  await Promise.all(
    allSlots().map((slot) =>
      rt.ddb.send(new UpdateCommand({ TableName: rt.config.tables.buffers, Key: { pk: slotKey(id, slot), sk: 'head' }, UpdateExpression: 'SET bytes = :z', ExpressionAttributeValues: { ':z': 0 } })),
    ),
  );
}
