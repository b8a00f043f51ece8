import type { GetRecordsInput, GetRecordsOutput } from '@aws-sdk/client-kinesis';
import { ResourceNotFoundException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { shardIdOf } from '../domain/shard-id';
import { childShards, describeRecord } from '../domain/shard-view';
import { decodeIterator, encodeIterator, type IteratorState } from '../domain/shard-iterator';
import { recordSize } from '../domain/record-size';
import { retentionCutoff } from '../domain/retention';
import { admitRead, chargeRead } from '../operations/read-quota';
import { iteratorKey } from '../store/iterator-key';
import { readShard } from '../store/shard-reader';
import { shardKey, type StreamItem } from '../domain/stream';
import { getStreamItem, loadStreamForData } from '../store/streams';
import { kinesisMessages } from '../domain/messages';

const MAX_LIMIT = 10_000;

export async function getRecords(input: GetRecordsInput, ctx: ActionContext): Promise<GetRecordsOutput> {
  const signingKey = await iteratorKey(ctx);
  const now = ctx.clock();
  const it = decodeIterator(input.ShardIterator!, signingKey, now);
  let stream = await streamOf(ctx, it);
  let shard = stream?.shards.find((s) => s.index === it.shardIndex);
  if (!stream || !shard) {
    throw new ResourceNotFoundException(kinesisMessages.shardDoesNotExist(shardIdOf(it.shardIndex), it.streamName, it.account));
  }
  const key = shardKey(stream.streamId, shard.index);
  admitRead(ctx, key, it.readyAt, { shardId: shardIdOf(shard.index), stream: stream.name, account: it.account });
  const read = await readShard(ctx, {
    key,
    after: it.after,
    limit: Math.min(input.Limit ?? MAX_LIMIT, MAX_LIMIT),
    trimBefore: retentionCutoff(now, stream.retentionHours),
    gap: it.gap,
  });
  const readyAt = chargeRead(ctx, key, read.records.reduce((n, r) => n + recordSize(r), 0));
  if (read.shardEnded && shard.endCounter === undefined) {
    // The cached shard map predates the reshard that closed this shard: its children are in a fresh one.
    stream = (await freshStream(ctx, it)) ?? stream;
    shard = stream.shards.find((s) => s.index === it.shardIndex) ?? shard;
  }
  const atEnd = shard.endCounter !== undefined && read.after >= shard.endCounter && !read.gap;
  return {
    Records: read.records.map((r) => describeRecord(shard, r)),
    MillisBehindLatest: read.behindSince === undefined ? 0 : Math.max(0, now - read.behindSince),
    ...(atEnd
      ? { ChildShards: childShards(stream, shard.index) }
      : { NextShardIterator: encodeIterator({ ...it, after: read.after, issuedAt: now, gap: read.gap, readyAt }, signingKey) }),
  };
}

/**
 * The stream the iterator was issued for: the cached item when it is that stream and already knows
 * the shard (a child shard may be newer than the cache), else a fresh read.
 */
async function streamOf(ctx: ActionContext, it: IteratorState): Promise<StreamItem | undefined> {
  const scope = { ...ctx, account: it.account, region: it.region };
  const cached = await loadStreamForData(scope, { StreamName: it.streamName }).then((r) => r.stream, () => undefined);
  if (cached?.streamId === it.streamId && cached.shards.some((s) => s.index === it.shardIndex)) return cached;
  return freshStream(ctx, it);
}

async function freshStream(ctx: ActionContext, it: IteratorState): Promise<StreamItem | undefined> {
  const fresh = await getStreamItem(ctx, { account: it.account, region: it.region, name: it.streamName });
  return fresh?.streamId === it.streamId ? fresh : undefined;
}
