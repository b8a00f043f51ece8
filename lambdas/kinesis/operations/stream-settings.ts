/** Settings changes that make a stream UPDATING for a while (mode, encryption, warm throughput). */
import type { ActionContext } from '../../runtime/context';
import { startStreamUpdate } from '../workflows';
import type { StreamItem } from '../domain/stream';
import { getStreamItem, requireActive, type ResolvedRef, updateStream } from '../store/streams';

export async function beginStreamUpdate(
  ctx: ActionContext,
  stream: StreamItem,
  ref: ResolvedRef,
  changes: Partial<StreamItem>,
  bookkeeping: Partial<StreamItem> = {},
): Promise<void> {
  requireActive(stream, ref);
  if (!(await updateStream(ctx, stream, { status: 'UPDATING', ...bookkeeping }, ['ACTIVE']))) {
    requireActive((await getStreamItem(ctx, ref)) ?? stream, ref);
  }
  await startStreamUpdate(ctx, stream, changes, String(ctx.clock()));
}

/** Timestamps from the last 24 hours, for limits per rolling day. */
export function lastDay(times: number[] | undefined, now: number): number[] {
  return (times ?? []).filter((t) => now - t < 86_400_000);
}
