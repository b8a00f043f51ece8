/**
 * AWS judges a ShardId before it looks for the stream: an id that cannot name a shard (not a
 * number, an exponent form, above 2^31 - 1) is reported as a missing shard of the stream as the
 * caller named it, even when that stream does not exist (kinesalite test/getShardIterator.js).
 */
import { ResourceNotFoundException } from '../../protocol/errors';
import { kinesisMessages } from './messages';
import { parseShardId } from './shard-id';

const MAX_SHARD_INDEX = 2_147_483_647;

export function requireShardIndex(shardId: string, stream: { label: string; account: string }): number {
  const index = parseShardId(shardId);
  if (index === undefined || index > MAX_SHARD_INDEX) {
    throw new ResourceNotFoundException(kinesisMessages.shardNotFound(shardId, stream.label, stream.account));
  }
  return index;
}
