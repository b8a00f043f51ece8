/**
 * After IncreaseStreamRetentionPeriod, data already written must live as long as the new period
 * says: segments get the later TTL, and S3 segment objects move to the prefix whose lifecycle rule
 * keeps them long enough. Done a page at a time by the ExtendRetention workflow.
 */
import { CopyObjectCommand } from '@aws-sdk/client-s3';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Runtime } from '../../runtime/context';
import { expiresAt } from '../domain/retention';
import type { SegmentItem } from '../store/segment-item';
import { segmentObjectPrefix } from '../store/segment-objects';
import { shardKey, type StreamItem } from '../domain/stream';

const PAGE = 200;

export interface ExtensionCursor {
  /** Position in the stream's shard list. */
  shard: number;
  /** Sort key to continue after, within that shard. */
  after: number;
}

type SegmentRef = Pick<SegmentItem, 'pk' | 'sk' | 't' | 'exp' | 'o'>;

export async function extendSegments(rt: Runtime, stream: StreamItem, retentionHours: number, cursor: ExtensionCursor): Promise<{ done: boolean; cursor: ExtensionCursor }> {
  const shard = stream.shards[cursor.shard];
  if (!shard) return { done: true, cursor };
  const res = await rt.ddb.send(
    new QueryCommand({
      TableName: rt.config.tables.shards,
      KeyConditionExpression: 'pk = :pk AND sk > :after',
      FilterExpression: 'attribute_not_exists(#void)',
      ExpressionAttributeNames: { '#void': 'void', '#exp': 'exp' },
      ExpressionAttributeValues: { ':pk': shardKey(stream.streamId, shard.index), ':after': cursor.after },
      ProjectionExpression: 'pk, sk, t, #exp, o',
      Limit: PAGE,
    }),
  );
  const prefix = segmentObjectPrefix(retentionHours);
  const moved = new Map<string, string>();
  for (const seg of (res.Items ?? []) as SegmentRef[]) {
    const exp = expiresAt(seg.t, retentionHours);
    if (exp <= seg.exp) continue;
    let o = seg.o;
    if (o && !o.key.startsWith(prefix)) {
      const target = prefix + o.key.slice(o.key.lastIndexOf('/') + 1);
      if (!moved.has(o.key)) {
        await rt.s3.send(new CopyObjectCommand({ Bucket: rt.config.bucket, CopySource: `${rt.config.bucket}/${o.key}`, Key: target }));
        moved.set(o.key, target);
      }
      o = { ...o, key: moved.get(o.key)! };
    }
    await rt.ddb.send(
      new UpdateCommand({
        TableName: rt.config.tables.shards,
        Key: { pk: seg.pk, sk: seg.sk },
        UpdateExpression: o ? 'SET #exp = :exp, o = :o' : 'SET #exp = :exp',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#exp': 'exp' },
        ExpressionAttributeValues: { ':exp': exp, ...(o ? { ':o': o } : {}) },
      }),
    ).catch((e) => {
      if ((e as Error).name !== 'ConditionalCheckFailedException') throw e; // expired meanwhile
    });
  }
  const last = res.LastEvaluatedKey?.sk as number | undefined;
  const next = last === undefined ? { shard: cursor.shard + 1, after: 0 } : { shard: cursor.shard, after: last };
  return { done: next.shard >= stream.shards.length, cursor: next };
}
