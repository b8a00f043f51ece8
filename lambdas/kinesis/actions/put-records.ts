import type { PutRecordsInput, PutRecordsOutput } from '@aws-sdk/client-kinesis';
import type { ActionContext } from '../../runtime/context';
import { encodeSequenceNumber, streamTag } from '../domain/sequence-number';
import { shardIdOf } from '../domain/shard-id';
import { putBatch } from '../put-batch';
import { loadStream } from '../store/streams';

export async function putRecords(input: PutRecordsInput, ctx: ActionContext): Promise<PutRecordsOutput> {
  const { stream, ref } = await loadStream(ctx, input, { readable: true });
  const entries = input.Records!.map((r) => ({ Data: r.Data!, PartitionKey: r.PartitionKey!, ExplicitHashKey: r.ExplicitHashKey }));
  const outcomes = await putBatch(ctx, stream, ref, entries);
  const tag = streamTag(stream.streamId);
  return {
    FailedRecordCount: outcomes.filter((o) => !o.ok).length,
    Records: outcomes.map((o) =>
      o.ok
        ? { SequenceNumber: encodeSequenceNumber(tag, o.shardIndex, o.counter), ShardId: shardIdOf(o.shardIndex) }
        : { ErrorCode: o.code, ErrorMessage: o.message },
    ),
    ...(stream.encryption.type === 'KMS' ? { EncryptionType: 'KMS' } : {}),
  };
}
