/**
 * Credentials Runnel issues itself: access key id → secret and account. SigV4 requests are verified
 * against this table (protocol/auth.ts). Keys are revoked, not deleted, so `runnel keys list`
 * still shows who had access; a revoked key is refused like an unknown one.
 */
import { randomBytes } from 'node:crypto';
import { GetCommand, PutCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AccessKey, AccessKeyLookup } from '../protocol/auth';
import type { SecretBox } from './secret-box';

/**
 * Lookups are cached for at most `ttlMs` (5 s by default), so a revoked key stops working within
 * that time on every process; the cache holds at most `maxEntries` ids (unknown ones included, so
 * a flood of made-up ids costs bounded memory), dropping the oldest first.
 */
export interface LookupCache {
  ttlMs: number;
  maxEntries: number;
}

export const LOOKUP_CACHE: LookupCache = { ttlMs: 5_000, maxEntries: 10_000 };

export interface IssuedKey {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface KeySummary {
  accessKeyId: string;
  account: string;
  createdAt: number;
  revokedAt?: number;
}

export function accessKeyLookup(ddb: DynamoDBDocumentClient, table: string, box: SecretBox, clock: () => number, cache: LookupCache = LOOKUP_CACHE): AccessKeyLookup {
  const entries = new Map<string, { key: AccessKey | undefined; at: number }>();
  return async (accessKeyId) => {
    const hit = entries.get(accessKeyId);
    if (hit && clock() - hit.at < cache.ttlMs) return hit.key;
    const res = await ddb.send(new GetCommand({ TableName: table, Key: { pk: accessKeyId }, ConsistentRead: true }));
    const item = res.Item;
    const secret = item && item.revokedAt === undefined ? box.open(accessKeyId, String(item.secretAccessKey)) : undefined;
    const key = secret === undefined ? undefined : { secretAccessKey: secret, account: String(item!.account) };
    entries.delete(accessKeyId);
    if (entries.size >= cache.maxEntries) entries.delete(entries.keys().next().value!);
    entries.set(accessKeyId, { key, at: clock() });
    return key;
  };
}

/** Creates a key pair for `account`; the secret is stored as `box` seals it. */
export async function issueAccessKey(ddb: DynamoDBDocumentClient, table: string, box: SecretBox, account: string, now: number): Promise<IssuedKey> {
  const accessKeyId = 'RNL' + randomBytes(10).toString('hex').toUpperCase().slice(0, 17);
  const secretAccessKey = randomBytes(30).toString('base64').replace(/[+/=]/g, '').slice(0, 40);
  await ddb.send(
    new PutCommand({ TableName: table, Item: { pk: accessKeyId, secretAccessKey: box.seal(accessKeyId, secretAccessKey), account, createdAt: now }, ConditionExpression: 'attribute_not_exists(pk)' }),
  );
  return { accessKeyId, secretAccessKey };
}

/** Every key ever issued, newest first, without secrets. */
export async function listAccessKeys(ddb: DynamoDBDocumentClient, table: string): Promise<KeySummary[]> {
  const keys: KeySummary[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await ddb.send(new ScanCommand({ TableName: table, ProjectionExpression: 'pk, account, createdAt, revokedAt', ExclusiveStartKey: start }));
    for (const i of page.Items ?? []) keys.push({ accessKeyId: i.pk, account: i.account, createdAt: i.createdAt, ...(i.revokedAt !== undefined ? { revokedAt: i.revokedAt } : {}) });
    start = page.LastEvaluatedKey;
  } while (start);
  return keys.sort((a, b) => b.createdAt - a.createdAt);
}

/** Marks a key revoked; false when there is no such key. Revoking twice keeps the first time. */
export async function revokeAccessKey(ddb: DynamoDBDocumentClient, table: string, accessKeyId: string, now: number): Promise<boolean> {
  try {
    await ddb.send(
      new UpdateCommand({
        TableName: table,
        Key: { pk: accessKeyId },
        UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :now)',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':now': now },
      }),
    );
    return true;
  } catch (e) {
    if ((e as Error).name === 'ConditionalCheckFailedException') return false;
    throw e;
  }
}
