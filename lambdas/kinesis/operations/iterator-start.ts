/**
 * Where a GetShardIterator request (or a SubscribeToShard StartingPosition) asks to start, with
 * every argument check AWS makes. It runs before the request is charged against the shard's
 * iterator quota, so a malformed request is always answered with its own error, never with
 * ProvisionedThroughputExceededException.
 */
import type { GetShardIteratorInput } from '@aws-sdk/client-kinesis';
import { InvalidArgumentException } from '../../protocol/errors';
import type { Runtime } from '../../runtime/context';
import { getHead } from '../store/shard-head';
import { counterBeforeTime } from '../store/timestamp-search';
import { counterIn, decodeSequenceNumber, plausibleShardIndex } from '../domain/sequence-number';
import { shardIdOf } from '../domain/shard-id';
import type { ShardRecord, StreamItem } from '../domain/stream';
import { kinesisMessages } from '../domain/messages';

export type IteratorStart =
  | { type: 'TRIM_HORIZON' }
  | { type: 'LATEST' }
  | { type: 'AT_TIMESTAMP'; at: number }
  /** Resume after this counter (the last one already consumed). */
  | { type: 'AFTER_COUNTER'; after: number };

export function iteratorStart(input: Pick<GetShardIteratorInput, 'ShardIteratorType' | 'StartingSequenceNumber' | 'Timestamp'>, stream: StreamItem, shard: ShardRecord, account: string, now: number): IteratorStart {
  const type = input.ShardIteratorType!;
  const bySequence = type === 'AT_SEQUENCE_NUMBER' || type === 'AFTER_SEQUENCE_NUMBER';
  if (bySequence !== (input.StartingSequenceNumber !== undefined) && (bySequence || type === 'TRIM_HORIZON' || type === 'LATEST')) {
    throw new InvalidArgumentException(
      `Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified ${type} and ${bySequence ? 'no' : 'also a'} StartingSequenceNumber.`,
    );
  }
  if (type === 'TRIM_HORIZON' || type === 'LATEST') return { type };
  if (type === 'AT_TIMESTAMP') {
    if (!input.Timestamp) {
      throw new InvalidArgumentException('Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.');
    }
    const at = input.Timestamp.getTime();
    if (at > now) {
      throw new InvalidArgumentException(`The timestampInMillis parameter cannot be greater than the currentTimestampInMillis. timestampInMillis: ${at}, currentTimestampInMillis: ${now}`);
    }
    return { type, at };
  }
  const seq = input.StartingSequenceNumber!;
  const invalid = (printed: string) => kinesisMessages.startingSequenceNumberInvalid(printed, shardIdOf(shard.index), stream.name, account);
  const decoded = decodeSequenceNumber(seq);
  if (!decoded || !plausibleShardIndex(decoded)) throw new InvalidArgumentException(`${invalid(seq)}.`);
  if (decoded.shardIndex !== shard.index) {
    throw new InvalidArgumentException(`Invalid StartingSequenceNumber. It encodes ${shardIdOf(decoded.shardIndex)}, while it was used in a call to a shard with ${shardIdOf(shard.index)}`);
  }
  const counter = counterIn(shard, decoded);
  if (counter === undefined || (counter === 'end' && shard.endCounter === undefined)) {
    throw new InvalidArgumentException(`${invalid(decoded.version === 0 ? decoded.canonical : seq)} because it did not come from this stream.`);
  }
  // Nothing follows a closed shard's EndingSequenceNumber, whichever way it is asked for.
  if (counter === 'end') return { type: 'AFTER_COUNTER', after: shard.endCounter! };
  const after = type === 'AT_SEQUENCE_NUMBER' ? counter - 1 : counter;
  return { type: 'AFTER_COUNTER', after: Math.max(after, shard.startCounter) };
}

/** The counter of the last record a reader starting at `start` counts as consumed. */
export async function startingCounter(rt: Runtime, key: string, shard: ShardRecord, start: IteratorStart): Promise<number> {
  const tip = async () => shard.endCounter ?? (await getHead(rt, key))?.lastSeq ?? shard.startCounter;
  switch (start.type) {
    case 'TRIM_HORIZON':
      return shard.startCounter;
    case 'LATEST':
      return tip();
    case 'AT_TIMESTAMP':
      return (await counterBeforeTime(rt, key, start.at)) ?? tip();
    case 'AFTER_COUNTER':
      return start.after;
  }
}
