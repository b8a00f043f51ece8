/** Task handlers of the Firehose workflows (one Lambda in the cloud, in-process locally). */
import { scanAll } from '../../runtime/bulk';
import type { Runtime } from '../../runtime/context';
import { logger } from '../../runtime/logger';
import { flushBuffer } from '../delivery/flush';
import { pollKinesisSource } from '../operations/kinesis-source';
import type { DeliveryStreamItem, DeliveryStreamRef, FlushReason } from '../domain/delivery-stream';
import { rearmTimedFlush, resumeAbandonedFlush } from '../operations/ingest';
import { currentDeliveryStream, removeDeliveryStream, updateDeliveryStream } from '../store/delivery-streams';
import { oldestArrival } from '../store/buffer-records';

type Event = { deliveryStream: DeliveryStreamRef; flushId?: string; reason?: FlushReason };

async function activateDeliveryStream(rt: Runtime, { deliveryStream: ref }: Event) {
  const ds = await currentDeliveryStream(rt, ref);
  if (ds?.status === 'CREATING') await updateDeliveryStream(rt, ds, { status: 'ACTIVE' }, { statuses: ['CREATING'] });
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

async function activeDeliveryStreams(rt: Runtime): Promise<DeliveryStreamItem[]> {
  const items = await scanAll<DeliveryStreamItem>(rt.ddb, { TableName: rt.config.tables.deliveryStreams });
  return items.filter((d) => d.status === 'ACTIVE');
}

/** Polls Kinesis sources and re-arms buffers whose timed flush was lost. */
async function pollSources(rt: Runtime) {
  let records = 0;
  for (const ds of await activeDeliveryStreams(rt)) {
    if (ds.type === 'KinesisStreamAsSource') records += await pollKinesisSource(rt, ds);
    await rearmTimedFlush(rt, ds);
  }
  return { records };
}

/**
 * A local host starting on a --path it ran on before: the flush executions the previous process
 * had started (waiting out a buffering interval, or retrying) stopped with it, so every buffer
 * that holds records gets a new timed flush (ingest.ts, resumeAbandonedFlush). Returns the names
 * of the delivery streams whose records wait for one.
 */
export async function resumeAbandonedFlushes(rt: Runtime): Promise<string[]> {
  const resumed: string[] = [];
  for (const ds of await activeDeliveryStreams(rt)) if (await resumeAbandonedFlush(rt, ds)) resumed.push(ds.name);
  return resumed;
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
