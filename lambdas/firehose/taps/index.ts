/**
 * The Firehose service's public tap port: another service reads what producers put into a
 * delivery stream only through it (Analytics, for a KinesisFirehoseInput). A reader opens a tap
 * under an id of its own; from then on every write to the delivery stream also copies its records
 * into the tap, in the same DynamoDB calls, and the reader takes them in order with a checkpoint
 * it keeps itself (store/tap-records.ts). Flushes to S3 never touch a tap, so when Firehose
 * flushes does not matter to a reader.
 */
import type { Runtime } from '../../runtime/context';
import { logger } from '../../runtime/logger';
import { parseDeliveryStreamArn, type DeliveryStreamItem } from '../domain/delivery-stream';
import { readOldest } from '../store/buffer-records';
import { loadDeliveryStream } from '../store/delivery-streams';
import { readTapItems, registerTap, tapKey, tapNeedsRenewal, tapPositionAt, tapRegistered, unregisterTap, type TapRecord, type TapSlice } from '../store/tap-records';

export type { TapRecord, TapSlice };
/** tapPositionAt(time): the checkpoint that skips everything written before `time` (a reader starting at NOW). */
export { tapPositionAt };

/** The delivery stream an ARN names (ResourceNotFoundException if there is none). */
async function deliveryStreamOf(rt: Runtime, deliveryStreamArn: string): Promise<DeliveryStreamItem> {
  const { region, account, name } = parseDeliveryStreamArn(deliveryStreamArn, { region: rt.config.defaultRegion, account: rt.config.accountId });
  return loadDeliveryStream({ ...rt, account, region }, name);
}

/** Starts copying every record written from now on into the tap; false if the delivery stream does not exist. */
export async function openTap(rt: Runtime, deliveryStreamArn: string, tapId: string): Promise<boolean> {
  const ds = await deliveryStreamOf(rt, deliveryStreamArn).catch(() => undefined);
  return !!ds && (await registerTap(rt, ds, tapId));
}

/** Stops copying records into the tap. What it holds expires by itself (TTL); a missing delivery stream is no error. */
export async function closeTap(rt: Runtime, deliveryStreamArn: string, tapId: string): Promise<void> {
  const ds = await deliveryStreamOf(rt, deliveryStreamArn).catch(() => undefined);
  if (ds) await unregisterTap(rt, ds, tapId);
}

/**
 * The records the tap took after checkpoint `after` (undefined: all it holds), oldest first, up
 * to about `maxBytes`; the slice's `after` is the checkpoint for next time. Renews the tap's
 * registration when due, and opens it again if it had lapsed (what was written meanwhile was not
 * copied, and is not in the slice).
 */
export async function readTap(rt: Runtime, deliveryStreamArn: string, tapId: string, after: string | undefined, maxBytes: number): Promise<TapSlice> {
  const ds = await deliveryStreamOf(rt, deliveryStreamArn);
  const now = rt.clock();
  if (!tapRegistered(ds, tapId, now)) logger.warn(`tap ${tapId} on ${ds.name} was not open: records written meanwhile were not copied`);
  if (tapNeedsRenewal(ds, tapId, now)) await registerTap(rt, ds, tapId);
  return readTapItems(rt, tapKey(ds.id, tapId), after, now - rt.config.firehoseTaps.readLagMs, maxBytes);
}

/** Up to `max` records still buffered (not yet flushed), oldest first: samples, no place is kept. */
export async function sampleBuffered(rt: Runtime, deliveryStreamArn: string, max: number): Promise<TapRecord[]> {
  const ds = await deliveryStreamOf(rt, deliveryStreamArn);
  const slice = await readOldest(rt, ds.id, 1024 * 1024);
  return slice.records.slice(0, max);
}
