import type { DeleteDeliveryStreamInput } from '@aws-sdk/client-firehose';
import { ResourceInUseException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { startDeliveryStreamLifecycle } from '../workflows';
import { loadDeliveryStream, updateDeliveryStream } from '../store/delivery-streams';
import { firehoseMessages } from '../domain/messages';

/** DELETING first; the workflow delivers what is still buffered, then removes the stream. */
export async function deleteDeliveryStream(input: DeleteDeliveryStreamInput, ctx: ActionContext): Promise<void> {
  const ds = await loadDeliveryStream(ctx, input.DeliveryStreamName!);
  if (ds.status === 'DELETING') return;
  if (ds.status === 'CREATING' || !(await updateDeliveryStream(ctx, ds, { status: 'DELETING' }, { statuses: ['ACTIVE'] }))) {
    throw new ResourceInUseException(firehoseMessages.notActive(ds.name, ctx.account, ds.status));
  }
  await startDeliveryStreamLifecycle(ctx, 'delete', ds);
}
