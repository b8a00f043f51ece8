/**
 * The Firehose service's public write port: other services put records into delivery streams
 * only through it, on PutRecordBatch's path (buffered, then flushed as the stream's hints say).
 */
import type { Runtime } from '../../runtime/context';
import { ingest } from '../operations/ingest';
import { writableDeliveryStream } from '../operations/writable';

const ARN = /^arn:aws[\w-]*:firehose:([\w-]+):(\d{12}):deliverystream\/(.+)$/;

/** Buffers the records; returns how many were stored (the rest should be offered again). */
export async function writeToDeliveryStream(rt: Runtime, deliveryStreamArn: string, records: Uint8Array[]): Promise<number> {
  const [, region, account, name] = ARN.exec(deliveryStreamArn) ?? [undefined, rt.config.defaultRegion, rt.config.accountId, deliveryStreamArn];
  const ds = await writableDeliveryStream({ ...rt, account: account!, region: region! }, name!);
  const ids = await ingest(rt, ds, records);
  const missing = ids.indexOf(undefined);
  return missing < 0 ? ids.length : missing;
}
