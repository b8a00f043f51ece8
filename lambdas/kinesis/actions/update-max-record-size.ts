import type { UpdateMaxRecordSizeInput } from '@aws-sdk/client-kinesis';
import type { ActionContext } from '../../runtime/context';
import { loadStream, requireActive, updateStream } from '../store/streams';

/** Records may be 1–10 MiB; the range itself is checked by the model (ValidationException). */
export async function updateMaxRecordSize(input: UpdateMaxRecordSizeInput, ctx: ActionContext): Promise<void> {
  const { stream, ref } = await loadStream(ctx, { StreamARN: input.StreamARN });
  requireActive(stream, ref);
  if (!(await updateStream(ctx, stream, { maxRecordSizeKiB: input.MaxRecordSizeInKiB! }, ['ACTIVE']))) requireActive({ ...stream, status: 'UPDATING' }, ref);
}
