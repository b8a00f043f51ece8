import type { PutRecordsInput, PutRecordsOutput } from '@aws-sdk/client-kinesis';
import type { ActionContext } from '../../runtime/context';
import { putBatch } from '../operations/put-batch';
import { loadStreamForData } from '../store/streams';

export async function putRecords(input: PutRecordsInput, ctx: ActionContext): Promise<PutRecordsOutput> {
  const { stream, ref } = await loadStreamForData(ctx, input);
  const entries = input.Records!.map((r) => ({ Data: r.Data!, PartitionKey: r.PartitionKey!, ExplicitHashKey: r.ExplicitHashKey }));
  const outcomes = await putBatch(ctx, stream, ref, entries);
  return {
    FailedRecordCount: outcomes.filter((o) => !o.ok).length,
    Records: outcomes.map((o) =>
      o.ok
        ? { SequenceNumber: o.sequenceNumber, ShardId: o.shardId }
        : { ErrorCode: o.code, ErrorMessage: o.message },
    ),
    ...(stream.encryption.type === 'KMS' ? { EncryptionType: 'KMS' } : {}),
  };
}
