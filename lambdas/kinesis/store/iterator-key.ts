import { randomBytes } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { putIfAbsent } from '../../runtime/conditional-writes';
import type { Runtime } from '../../runtime/context';

/** The AES-256 key that seals shard iterators: random, created once per deployment, kept in the streams table. */
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
  const secret = randomBytes(32);
  if (await putIfAbsent(rt.ddb, table, { ...KEY, secret })) return secret;
  return loadOrCreate(rt); // another instance created it first
}
