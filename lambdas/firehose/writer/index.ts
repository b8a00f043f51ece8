/**
 * The Firehose service's public write port: other services put records into delivery streams
 * only through it, on PutRecordBatch's path (buffered, then flushed as the stream's hints say).
 */
import type { Runtime } from '../../runtime/context';
import { parseDeliveryStreamArn } from '../domain/delivery-stream';
import { ingest } from '../operations/ingest';
import { writableDeliveryStream } from '../operations/writable';

/** Buffers the records; returns how many were stored (the rest should be offered again). */
export async function writeToDeliveryStream(rt: Runtime, deliveryStreamArn: string, records: Uint8Array[]): Promise<number> {
  const { region, account, name } = parseDeliveryStreamArn(deliveryStreamArn, { region: rt.config.defaultRegion, account: rt.config.accountId });
  const ds = await writableDeliveryStream({ ...rt, account, region }, name);
  const ids = await ingest(rt, ds, records);
  const missing = ids.indexOf(undefined);
  return missing < 0 ? ids.length : missing;
}
