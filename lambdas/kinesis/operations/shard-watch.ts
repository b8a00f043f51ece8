/**
 * How a subscription waiting at the head of a shard learns of new records.
 *
 * - With the host's wake-ups (local mode), the write path wakes it the moment a segment is stored,
 *   handing the records over (handed-records.ts): no polling, and an idle subscription costs one
 *   heartbeat timer.
 * - Without (the cloud, where writers run in other Lambdas), it polls the shard head every
 *   `subscriptions.pollMs` with an eventually consistent GetItem (half a read unit) and wakes once
 *   the head holds counters past what it has read, or the shard closed. An eventually consistent
 *   head may lag a moment; the next poll sees the reservation, and the read itself is consistent.
 */
import type { Runtime, StoredBatch } from '../../runtime/context';
import { pause } from '../../runtime/pause';
import { getHead } from '../store/shard-head';

export interface HeadWatch {
  /** True when records may have been stored past counter `after`; false after `ms` or on abort. */
  next(after: number, ms: number, signal?: AbortSignal): Promise<boolean>;
  /** Records the write path handed over since the last call (only in-process wake-ups hand any). */
  take(): StoredBatch[];
  close(): void;
}

export function watchShard(rt: Runtime, key: string): HeadWatch {
  const local = rt.wakeups?.watch(key);
  if (local) return { next: (_after, ms, signal) => local.next(ms, signal), take: () => local.take(), close: () => local.close() };
  return { next: (after, ms, signal) => pollHead(rt, key, after, ms, signal), take: () => [], close: () => undefined };
}

async function pollHead(rt: Runtime, key: string, after: number, ms: number, signal?: AbortSignal): Promise<boolean> {
  const until = rt.clock() + ms;
  for (;;) {
    const left = until - rt.clock();
    if (left <= 0 || signal?.aborted) return false;
    await pause(Math.min(rt.config.subscriptions.pollMs, left), signal);
    if (signal?.aborted) return false;
    const head = await getHead(rt, key, false);
    if (!head || head.closed || head.lastSeq > after) return true;
  }
}
