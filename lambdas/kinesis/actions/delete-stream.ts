import type { DeleteStreamInput } from '@aws-sdk/client-kinesis';
import type { ActionContext } from '../../runtime/context';
import { startStreamLifecycle } from '../workflows';
import { loadStream, requireActive, updateStream } from '../store/streams';

export async function deleteStream(input: DeleteStreamInput, ctx: ActionContext): Promise<void> {
  const { stream, ref } = await loadStream(ctx, input);
  if (stream.status === 'DELETING') return;
  // A stream that never became ACTIVE never had readable shards: it describes with none while it goes.
  const neverActive = stream.status === 'CREATING' && (await updateStream(ctx, stream, { status: 'DELETING', shards: [] }, ['CREATING']));
  if (!neverActive && !(await updateStream(ctx, stream, { status: 'DELETING' }, ['ACTIVE', 'UPDATING', 'CREATING']))) requireActive(stream, ref);
  await startStreamLifecycle(ctx, 'delete', stream);
}
