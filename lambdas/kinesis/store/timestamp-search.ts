import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Runtime } from '../../runtime/context';

/** First segment at or after `since` (epoch ms), for AT_TIMESTAMP iterators: the counter before it. */
export async function counterBeforeTime(rt: Runtime, key: string, since: number): Promise<number | undefined> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const res = await rt.ddb.send(
      new QueryCommand({
        TableName: rt.config.tables.shards,
        KeyConditionExpression: 'pk = :pk AND sk >= :one',
        FilterExpression: 't >= :since AND attribute_not_exists(#void)',
        ExpressionAttributeNames: { '#void': 'void' },
        ExpressionAttributeValues: { ':pk': key, ':one': 1, ':since': since },
        ProjectionExpression: 'sk',
        ExclusiveStartKey: startKey,
      }),
    );
    const first = res.Items?.[0] as { sk: number } | undefined;
    if (first) return first.sk - 1;
    startKey = res.LastEvaluatedKey;
  } while (startKey);
  return undefined;
}
