/**
 * Puts records into a delivery stream's buffer (and into its taps, store/tap-records.ts) and starts
 * the flushes Firehose would start.
 */
import { randomBytes } from 'node:crypto';
import type { Runtime } from '../../runtime/context';
import { FIREHOSE_SOURCES, startFlush } from '../workflows';
import { deliveryStreamRefOf, type DeliveryStreamItem } from '../domain/delivery-stream';
import { claimTimedFlush, clearTimedFlush } from '../store/buffer-control';
import { appendRecords, oldestArrival } from '../store/buffer-records';
import { BUFFER_SLOTS, bufferedBytes, resetBufferedBytes } from '../store/buffer-slots';
import { activeDeliveryStreams } from '../store/delivery-streams';
import { tapCopies } from '../store/tap-records';

/** How long a claimed timed flush may be overdue before another write may claim it again. */
const FLUSH_GRACE_MS = 5 * 60_000;
const MIB = 1024 * 1024;

/** Firehose record ids: opaque, unique, and (like AWS's) long runs of digits. */
function newRecordId(now: number): string {
  return String(now) + BigInt('0x' + randomBytes(20).toString('hex')).toString().padStart(43, '0').slice(0, 43);
}

/** Buffers records; returns, in order, each record's id, or undefined for one that could not be stored. */
export async function ingest(rt: Runtime, ds: DeliveryStreamItem, data: Uint8Array[]): Promise<(string | undefined)[]> {
  const now = rt.clock();
  const records = data.map((d) => ({ recordId: newRecordId(now), data: d, arrival: now }));
  const copies = tapCopies(ds, now);
  const { stored, buffered, before, after } = await appendRecords(rt, ds.id, records, copies);
  // A tap reader takes only items stamped readLagMs ago: a write that was slower than the deadline
  // may be passed over, so it is not acknowledged (the producer sends it again; the buffer then
  // delivers both, at-least-once as Firehose).
  if (copies.length && rt.clock() - now > rt.config.firehoseTaps.writeDeadlineMs) stored.clear();
  if (!buffered) return records.map(() => undefined);
  const hints = ds.destination.BufferingHints;
  const ref = deliveryStreamRefOf(ds);
  if (before === 0) {
    await scheduleTimedFlush(rt, ds, now);
    // The schedule that re-arms a lost timed flush runs while anything is buffered.
    await rt.workflows.setSchedule(FIREHOSE_SOURCES.name, true);
  }
  // Slots fill about evenly: only a slot past its share of SizeInMBs pays for adding them all up.
  const size = hints.SizeInMBs * MIB;
  if (after >= size / BUFFER_SLOTS && (await bufferedBytes(rt, ds.id)) >= size) {
    await startFlush(rt, ref, 'size', 0, `size-${now}-${randomBytes(4).toString('hex')}`);
  }
  return records.map((r) => (stored.has(r.recordId) ? r.recordId : undefined));
}

/**
 * Starts the interval flush for data that arrived at `now` in an empty buffer, unless one is
 * pending (and not overdue by more than the grace). Returns whether a flush was started.
 */
export async function scheduleTimedFlush(rt: Runtime, ds: Pick<DeliveryStreamItem, 'pk' | 'sk' | 'id' | 'destination'>, now: number): Promise<boolean> {
  const interval = ds.destination.BufferingHints.IntervalInSeconds;
  const due = now + interval * 1000;
  if (!(await claimTimedFlush(rt, ds.id, due, now - interval * 1000 - FLUSH_GRACE_MS))) return false;
  await startFlush(rt, deliveryStreamRefOf(ds), 'interval', interval, `interval-${due}`);
  return true;
}

/**
 * For a host that knows every flush execution it could have pending is gone (a local host
 * restarting on its --path: stopping abandoned them). The pending claim is dropped at once; a
 * buffer holding records gets a new timed flush, and an empty one has its slot counters zeroed
 * (a write counted just after the last flush's reset would otherwise keep its slot from ever
 * starting a flush). Nothing else may use the buffer meanwhile. Returns the names of the delivery
 * streams whose records wait for a flush.
 */
export async function resumeAbandonedFlushes(rt: Runtime): Promise<string[]> {
  const resumed: string[] = [];
  for (const ds of await activeDeliveryStreams(rt)) {
    await clearTimedFlush(rt, ds.id);
    if ((await oldestArrival(rt, ds.id)) === undefined) await resetBufferedBytes(rt, ds.id);
    else if (await scheduleTimedFlush(rt, ds, rt.clock())) resumed.push(ds.name);
  }
  return resumed;
}
