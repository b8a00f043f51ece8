/**
 * The conditional DynamoDB writes Runnel's stores are built from. A failed condition is an answer
 * (false), not an error: it is how a writer learns it lost a race.
 */
import { DeleteCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

type Key = Record<string, unknown>;

function isConditionFailure(e: unknown): boolean {
  return (e as Error).name === 'ConditionalCheckFailedException';
}

async function conditionally(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

/** Puts an item unless one with its key exists. */
export function putIfAbsent(ddb: DynamoDBDocumentClient, table: string, item: Key): Promise<boolean> {
  return conditionally(ddb.send(new PutCommand({ TableName: table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' })));
}

/**
 * Sets `changes` on an item only while every attribute in `where` has the given value (or, for an
 * array, one of the given values).
 */
export function updateWhere(ddb: DynamoDBDocumentClient, table: string, key: Key, changes: Record<string, unknown>, where: Record<string, unknown>): Promise<boolean> {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets = Object.entries(changes).map(([k, v], i) => {
    names[`#f${i}`] = k;
    values[`:v${i}`] = v;
    return `#f${i} = :v${i}`;
  });
  const conditions = Object.entries(where).map(([k, v], i) => {
    names[`#w${i}`] = k;
    if (!Array.isArray(v)) {
      values[`:w${i}`] = v;
      return `#w${i} = :w${i}`;
    }
    return `#w${i} IN (${v.map((x, j) => ((values[`:w${i}_${j}`] = x), `:w${i}_${j}`)).join(', ')})`;
  });
  return conditionally(
    ddb.send(
      new UpdateCommand({
        TableName: table,
        Key: key,
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: conditions.join(' AND '),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    ),
  );
}

/** Deletes an item only while `attribute` still has `value`. */
export function deleteWhere(ddb: DynamoDBDocumentClient, table: string, key: Key, attribute: string, value: unknown): Promise<boolean> {
  return conditionally(
    ddb.send(new DeleteCommand({ TableName: table, Key: key, ConditionExpression: '#a = :v', ExpressionAttributeNames: { '#a': attribute }, ExpressionAttributeValues: { ':v': value } })),
  );
}

/** Runs an update whose condition may fail; false when it did. */
export function tryUpdate(ddb: DynamoDBDocumentClient, command: UpdateCommand): Promise<boolean> {
  return conditionally(ddb.send(command));
}
