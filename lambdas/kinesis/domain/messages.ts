/**
 * The texts of Kinesis's errors that name a resource, worded as AWS words them. AWS names a stream
 * in messages as "stream NAME under account ACCOUNT".
 */
const inStream = (stream: string, account: string) => `in stream ${stream} under account ${account}`;

export const kinesisMessages = {
  streamNotFound: (label: string, account: string) => `Stream ${label} under account ${account} not found.`,
  streamNotActive: (stream: string, account: string, status: string) => `Stream ${stream} under account ${account} not ACTIVE, instead in state ${status}`,
  streamExists: (stream: string, account: string) => `Stream ${stream} under account ${account} already exists.`,
  consumerNotFound: (arn: string, account: string) => `Consumer ${arn} under account ${account} not found.`,
  shardRateExceeded: (shardId: string, stream: string, account: string) => `Rate exceeded for shard ${shardId} ${inStream(stream, account)}.`,
  shardDoesNotExist: (shardId: string, stream: string, account: string) => `Shard ${shardId} ${inStream(stream, account)} does not exist`,
  shardNotFound: (shardId: string, stream: string, account: string) => `Could not find shard ${shardId} ${inStream(stream, account)}.`,
  shardAlreadyResharded: (shardId: string, stream: string, account: string) =>
    `Shard ${shardId} ${inStream(stream, account)} has already been merged or split, and thus is not eligible for merging or splitting.`,
  shardsNotAdjacent: (lower: string, upper: string, stream: string, account: string) =>
    `Shards ${lower} and ${upper} ${inStream(stream, account)} are not an adjacent pair of shards eligible for merging`,
  splitKeyOutOfRange: (key: string, shardId: string, stream: string, account: string, start: string, end: string) =>
    `NewStartingHashKey ${key} used in SplitShard() on shard ${shardId} ${inStream(stream, account)} is not both greater than one plus the shard's StartingHashKey ${start} and less than the shard's EndingHashKey ${end}.`,
  tagsNotAdded: (stream: string, account: string) => `Failed to add tags to stream ${stream} under account ${account}`,
  tagsNotRemoved: (stream: string, account: string) => `Failed to remove tags from stream ${stream} under account ${account}`,
  startingSequenceNumberInvalid: (seq: string, shardId: string, stream: string, account: string) =>
    `StartingSequenceNumber ${seq} used in GetShardIterator on shard ${shardId} ${inStream(stream, account)} is invalid`,
  orderingSequenceNumberInvalid: (seq: string, stream: string, account: string) =>
    `ExclusiveMinimumSequenceNumber ${seq} used in PutRecord on stream ${stream} under account ${account} is invalid.`,
  shardCountUpdatesExceeded: (limit: number, stream: string, account: string) =>
    `Exceeded the limit of ${limit} UpdateShardCount operations in a rolling 24-hour period for stream ${stream} under account ${account}.`,
  modeChangesExceeded: (limit: number, stream: string, account: string) =>
    `Stream ${stream} under account ${account} has already changed its capacity mode ${limit} times in the last 24 hours.`,
};
