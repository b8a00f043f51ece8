import type { PutRecordInput, PutRecordOutput } from '@aws-sdk/client-kinesis';
import { AwsError, InvalidArgumentException, ProvisionedThroughputExceededException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { decodeSequenceNumber, encodeSequenceNumber, streamTag } from '../domain/sequence-number';
import { shardIdOf } from '../domain/shard-id';
import { putBatch } from '../put-batch';
import { loadStream } from '../store/streams';

export async function putRecord(input: PutRecordInput, ctx: ActionContext): Promise<PutRecordOutput> {
  const { stream, ref } = await loadStream(ctx, input, { readable: true });
  if (input.SequenceNumberForOrdering !== undefined && !decodeSequenceNumber(input.SequenceNumberForOrdering)) {
    throw new InvalidArgumentException(
      `ExclusiveMinimumSequenceNumber ${input.SequenceNumberForOrdering} used in PutRecord on stream ${stream.name} under account ${ref.account} is invalid.`,
    );
  }
  const [outcome] = await putBatch(ctx, stream, ref, [{ Data: input.Data!, PartitionKey: input.PartitionKey!, ExplicitHashKey: input.ExplicitHashKey }]);
  if (!outcome.ok) {
    if (outcome.code === 'ProvisionedThroughputExceededException') throw new ProvisionedThroughputExceededException(outcome.message);
    throw new AwsError('InternalFailureException', outcome.message, 500);
  }
  return {
    ShardId: shardIdOf(outcome.shardIndex),
    SequenceNumber: encodeSequenceNumber(streamTag(stream.streamId), outcome.shardIndex, outcome.counter),
    ...(stream.encryption.type === 'KMS' ? { EncryptionType: 'KMS' } : {}),
  };
}
