import type { PutRecordBatchInput, PutRecordBatchOutput } from '@aws-sdk/client-firehose';
import { InvalidArgumentException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { ingest } from '../operations/ingest';
import { writableDeliveryStream } from '../operations/writable';

const MAX_BATCH_BYTES = 4 * 1024 * 1024;

/**
 * Records the buffer could not take (DynamoDB throttling, a failed write) are answered per record
 * with ServiceUnavailableException and counted in FailedPutCount; callers resend exactly those.
 */
export async function putRecordBatch(input: PutRecordBatchInput, ctx: ActionContext): Promise<PutRecordBatchOutput> {
  const ds = await writableDeliveryStream(ctx, input.DeliveryStreamName!);
  const data = input.Records!.map((r) => r.Data!);
  const total = data.reduce((n, d) => n + d.byteLength, 0);
  if (total > MAX_BATCH_BYTES) {
    throw new InvalidArgumentException(`Records size ${total} bytes exceeds the maximum PutRecordBatch request size of ${MAX_BATCH_BYTES} bytes.`);
  }
  const encrypted = ds.encryption?.status === 'ENABLED';
  const ids = await ingest(ctx, ds, data).catch(() => data.map(() => undefined));
  return {
    FailedPutCount: ids.filter((id) => !id).length,
    Encrypted: encrypted,
    RequestResponses: ids.map((RecordId) => (RecordId ? { RecordId } : { ErrorCode: 'ServiceUnavailableException', ErrorMessage: 'Slow down.' })),
  };
}
