/** Where a delivery stream with a Kinesis source keeps its place in each shard (`<id>`, sk `cp#<shard>`). */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { CheckpointStore, ShardCheckpoint } from '../../kinesis/reader';
import type { Runtime } from '../../runtime/context';

export function sourceCheckpoints(rt: Runtime, deliveryStreamId: string): CheckpointStore {
  const key = (shard: number) => ({ pk: deliveryStreamId, sk: `cp#${shard}` });
  return {
    async load(shard) {
      const res = await rt.ddb.send(new GetCommand({ TableName: rt.config.tables.buffers, Key: key(shard), ConsistentRead: true }));
      return res.Item ? { after: res.Item.after as number, ...(res.Item.done ? { done: true as const } : {}) } : undefined;
    },
    async save(shard, checkpoint: ShardCheckpoint) {
      await rt.ddb.send(new PutCommand({ TableName: rt.config.tables.buffers, Item: { ...key(shard), ...checkpoint } }));
    },
  };
}
