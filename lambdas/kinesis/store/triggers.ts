/** Lambda triggers' settings and checkpoints, in the triggers table. */
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { queryPartition } from '../../runtime/bulk';
import type { Runtime } from '../../runtime/context';
import type { CheckpointStore, ShardCheckpoint } from '../reader';
import type { Trigger } from '../triggers/trigger';

const SETTINGS = 'trigger';

/** The key of a trigger's settings item. */
export const triggerKey = (id: string) => ({ pk: SETTINGS, sk: id });

/**
 * A trigger's settings item, the one definition of it: putTrigger writes it, listTriggers reads it
 * back, and the RunnelTrigger construct deploys it (marshalled) with a custom resource.
 */
export const triggerItem = (trigger: Trigger) => ({ ...triggerKey(trigger.id), ...trigger });

export async function listTriggers(rt: Pick<Runtime, 'ddb' | 'config'>): Promise<Trigger[]> {
  return (await queryPartition<Trigger & { pk: string; sk: string }>(rt.ddb, rt.config.tables.triggers, SETTINGS, undefined)).items.map(({ pk: _, sk: __, ...t }) => t);
}

export async function putTrigger(rt: Pick<Runtime, 'ddb' | 'config'>, trigger: Trigger): Promise<void> {
  await rt.ddb.send(new PutCommand({ TableName: rt.config.tables.triggers, Item: triggerItem(trigger) }));
}

export async function deleteTrigger(rt: Pick<Runtime, 'ddb' | 'config'>, id: string): Promise<void> {
  await rt.ddb.send(new DeleteCommand({ TableName: rt.config.tables.triggers, Key: triggerKey(id) }));
}

export function triggerCheckpoints(rt: Pick<Runtime, 'ddb' | 'config'>, triggerId: string): CheckpointStore {
  const key = (shard: number) => ({ pk: triggerId, sk: `cp#${shard}` });
  return {
    async load(shard) {
      const res = await rt.ddb.send(new GetCommand({ TableName: rt.config.tables.triggers, Key: key(shard), ConsistentRead: true }));
      return res.Item ? { after: res.Item.after as number, ...(res.Item.done ? { done: true as const } : {}) } : undefined;
    },
    async save(shard, checkpoint: ShardCheckpoint) {
      await rt.ddb.send(new PutCommand({ TableName: rt.config.tables.triggers, Item: { ...key(shard), ...checkpoint } }));
    },
  };
}
