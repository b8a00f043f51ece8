/**
 * Schedules that sleep while a stream is idle (the on-demand scaler, a delivery stream's poll of
 * its Kinesis source) ask to be woken by the stream's next write: the stream item names them, and
 * the first write that sees the names turns those schedules on and removes them. Writers read the
 * stream item anyway (cached for a second), so a stream nobody sleeps on costs nothing extra, and
 * an idle one costs nothing at all.
 */
import type { Runtime } from '../../runtime/context';
import { logger } from '../../runtime/logger';
import type { StreamItem } from '../domain/stream';
import { addWakeOnWrite, DATA_PLANE_CACHE_MS, getStreamItem, parseStreamArn, removeWakeOnWrite } from '../store/streams';

/** Called after records were stored: a failure only leaves the names for the next write to try again. */
export async function wakeSchedules(rt: Runtime, stream: StreamItem): Promise<void> {
  const names = [...(stream.wakeOnWrite ?? [])];
  if (!names.length) return;
  try {
    for (const name of names) await rt.workflows.setSchedule(name, true);
    await removeWakeOnWrite(rt, stream, names);
    // This copy may be the data plane's cached one: later writes in this runtime need not wake again.
    stream.wakeOnWrite = undefined;
  } catch (e) {
    logger.warn(`stream ${stream.name}: could not turn on ${names.join(', ')}: ${(e as Error).message}`);
  }
}

/**
 * Writers use a copy of the stream item up to a second old: a write that starts this long after
 * wakeOnNextWrite returned is sure to see the request. One that started earlier may not, so a
 * sleeper that must not miss records looks once more after this long.
 */
export const WAKE_VISIBLE_AFTER_MS = DATA_PLANE_CACHE_MS + 1000;

/** The stream's next write turns `workflow`'s schedule on. A stream that is gone needs nothing. */
export async function wakeOnNextWrite(rt: Runtime, streamArn: string, workflow: string): Promise<void> {
  const ref = parseStreamArn(streamArn);
  const stream = ref && (await getStreamItem(rt, ref));
  if (stream) await addWakeOnWrite(rt, stream, [workflow]);
}
