import { InvalidArgumentException } from '../protocol/errors';
import type { ActionContext } from '../runtime/context';
import type { DeliveryStreamItem } from './domain/delivery-stream';
import { loadDeliveryStream, updateDeliveryStream } from './store/delivery-streams';

/**
 * Server-side encryption of a DirectPut delivery stream. Buffered data is always encrypted at rest
 * (the buffer table is), so the change takes effect at once, without the ENABLING step.
 */
export async function changeEncryption(ctx: ActionContext, name: string, encryption: NonNullable<DeliveryStreamItem['encryption']>): Promise<void> {
  const ds = await loadDeliveryStream(ctx, name);
  if (ds.type !== 'DirectPut') throw new InvalidArgumentException('Server-side encryption is only supported for delivery streams of type DirectPut.');
  await updateDeliveryStream(ctx, ds, { encryption });
}
