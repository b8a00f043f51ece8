import type { PutRecordInput, PutRecordOutput } from '@aws-sdk/client-firehose';
import { ServiceUnavailableException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { ingest } from '../operations/ingest';
import { writableDeliveryStream } from '../operations/writable';

export async function putRecord(input: PutRecordInput, ctx: ActionContext): Promise<PutRecordOutput> {
  const ds = await writableDeliveryStream(ctx, input.DeliveryStreamName!);
  const [recordId] = await ingest(ctx, ds, [input.Record!.Data!]).catch(() => [undefined]);
  if (!recordId) throw new ServiceUnavailableException('Slow down.');
  return { RecordId: recordId, Encrypted: ds.encryption?.status === 'ENABLED' };
}
