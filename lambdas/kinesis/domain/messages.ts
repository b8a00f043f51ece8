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
  consumerExists: (name: string, stream: string, account: string) => `Consumer ${name} under stream ${stream} and account ${account} already exists.`,
  consumerNotActive: (name: string, createdSeconds: number, stream: string, account: string) =>
    `Consumer ${name} with creation timestamp ${createdSeconds} under stream: ${stream} , account ${account} is not in ACTIVE status.`,
  policyConsumerNotActive: (name: string, createdSeconds: number, stream: string, account: string) =>
    `Consumer ${name} with creation timestamp ${createdSeconds} under stream ${stream} and account ${account} is not in ACTIVE status.`,
  consumerLimit: (limit: number, stream: string, account: string) => `Stream ${stream} under account ${account} already has ${limit} registered consumers, the limit.`,
  creatingConsumerLimit: (limit: number, stream: string, account: string) => `Stream ${stream} under account ${account} already has ${limit} consumers in CREATING status, the limit.`,
  consumerRefMissing: () => 'ConsumerARN or both ConsumerName and StreamARN are required for this request.',
  consumerRefConflict: (arn: string) => `ConsumerARN ${arn} does not match the StreamARN and ConsumerName given with it.`,
  streamHasConsumers: (label: string, name: string) =>
    `DeleteStream can't delete ${label} because there are consumers associated with this data stream. To delete ${name} anyway, set the EnforceConsumerDeletion parameter to true to force the deletion of all the consumers that are associated with it.`,
  subscriptionInUse: (account: string, stream: string, shardId: string, consumer: string) =>
    `Another active subscription exists for this consumer: ${account}:${stream}:${shardId}:${consumer}`,
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
