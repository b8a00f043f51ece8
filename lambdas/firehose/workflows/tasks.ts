/** Task handlers of the Firehose workflows (one Lambda in the cloud, in-process locally). */
import type { Runtime } from '../../runtime/context';
import { logger } from '../../runtime/logger';
import { flushBuffer } from '../delivery/flush';
import { WAKE_VISIBLE_AFTER_MS, wakeOnNextWrite } from '../../kinesis/reader';
import { pollKinesisSource } from '../operations/kinesis-source';
import { FIREHOSE_SOURCES } from './sources';
import type { DeliveryStreamRef, FlushReason } from '../domain/delivery-stream';
import { scheduleTimedFlush } from '../operations/ingest';
import { activeDeliveryStreams, currentDeliveryStream, removeDeliveryStream, updateDeliveryStream } from '../store/delivery-streams';
import { oldestArrival } from '../store/buffer-records';

type Event = { deliveryStream: DeliveryStreamRef; flushId?: string; reason?: FlushReason };

async function activateDeliveryStream(rt: Runtime, { deliveryStream: ref }: Event) {
  const ds = await currentDeliveryStream(rt, ref);
  if (ds?.status === 'CREATING') await updateDeliveryStream(rt, ds, { status: 'ACTIVE' }, { statuses: ['CREATING'] });
  // Its source may hold records already: the poll runs at least once, and sleeps if there are none.
  if (ds?.type === 'KinesisStreamAsSource') await rt.workflows.setSchedule(FIREHOSE_SOURCES.name, true);
  return { status: 'ACTIVE' };
}

async function flush(rt: Runtime, { deliveryStream: ref, flushId, reason }: Event) {
  const ds = await currentDeliveryStream(rt, ref);
  if (!ds) return { more: false };
  const result = await flushBuffer(rt, ds, flushId!, reason ?? 'interval');
  logger.info(`flush ${ds.name}: ${result.delivered} delivered, ${result.failed} failed, ${result.objects.length} objects`);
  return { more: result.more };
}

/** Before a delivery stream goes, everything buffered is delivered. */
async function drainBuffer(rt: Runtime, { deliveryStream: ref }: Event) {
  const ds = await currentDeliveryStream(rt, ref);
  if (!ds) return { more: false };
  await flushBuffer(rt, ds, `drain-${ds.id}`, 'drain');
  return { more: (await oldestArrival(rt, ds.id)) !== undefined };
}

async function removeDeliveryStreamTask(rt: Runtime, { deliveryStream: ref }: Event) {
  await removeDeliveryStream(rt, ref);
  return { status: 'GONE' };
}

/**
 * Polls Kinesis sources and re-arms buffers whose timed flush was lost. With nothing read, nothing
 * on its way and nothing buffered the schedule goes off: a write to a source stream, or records
 * arriving in an empty buffer, turns it back on.
 */
async function pollSources(rt: Runtime) {
  const { records, busy } = await pollOnce(rt);
  if (!busy) await sleepUntilWritten(rt);
  return { records };
}

/** `busy`: something was read, is on its way (another poll, a record still being stored) or is buffered. */
async function pollOnce(rt: Runtime): Promise<{ records: number; busy: boolean }> {
  let records = 0;
  let busy = false;
  for (const ds of await activeDeliveryStreams(rt)) {
    if (ds.type === 'KinesisStreamAsSource') {
      const poll = await pollKinesisSource(rt, ds);
      records += poll.records;
      busy ||= poll.records > 0 || poll.pending;
    }
    const oldest = await oldestArrival(rt, ds.id);
    if (oldest === undefined) continue;
    busy = true;
    // Overdue judged by the clock, not by the records' arrival: a flush that crashed leaves its
    // oldest records behind, and they would never look overdue.
    await scheduleTimedFlush(rt, ds, rt.clock());
  }
  return { records, busy };
}

/**
 * The schedule goes off first, then each source stream's next write is asked to turn it back on,
 * then, once every writer is sure to see that, one more poll finds anything written in between
 * (and turns the schedule back on).
 */
async function sleepUntilWritten(rt: Runtime): Promise<void> {
  await rt.workflows.setSchedule(FIREHOSE_SOURCES.name, false);
  const sources = (await activeDeliveryStreams(rt)).filter((ds) => ds.type === 'KinesisStreamAsSource');
  for (const ds of sources) await wakeOnNextWrite(rt, ds.source!.KinesisStreamARN, FIREHOSE_SOURCES.name);
  if (sources.length) await rt.sleep(WAKE_VISIBLE_AFTER_MS);
  if ((await pollOnce(rt)).busy) await rt.workflows.setSchedule(FIREHOSE_SOURCES.name, true);
}

const tasks: Record<string, (rt: Runtime, event: any) => Promise<unknown>> = {
  activateDeliveryStream,
  flushBuffer: flush,
  drainBuffer,
  removeDeliveryStream: removeDeliveryStreamTask,
  pollSources,
};

export async function runFirehoseTask(rt: Runtime, event: { task: string }): Promise<unknown> {
  const task = tasks[event.task];
  if (!task) throw new Error(`unknown firehose task ${event.task}`);
  return task(rt, event);
}
