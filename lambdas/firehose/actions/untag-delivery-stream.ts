import type { UntagDeliveryStreamInput } from '@aws-sdk/client-firehose';
import type { ActionContext } from '../../runtime/context';
import { loadDeliveryStream, updateDeliveryStream } from '../store/delivery-streams';

export async function untagDeliveryStream(input: UntagDeliveryStreamInput, ctx: ActionContext): Promise<void> {
  const ds = await loadDeliveryStream(ctx, input.DeliveryStreamName!);
  await updateDeliveryStream(ctx, ds, { tags: Object.fromEntries(Object.entries(ds.tags).filter(([k]) => !input.TagKeys!.includes(k))) });
}
