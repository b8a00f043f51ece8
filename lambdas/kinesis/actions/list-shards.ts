import type { ListShardsInput, ListShardsOutput, ShardFilter } from '@aws-sdk/client-kinesis';
import { InvalidArgumentException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { openPageToken, pageToken } from '../domain/page-token';
import { retentionCutoff } from '../domain/retention';
import { parseShardId } from '../domain/shard-id';
import { describeShard, visibleShards } from '../domain/shard-view';
import type { ShardRecord, StreamItem } from '../domain/stream';
import { loadStream } from '../store/streams';

const MAX_RESULTS = 1000;

interface Position {
  StreamName?: string;
  StreamARN?: string;
  after: number;
  filter?: { Type: string; ShardId?: string; Timestamp?: number };
}

export async function listShards(input: ListShardsInput, ctx: ActionContext): Promise<ListShardsOutput> {
  let position: Position;
  if (input.NextToken) {
    if (input.StreamName) throw new InvalidArgumentException('NextToken and StreamName cannot be provided together.');
    if (input.ExclusiveStartShardId) throw new InvalidArgumentException('NextToken and ExclusiveStartShardId cannot be provided together.');
    if (input.StreamCreationTimestamp) throw new InvalidArgumentException('NextToken and StreamCreationTimestamp cannot be provided together.');
    position = openPageToken<Position>(input.NextToken, ctx.clock());
  } else {
    if (!input.StreamName && !input.StreamARN) throw new InvalidArgumentException('Either NextToken or StreamName should be provided.');
    const f = input.ShardFilter;
    position = {
      StreamName: input.StreamName,
      StreamARN: input.StreamARN,
      after: input.ExclusiveStartShardId === undefined ? -1 : parseShardId(input.ExclusiveStartShardId) ?? -1,
      ...(f ? { filter: { Type: f.Type!, ShardId: f.ShardId, Timestamp: f.Timestamp?.getTime() } } : {}),
    };
  }
  const { stream } = await loadStream(ctx, position);
  const limit = Math.min(input.MaxResults ?? MAX_RESULTS, MAX_RESULTS);
  const shards = stream.status === 'CREATING' ? [] : applyFilter(stream, position.filter, ctx.clock()).filter((s) => s.index > position.after);
  const page = shards.slice(0, limit);
  return {
    Shards: page.map((s) => describeShard(s)),
    ...(shards.length > limit ? { NextToken: pageToken<Position>({ ...position, after: page[page.length - 1].index }, ctx.clock()) } : {}),
  };
}

function applyFilter(stream: StreamItem, filter: Position['filter'], now: number): ShardRecord[] {
  const shards = visibleShards(stream, now);
  const trimHorizon = Math.max(retentionCutoff(now, stream.retentionHours), stream.createdAt);
  const openAt = (t: number) => shards.filter((s) => s.createdAt <= t && (s.closedAt === undefined || s.closedAt > t));
  const needTimestamp = () => {
    if (filter?.Timestamp === undefined) throw new InvalidArgumentException(`Timestamp must be specified for ${filter?.Type} ShardFilter type.`);
    return Math.max(filter.Timestamp, trimHorizon);
  };
  switch (filter?.Type as ShardFilter['Type'] | undefined) {
    case undefined:
    case 'FROM_TRIM_HORIZON':
      return shards;
    case 'AFTER_SHARD_ID': {
      const after = filter!.ShardId === undefined ? undefined : parseShardId(filter!.ShardId);
      if (after === undefined) throw new InvalidArgumentException('ShardId must be specified for AFTER_SHARD_ID ShardFilter type.');
      return shards.filter((s) => s.index > after);
    }
    case 'AT_TRIM_HORIZON':
      return openAt(trimHorizon);
    case 'AT_LATEST':
      return shards.filter((s) => s.closedAt === undefined);
    case 'AT_TIMESTAMP':
      return openAt(needTimestamp());
    case 'FROM_TIMESTAMP': {
      const t = needTimestamp();
      return shards.filter((s) => s.closedAt === undefined || s.closedAt >= t);
    }
  }
  return shards;
}
