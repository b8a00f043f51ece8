import type { ActionContext } from '../../runtime/context';
import type { StreamItem } from '../domain/stream';
import { loadStream, requireActive, type StreamRef, updateStream } from '../store/streams';


/**
 * Sets a new retention period chosen (and checked) by `decide`. Reads filter by the new period at
 * once; after an increase, the ExtendRetention workflow extends what is already stored.
 */
export async function changeRetention(ctx: ActionContext, input: StreamRef, decide: (stream: StreamItem) => number): Promise<StreamItem> {
  const { stream, ref } = await loadStream(ctx, input);
  requireActive(stream, ref);
  const hours = decide(stream);
  if (!(await updateStream(ctx, stream, { retentionHours: hours }, ['ACTIVE']))) requireActive({ ...stream, status: 'UPDATING' }, ref);
  return stream;
}
