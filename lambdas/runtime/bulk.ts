/** Whole-table scans and batched deletes, paged as DynamoDB requires. */
import { BatchWriteCommand, QueryCommand, ScanCommand, type DynamoDBDocumentClient, type ScanCommandInput } from '@aws-sdk/lib-dynamodb';

/** Every item a scan (with its filter and projection) returns, across all pages. */
export async function scanAll<T>(ddb: DynamoDBDocumentClient, input: Omit<ScanCommandInput, 'ExclusiveStartKey'>): Promise<T[]> {
  const items: T[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await ddb.send(new ScanCommand({ ...input, ExclusiveStartKey: startKey }));
    items.push(...((page.Items ?? []) as T[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/**
 * Items of one partition in sort-key order, after `after` (exclusive), across pages until `limit`
 * items past the first are found: `more` says whether the partition holds more than `limit`.
 */
export async function queryPartition<T>(ddb: DynamoDBDocumentClient, table: string, pk: string, after: string | undefined, limit = Infinity): Promise<{ items: T[]; more: boolean }> {
  const items: T[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const res = await ddb.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: after ? 'pk = :pk AND sk > :after' : 'pk = :pk',
        ExpressionAttributeValues: after ? { ':pk': pk, ':after': after } : { ':pk': pk },
        ...(limit !== Infinity ? { Limit: limit + 1 - items.length } : {}),
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...((res.Items ?? []) as T[]));
    startKey = res.LastEvaluatedKey;
  } while (startKey && items.length <= limit);
  return { items: items.slice(0, limit), more: items.length > limit };
}

/** Deletes items by key, 25 per request, resending what DynamoDB leaves unprocessed. */
export async function deleteAll(ddb: DynamoDBDocumentClient, table: string, keys: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < keys.length; i += 25) {
    let pending = keys.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } }));
    while (pending.length) {
      const res = await ddb.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      pending = (res.UnprocessedItems?.[table] ?? []) as typeof pending;
    }
  }
}
