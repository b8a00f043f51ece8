/** Every Firehose operation Runnel serves, by its API name. */
import type { Firehose, FirehoseClient } from '@aws-sdk/client-firehose';
import type { ActionTable, Operations } from '../../protocol/operations';
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

export type FirehoseOperations = Operations<Firehose, FirehoseClient>;

export const firehoseActions: ActionTable<FirehoseOperations> = {
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
