/**
 * Credentials Runnel issues itself: access key id → secret and account. SigV4 requests are verified
 * against this table in the cloud (see protocol/auth.ts).
 */
import { randomBytes } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AccessKey, AccessKeyLookup } from '../protocol/auth';

/** Looks keys up with a one-minute cache: a revoked key may work for up to a minute more. */
export function accessKeyLookup(ddb: DynamoDBDocumentClient, table: string, clock: () => number): AccessKeyLookup {
  const cache = new Map<string, { key: AccessKey | undefined; at: number }>();
  return async (accessKeyId) => {
    const hit = cache.get(accessKeyId);
    if (hit && clock() - hit.at < 60_000) return hit.key;
    const res = await ddb.send(new GetCommand({ TableName: table, Key: { pk: accessKeyId } }));
    const key = res.Item ? { secretAccessKey: res.Item.secretAccessKey as string, account: res.Item.account as string } : undefined;
    cache.set(accessKeyId, { key, at: clock() });
    return key;
  };
}

/** Creates a key pair for `account`. */
export async function issueAccessKey(ddb: DynamoDBDocumentClient, table: string, account: string, now: number): Promise<{ accessKeyId: string; secretAccessKey: string }> {
  const accessKeyId = 'RNL' + randomBytes(10).toString('hex').toUpperCase().slice(0, 17);
  const secretAccessKey = randomBytes(30).toString('base64').replace(/[+/=]/g, '').slice(0, 40);
  await ddb.send(new PutCommand({ TableName: table, Item: { pk: accessKeyId, secretAccessKey, account, createdAt: now }, ConditionExpression: 'attribute_not_exists(pk)' }));
  return { accessKeyId, secretAccessKey };
}
