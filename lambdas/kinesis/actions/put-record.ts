import type { PutRecordInput, PutRecordOutput } from '@aws-sdk/client-kinesis';
import { AwsError, InvalidArgumentException, ProvisionedThroughputExceededException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { acceptsForOrdering } from '../domain/sequence-number';
import { putBatch } from '../put-batch';
import { loadStreamForData } from '../store/streams';

export async function putRecord(input: PutRecordInput, ctx: ActionContext): Promise<PutRecordOutput> {
  const { stream, ref } = await loadStreamForData(ctx, input);
  if (input.SequenceNumberForOrdering !== undefined && !acceptsForOrdering(input.SequenceNumberForOrdering, ctx.clock())) {
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
    ShardId: outcome.shardId,
    SequenceNumber: outcome.sequenceNumber,
    ...(stream.encryption.type === 'KMS' ? { EncryptionType: 'KMS' } : {}),
  };
}
