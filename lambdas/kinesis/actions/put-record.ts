import type { PutRecordInput, PutRecordOutput } from '@aws-sdk/client-kinesis';
import { InternalFailureException, InvalidArgumentException, ProvisionedThroughputExceededException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { acceptsForOrdering } from '../domain/sequence-number';
import { putBatch } from '../operations/put-batch';
import { loadStreamForData } from '../store/streams';
import { kinesisMessages } from '../domain/messages';

export async function putRecord(input: PutRecordInput, ctx: ActionContext): Promise<PutRecordOutput> {
  const { stream, ref } = await loadStreamForData(ctx, input);
  if (input.SequenceNumberForOrdering !== undefined && !acceptsForOrdering(input.SequenceNumberForOrdering, ctx.clock())) {
    throw new InvalidArgumentException(
      kinesisMessages.orderingSequenceNumberInvalid(input.SequenceNumberForOrdering, stream.name, ref.account),
    );
  }
  const [outcome] = await putBatch(ctx, stream, ref, [{ Data: input.Data!, PartitionKey: input.PartitionKey!, ExplicitHashKey: input.ExplicitHashKey }]);
  if (!outcome.ok) {
    if (outcome.code === 'ProvisionedThroughputExceededException') throw new ProvisionedThroughputExceededException(outcome.message);
    throw new InternalFailureException(outcome.message);
  }
  return {
    ShardId: outcome.shardId,
    SequenceNumber: outcome.sequenceNumber,
    ...(stream.encryption.type === 'KMS' ? { EncryptionType: 'KMS' } : {}),
  };
}
