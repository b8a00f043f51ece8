import { InvalidArgumentException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import type { DeliveryStreamItem } from '../domain/delivery-stream';
import { loadDeliveryStream, notFound } from '../store/delivery-streams';

/** The delivery stream a PutRecord(Batch) names, if it takes direct writes now. */
export async function writableDeliveryStream(ctx: ActionContext, name: string): Promise<DeliveryStreamItem> {
  const ds = await loadDeliveryStream(ctx, name);
  if (ds.status !== 'ACTIVE') throw notFound(ctx, name);
  if (ds.type === 'KinesisStreamAsSource') throw new InvalidArgumentException('This operation is not permitted on KinesisStreamAsSource delivery stream type.');
  return ds;
}
