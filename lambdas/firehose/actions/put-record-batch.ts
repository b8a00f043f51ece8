import type { PutRecordBatchInput, PutRecordBatchOutput } from '@aws-sdk/client-firehose';
import { InvalidArgumentException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { ingest } from '../ingest';
import { writableDeliveryStream } from '../writable';

const MAX_BATCH_BYTES = 4 * 1024 * 1024;

/**
 * All records of a batch are buffered together, so they succeed or fail together: a storage
 * failure is answered per record with ServiceUnavailableException (FailedPutCount = all), and the
 * caller resends them, as Firehose callers resend failed entries.
 */
export async function putRecordBatch(input: PutRecordBatchInput, ctx: ActionContext): Promise<PutRecordBatchOutput> {
  const ds = await writableDeliveryStream(ctx, input.DeliveryStreamName!);
  const data = input.Records!.map((r) => r.Data!);
  const total = data.reduce((n, d) => n + d.byteLength, 0);
  if (total > MAX_BATCH_BYTES) {
    throw new InvalidArgumentException(`Records size ${total} bytes exceeds the maximum PutRecordBatch request size of ${MAX_BATCH_BYTES} bytes.`);
  }
  const encrypted = ds.encryption?.status === 'ENABLED';
  const ids = await ingest(ctx, ds, data).catch(() => undefined);
  if (!ids) {
    return {
      FailedPutCount: data.length,
      Encrypted: encrypted,
      RequestResponses: data.map(() => ({ ErrorCode: 'ServiceUnavailableException', ErrorMessage: 'Slow down.' })),
    };
  }
  return { FailedPutCount: 0, Encrypted: encrypted, RequestResponses: ids.map((RecordId) => ({ RecordId })) };
}
