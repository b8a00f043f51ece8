/** Reads and writes of the streams table. */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { queryPartition } from '../../runtime/bulk';
import { deleteWhere, putIfAbsent, tryUpdate, updateWhere } from '../../runtime/conditional-writes';
import { InvalidArgumentException, ResourceInUseException, ResourceNotFoundException } from '../../protocol/errors';
import type { ActionContext, Runtime } from '../../runtime/context';
import { type StreamItem, type StreamStatus } from '../domain/stream';
import { kinesisMessages } from '../domain/messages';
import { accountPartition } from '../../runtime/tables';

export interface StreamRef {
  StreamName?: string;
  StreamARN?: string;
}

export interface ResolvedRef {
  account: string;
  region: string;
  name: string;
  /** How AWS names the stream in messages: the ARN when the caller gave one. */
  label: string;
}

const ARN = /^arn:aws[^:]*:kinesis:([^:]+):(\d{12}):stream\/([a-zA-Z0-9_.-]+)$/;

/** Account, region and name of a stream ARN; undefined for anything else. */
export function parseStreamArn(arn: string): Omit<ResolvedRef, 'label'> | undefined {
  const m = ARN.exec(arn);
  return m ? { region: m[1], account: m[2], name: m[3] } : undefined;
}

export function resolveRef(ctx: ActionContext, ref: StreamRef): ResolvedRef {
  if (ref.StreamARN) {
    const parsed = parseStreamArn(ref.StreamARN);
    if (!parsed) throw new InvalidArgumentException(`StreamARN ${ref.StreamARN} is invalid.`);
    const { region, account, name } = parsed;
    if (ref.StreamName && ref.StreamName !== name) {
      throw new InvalidArgumentException(`StreamARN ${ref.StreamARN} and StreamName ${ref.StreamName} refer to different streams.`);
    }
    return { account, region, name, label: ref.StreamARN };
  }
  if (!ref.StreamName) throw new InvalidArgumentException('Either StreamName or StreamARN must be provided.');
  return { account: ctx.account, region: ctx.region, name: ref.StreamName, label: ref.StreamName };
}

export function notFound(ref: ResolvedRef): ResourceNotFoundException {
  return new ResourceNotFoundException(kinesisMessages.streamNotFound(ref.label, ref.account));
}

export function getStreamItem(rt: Pick<Runtime, 'ddb' | 'config'>, ref: Omit<ResolvedRef, 'label'>): Promise<StreamItem | undefined> {
  return streamByKey(rt, { pk: accountPartition(ref.account, ref.region), sk: ref.name });
}

/** The stream item at a key, read consistently. */
export async function streamByKey(rt: Pick<Runtime, 'ddb' | 'config'>, key: { pk: string; sk: string }): Promise<StreamItem | undefined> {
  const res = await rt.ddb.send(new GetCommand({ TableName: rt.config.tables.streams, Key: key, ConsistentRead: true }));
  return res.Item as StreamItem | undefined;
}

/**
 * The stream a request names. Data-plane calls pass `readable` so a CREATING stream reads as
 * missing, which is what AWS answers before the stream is ACTIVE.
 */
export async function loadStream(ctx: ActionContext, input: StreamRef, opts: { readable?: boolean } = {}): Promise<{ stream: StreamItem; ref: ResolvedRef }> {
  const ref = resolveRef(ctx, input);
  const stream = await getStreamItem(ctx, ref);
  if (!stream || (opts.readable && stream.status === 'CREATING')) throw notFound(ref);
  return { stream, ref };
}

/**
 * Data-plane calls read the stream item on every request; a one-second cache per runtime saves
 * that read for busy producers and consumers. Staleness is safe: a write routed with an old shard
 * map hits a closed shard head and is re-routed after a fresh read (put-batch.ts), and readers
 * check the stream id their iterator names.
 */
export const DATA_PLANE_CACHE_MS = 1000;
const dataPlaneCache = new WeakMap<object, Map<string, { stream: StreamItem; at: number }>>();

export async function loadStreamForData(ctx: ActionContext, input: StreamRef): Promise<{ stream: StreamItem; ref: ResolvedRef }> {
  const ref = resolveRef(ctx, input);
  let cache = dataPlaneCache.get(ctx.ddb);
  if (!cache) dataPlaneCache.set(ctx.ddb, (cache = new Map()));
  const key = `${ref.account}#${ref.region}#${ref.name}`;
  const hit = cache.get(key);
  const now = ctx.clock();
  if (hit && now - hit.at < DATA_PLANE_CACHE_MS) return { stream: hit.stream, ref };
  const stream = await getStreamItem(ctx, ref);
  if (!stream || stream.status === 'CREATING') {
    cache.delete(key);
    throw notFound(ref);
  }
  cache.set(key, { stream, at: now });
  return { stream, ref };
}

