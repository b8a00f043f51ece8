/** Every Kinesis operation Runnel serves, by its API name. */
import type { Kinesis, KinesisClient } from '@aws-sdk/client-kinesis';
import type { ActionTable, Operations } from '../../protocol/operations';
import { addTagsToStream } from './add-tags-to-stream';
import { createStream } from './create-stream';
import { decreaseStreamRetentionPeriod } from './decrease-stream-retention-period';
import { deleteResourcePolicy } from './delete-resource-policy';
import { deleteStream } from './delete-stream';
import { deregisterStreamConsumer } from './deregister-stream-consumer';
import { describeAccountSettings } from './describe-account-settings';
import { describeLimits } from './describe-limits';
import { describeStream } from './describe-stream';
import { describeStreamConsumer } from './describe-stream-consumer';
import { describeStreamSummary } from './describe-stream-summary';
import { disableEnhancedMonitoring } from './disable-enhanced-monitoring';
import { enableEnhancedMonitoring } from './enable-enhanced-monitoring';
import { getRecords } from './get-records';
import { getResourcePolicy } from './get-resource-policy';
import { getShardIterator } from './get-shard-iterator';
import { increaseStreamRetentionPeriod } from './increase-stream-retention-period';
import { listShards } from './list-shards';
import { listStreamConsumers } from './list-stream-consumers';
import { listStreams } from './list-streams';
import { listTagsForResource } from './list-tags-for-resource';
import { listTagsForStream } from './list-tags-for-stream';
import { mergeShards } from './merge-shards';
import { putRecord } from './put-record';
import { putRecords } from './put-records';
import { putResourcePolicy } from './put-resource-policy';
import { registerStreamConsumer } from './register-stream-consumer';
import { removeTagsFromStream } from './remove-tags-from-stream';
import { splitShard } from './split-shard';
import { startStreamEncryption } from './start-stream-encryption';
import { stopStreamEncryption } from './stop-stream-encryption';
import { subscribeToShard } from './subscribe-to-shard';
import { tagResource } from './tag-resource';
import { untagResource } from './untag-resource';
import { updateAccountSettings } from './update-account-settings';
import { updateMaxRecordSize } from './update-max-record-size';
import { updateShardCount } from './update-shard-count';
import { updateStreamMode } from './update-stream-mode';
import { updateStreamWarmThroughput } from './update-stream-warm-throughput';

export type KinesisOperations = Operations<Kinesis, KinesisClient>;

export const kinesisActions: ActionTable<KinesisOperations> = {
  AddTagsToStream: addTagsToStream,
  CreateStream: createStream,
  DecreaseStreamRetentionPeriod: decreaseStreamRetentionPeriod,
  DeleteResourcePolicy: deleteResourcePolicy,
  DeleteStream: deleteStream,
  DeregisterStreamConsumer: deregisterStreamConsumer,
  DescribeAccountSettings: describeAccountSettings,
  DescribeLimits: describeLimits,
  DescribeStream: describeStream,
  DescribeStreamConsumer: describeStreamConsumer,
  DescribeStreamSummary: describeStreamSummary,
  DisableEnhancedMonitoring: disableEnhancedMonitoring,
  EnableEnhancedMonitoring: enableEnhancedMonitoring,
  GetRecords: getRecords,
  GetResourcePolicy: getResourcePolicy,
  GetShardIterator: getShardIterator,
  IncreaseStreamRetentionPeriod: increaseStreamRetentionPeriod,
  ListShards: listShards,
  ListStreamConsumers: listStreamConsumers,
  ListStreams: listStreams,
  ListTagsForResource: listTagsForResource,
  ListTagsForStream: listTagsForStream,
  MergeShards: mergeShards,
  PutRecord: putRecord,
  PutRecords: putRecords,
  PutResourcePolicy: putResourcePolicy,
  RegisterStreamConsumer: registerStreamConsumer,
  RemoveTagsFromStream: removeTagsFromStream,
  SplitShard: splitShard,
  StartStreamEncryption: startStreamEncryption,
  StopStreamEncryption: stopStreamEncryption,
  SubscribeToShard: subscribeToShard,
  TagResource: tagResource,
  UntagResource: untagResource,
  UpdateAccountSettings: updateAccountSettings,
  UpdateMaxRecordSize: updateMaxRecordSize,
  UpdateShardCount: updateShardCount,
  UpdateStreamMode: updateStreamMode,
  UpdateStreamWarmThroughput: updateStreamWarmThroughput,
};
