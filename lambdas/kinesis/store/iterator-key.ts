import { randomBytes } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Runtime } from '../../runtime/context';

/** The HMAC key that signs shard iterators: random, created once per deployment, kept in the streams table. */
const KEY = { pk: '#runnel', sk: 'iterator-key' };
const cache = new WeakMap<object, Promise<Buffer>>();

export function iteratorKey(rt: Runtime): Promise<Buffer> {
  let key = cache.get(rt.ddb);
  if (!key) {
    key = loadOrCreate(rt);
    key.catch(() => cache.delete(rt.ddb));
    cache.set(rt.ddb, key);
  }
  return key;
}

async function loadOrCreate(rt: Runtime): Promise<Buffer> {
  const table = rt.config.tables.streams;
  const existing = await rt.ddb.send(new GetCommand({ TableName: table, Key: KEY, ConsistentRead: true }));
  if (existing.Item) return Buffer.from(existing.Item.secret as Uint8Array);
  try {
    await rt.ddb.send(new PutCommand({ TableName: table, Item: { ...KEY, secret: randomBytes(32) }, ConditionExpression: 'attribute_not_exists(pk)' }));
  } catch (e) {
    if ((e as Error).name !== 'ConditionalCheckFailedException') throw e;
  }
  const stored = await rt.ddb.send(new GetCommand({ TableName: table, Key: KEY, ConsistentRead: true }));
  return Buffer.from(stored.Item!.secret as Uint8Array);
}
