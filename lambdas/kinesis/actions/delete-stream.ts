import type { DeleteStreamInput } from '@aws-sdk/client-kinesis';
import { ResourceInUseException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { kinesisMessages } from '../domain/messages';
import { startStreamLifecycle } from '../workflows';
import { countConsumers } from '../store/consumers';
import { loadStream, requireActive, updateStream } from '../store/streams';

export async function deleteStream(input: DeleteStreamInput, ctx: ActionContext): Promise<void> {
  const { stream, ref } = await loadStream(ctx, input);
  if (stream.status === 'DELETING') return;
  // Registered consumers protect a stream unless the caller enforces their deletion with it.
  if (!input.EnforceConsumerDeletion && (await countConsumers(ctx, stream.streamId)) > 0) {
    throw new ResourceInUseException(kinesisMessages.streamHasConsumers(input.StreamARN ?? `${ref.account}:${stream.name}`, stream.name));
  }
  // A stream that never became ACTIVE never had readable shards: it describes with none while it goes.
  const neverActive = stream.status === 'CREATING' && (await updateStream(ctx, stream, { status: 'DELETING', shards: [] }, ['CREATING']));
  if (!neverActive && !(await updateStream(ctx, stream, { status: 'DELETING' }, ['ACTIVE', 'UPDATING', 'CREATING']))) requireActive(stream, ref);
  await startStreamLifecycle(ctx, 'delete', stream);
}
