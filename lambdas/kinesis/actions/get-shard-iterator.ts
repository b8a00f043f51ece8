import type { GetShardIteratorInput, GetShardIteratorOutput } from '@aws-sdk/client-kinesis';
import { ResourceNotFoundException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { shardIdOf } from '../domain/shard-id';
import { encodeIterator } from '../domain/shard-iterator';
import { requireShardIndex } from '../domain/shard-lookup';
import { kinesisMessages } from '../domain/messages';
import { shardKey } from '../domain/stream';
import { iteratorStart, startingCounter } from '../operations/iterator-start';
import { admitIteratorRequest } from '../operations/read-quota';
import { iteratorKey } from '../store/iterator-key';
import { loadStream, resolveRef } from '../store/streams';

export async function getShardIterator(input: GetShardIteratorInput, ctx: ActionContext): Promise<GetShardIteratorOutput> {
  const named = resolveRef(ctx, input);
  const index = requireShardIndex(input.ShardId!, named);
  // AWS names the shard, not the stream, when either is missing.
  const missing = () => new ResourceNotFoundException(kinesisMessages.shardDoesNotExist(shardIdOf(index), named.label, named.account));
  const { stream, ref } = await loadStream(ctx, input, { readable: true }).catch((e) => {
    throw e instanceof ResourceNotFoundException ? missing() : e;
  });
  const shard = stream.shards.find((s) => s.index === index);
  if (!shard) throw missing();
  const now = ctx.clock();
  const start = iteratorStart(input, stream, shard, ref.account, now);
  const key = shardKey(stream.streamId, shard.index);
  admitIteratorRequest(ctx, key, { shardId: shardIdOf(shard.index), stream: stream.name, account: ref.account });
  const after = await startingCounter(ctx, key, shard, start);
  const iterator = encodeIterator({ account: ref.account, region: ref.region, streamId: stream.streamId, streamName: stream.name, shardIndex: shard.index, after, issuedAt: now }, await iteratorKey(ctx));
  return { ShardIterator: iterator };
}
