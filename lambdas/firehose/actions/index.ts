/** Every Firehose operation Runnel serves, by its API name. */
import type { Action } from '../../runtime/context';
import { createDeliveryStream } from './create-delivery-stream';
import { deleteDeliveryStream } from './delete-delivery-stream';
import { describeDeliveryStream } from './describe-delivery-stream';
import { listDeliveryStreams } from './list-delivery-streams';
import { listTagsForDeliveryStream } from './list-tags-for-delivery-stream';
import { putRecord } from './put-record';
import { putRecordBatch } from './put-record-batch';
import { startDeliveryStreamEncryption } from './start-delivery-stream-encryption';
import { stopDeliveryStreamEncryption } from './stop-delivery-stream-encryption';
import { tagDeliveryStream } from './tag-delivery-stream';
import { untagDeliveryStream } from './untag-delivery-stream';
import { updateDestination } from './update-destination';

export const firehoseActions: Record<string, Action> = {
  CreateDeliveryStream: createDeliveryStream,
  DeleteDeliveryStream: deleteDeliveryStream,
  DescribeDeliveryStream: describeDeliveryStream,
  ListDeliveryStreams: listDeliveryStreams,
  ListTagsForDeliveryStream: listTagsForDeliveryStream,
  PutRecord: putRecord,
  PutRecordBatch: putRecordBatch,
  StartDeliveryStreamEncryption: startDeliveryStreamEncryption,
  StopDeliveryStreamEncryption: stopDeliveryStreamEncryption,
  TagDeliveryStream: tagDeliveryStream,
  UntagDeliveryStream: untagDeliveryStream,
  UpdateDestination: updateDestination,
};
