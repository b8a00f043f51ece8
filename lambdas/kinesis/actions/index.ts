/** Every Kinesis operation Runnel serves, by its API name. */
import type { Action } from '../../runtime/context';
import { addTagsToStream } from './add-tags-to-stream';
import { createStream } from './create-stream';
import { decreaseStreamRetentionPeriod } from './decrease-stream-retention-period';
import { deleteStream } from './delete-stream';
import { describeLimits } from './describe-limits';
import { describeStream } from './describe-stream';
import { describeStreamSummary } from './describe-stream-summary';
import { getRecords } from './get-records';
import { getShardIterator } from './get-shard-iterator';
import { increaseStreamRetentionPeriod } from './increase-stream-retention-period';
import { listShards } from './list-shards';
import { listStreams } from './list-streams';
import { listTagsForResource } from './list-tags-for-resource';
import { listTagsForStream } from './list-tags-for-stream';
import { mergeShards } from './merge-shards';
import { putRecord } from './put-record';
import { putRecords } from './put-records';
import { removeTagsFromStream } from './remove-tags-from-stream';
import { splitShard } from './split-shard';
import { tagResource } from './tag-resource';
import { untagResource } from './untag-resource';
import { updateShardCount } from './update-shard-count';

export const kinesisActions: Record<string, Action> = {
  AddTagsToStream: addTagsToStream,
  CreateStream: createStream,
  DecreaseStreamRetentionPeriod: decreaseStreamRetentionPeriod,
  DeleteStream: deleteStream,
  DescribeLimits: describeLimits,
  DescribeStream: describeStream,
  DescribeStreamSummary: describeStreamSummary,
  GetRecords: getRecords,
  GetShardIterator: getShardIterator,
  IncreaseStreamRetentionPeriod: increaseStreamRetentionPeriod,
  ListShards: listShards,
  ListStreams: listStreams,
  ListTagsForResource: listTagsForResource,
  ListTagsForStream: listTagsForStream,
  MergeShards: mergeShards,
  PutRecord: putRecord,
  PutRecords: putRecords,
  RemoveTagsFromStream: removeTagsFromStream,
  SplitShard: splitShard,
  TagResource: tagResource,
  UntagResource: untagResource,
  UpdateShardCount: updateShardCount,
};