export function requireActive(stream: StreamItem, ref: ResolvedRef): void {
  if (stream.status !== 'ACTIVE') {
    throw new ResourceInUseException(kinesisMessages.streamNotActive(stream.name, ref.account, stream.status));
  }
}

export function insertStream(ctx: ActionContext, item: StreamItem): Promise<boolean> {
  return putIfAbsent(ctx.ddb, ctx.config.tables.streams, item as unknown as Record<string, unknown>);
}

/**
 * Applies `changes` to a stream item only while it is still the same stream (same id) and, when
 * given, in one of `statuses`. Returns false when the condition no longer holds.
 */
export function updateStream(
  ctx: Pick<ActionContext, 'ddb' | 'config'>,
  stream: Pick<StreamItem, 'pk' | 'sk' | 'streamId'>,
  changes: Partial<StreamItem>,
  statuses?: StreamStatus[],
): Promise<boolean> {
  return updateWhere(ctx.ddb, ctx.config.tables.streams, { pk: stream.pk, sk: stream.sk }, changes, { streamId: stream.streamId, ...(statuses ? { status: statuses } : {}) });
}

export async function removeStream(ctx: Pick<ActionContext, 'ddb' | 'config'>, stream: Pick<StreamItem, 'pk' | 'sk' | 'streamId'>): Promise<void> {
  await deleteWhere(ctx.ddb, ctx.config.tables.streams, { pk: stream.pk, sk: stream.sk }, 'streamId', stream.streamId);
}

/** Streams of one account and region in name order, starting after `after`. */
export function listStreamItems(ctx: ActionContext, after: string | undefined, limit: number): Promise<{ items: StreamItem[]; more: boolean }> {
  return queryPartition<StreamItem>(ctx.ddb, ctx.config.tables.streams, accountPartition(ctx.account, ctx.region), after, limit);
}

/**
 * Open shards of the provisioned streams of the caller's account and region (the shard limit
 * applies to those), and how many on-demand streams there are (they have a limit of their own).
 */
export async function countOpenShards(ctx: ActionContext): Promise<{ open: number; onDemandStreams: number }> {
  let open = 0;
  let onDemandStreams = 0;
  let after: string | undefined;
  for (;;) {
    const page = await listStreamItems(ctx, after, 100);
    for (const s of page.items) {
      if (s.mode === 'ON_DEMAND') onDemandStreams++;
      else open += s.shards.filter((sh) => sh.endCounter === undefined).length;
    }
    if (!page.more) return { open, onDemandStreams };
    after = page.items[page.items.length - 1].sk;
  }
}

/** Adds `workflows` to the schedules the stream's next write turns on (a string set: concurrent adds merge). */
export function addWakeOnWrite(rt: Pick<Runtime, 'ddb' | 'config'>, stream: Pick<StreamItem, 'pk' | 'sk' | 'streamId'>, workflows: string[]): Promise<boolean> {
  return changeWakeOnWrite(rt, stream, 'ADD', workflows);
}

/** Removes only `workflows` (those just turned on): a name added meanwhile stays for the next write. */
export function removeWakeOnWrite(rt: Pick<Runtime, 'ddb' | 'config'>, stream: Pick<StreamItem, 'pk' | 'sk' | 'streamId'>, workflows: string[]): Promise<boolean> {
  return changeWakeOnWrite(rt, stream, 'DELETE', workflows);
}

function changeWakeOnWrite(rt: Pick<Runtime, 'ddb' | 'config'>, stream: Pick<StreamItem, 'pk' | 'sk' | 'streamId'>, op: 'ADD' | 'DELETE', workflows: string[]): Promise<boolean> {
  return tryUpdate(
    rt.ddb,
    new UpdateCommand({
      TableName: rt.config.tables.streams,
      Key: { pk: stream.pk, sk: stream.sk },
      UpdateExpression: `${op} wakeOnWrite :w`,
      ConditionExpression: op === 'ADD' ? 'streamId = :id' : 'streamId = :id AND attribute_exists(wakeOnWrite)',
      ExpressionAttributeValues: { ':w': new Set(workflows), ':id': stream.streamId },
    }),
  );
}
