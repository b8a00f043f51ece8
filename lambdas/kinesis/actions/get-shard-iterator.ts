import type { GetShardIteratorInput, GetShardIteratorOutput } from '@aws-sdk/client-kinesis';
import { InvalidArgumentException, ResourceNotFoundException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { decodeSequenceNumber, streamTag } from '../domain/sequence-number';
import { parseShardId, shardIdOf } from '../domain/shard-id';
import { encodeIterator } from '../domain/shard-iterator';
import { admitIteratorRequest } from '../operations/read-quota';
import { iteratorKey } from '../store/iterator-key';
import { getHead } from '../store/shard-head';
import { counterBeforeTime } from '../store/timestamp-search';
import { shardKey, type ShardRecord } from '../domain/stream';
import { loadStream } from '../store/streams';
import { kinesisMessages } from '../domain/messages';

export async function getShardIterator(input: GetShardIteratorInput, ctx: ActionContext): Promise<GetShardIteratorOutput> {
  const { stream, ref } = await loadStream(ctx, input, { readable: true });
  const type = input.ShardIteratorType!;
  const index = parseShardId(input.ShardId!);
  const shard = index === undefined ? undefined : stream.shards.find((s) => s.index === index);
  const shardName = index === undefined ? input.ShardId : shardIdOf(index);
  if (!shard) throw new ResourceNotFoundException(kinesisMessages.shardDoesNotExist(shardName!, stream.name, ref.account));

  const bySequence = type === 'AT_SEQUENCE_NUMBER' || type === 'AFTER_SEQUENCE_NUMBER';
  if (bySequence !== (input.StartingSequenceNumber !== undefined) && (bySequence || type === 'TRIM_HORIZON' || type === 'LATEST')) {
    throw new InvalidArgumentException(
      `Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified ${type} and ${bySequence ? 'no' : 'also a'} StartingSequenceNumber.`,
    );
  }
  const now = ctx.clock();
  const key = shardKey(stream.streamId, shard.index);
  admitIteratorRequest(ctx, key, { shardId: shardIdOf(shard.index), stream: stream.name, account: ref.account });
  let after: number;
  switch (type) {
    case 'TRIM_HORIZON':
      after = shard.startCounter;
      break;
    case 'LATEST':
      after = await tip(ctx, key, shard);
      break;
    case 'AT_TIMESTAMP': {
      if (!input.Timestamp) {
        throw new InvalidArgumentException('Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.');
      }
      const ts = input.Timestamp.getTime();
      if (ts > now) {
        throw new InvalidArgumentException(`The timestampInMillis parameter cannot be greater than the currentTimestampInMillis. timestampInMillis: ${ts}, currentTimestampInMillis: ${now}`);
      }
      after = (await counterBeforeTime(ctx, key, ts)) ?? (await tip(ctx, key, shard));
      break;
    }
    default: {
      const seq = input.StartingSequenceNumber!;
      const decoded = decodeSequenceNumber(seq);
      const invalid = kinesisMessages.startingSequenceNumberInvalid(seq, shardIdOf(shard.index), stream.name, ref.account);
      if (!decoded) throw new InvalidArgumentException(`${invalid}.`);
      if (decoded.tag !== streamTag(stream.streamId)) throw new InvalidArgumentException(`${invalid} because it did not come from this stream.`);
      if (decoded.shardIndex !== shard.index) {
        throw new InvalidArgumentException(
          `Invalid StartingSequenceNumber. It encodes ${shardIdOf(decoded.shardIndex)}, while it was used in a call to a shard with ${shardIdOf(shard.index)}`,
        );
      }
      after = Math.max(type === 'AT_SEQUENCE_NUMBER' ? decoded.counter - 1 : decoded.counter, shard.startCounter);
    }
  }
  const iterator = encodeIterator({ account: ref.account, region: ref.region, streamId: stream.streamId, streamName: stream.name, shardIndex: shard.index, after, issuedAt: now }, await iteratorKey(ctx));
  return { ShardIterator: iterator };
}

async function tip(ctx: ActionContext, key: string, shard: ShardRecord): Promise<number> {
  return shard.endCounter ?? (await getHead(ctx, key))?.lastSeq ?? shard.startCounter;
}
