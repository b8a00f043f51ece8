import type { ListTagsForDeliveryStreamInput, ListTagsForDeliveryStreamOutput } from '@aws-sdk/client-firehose';
import type { ActionContext } from '../../runtime/context';
import { loadDeliveryStream } from '../store/delivery-streams';

export async function listTagsForDeliveryStream(input: ListTagsForDeliveryStreamInput, ctx: ActionContext): Promise<ListTagsForDeliveryStreamOutput> {
  const ds = await loadDeliveryStream(ctx, input.DeliveryStreamName!);
  const limit = input.Limit ?? 50;
  const keys = Object.keys(ds.tags)
    .sort()
    .filter((k) => input.ExclusiveStartTagKey === undefined || k > input.ExclusiveStartTagKey);
  return { Tags: keys.slice(0, limit).map((Key) => ({ Key, Value: ds.tags[Key] })), HasMoreTags: keys.length > limit };
}
