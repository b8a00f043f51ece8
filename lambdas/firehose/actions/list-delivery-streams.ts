import type { ListDeliveryStreamsInput, ListDeliveryStreamsOutput } from '@aws-sdk/client-firehose';
import type { ActionContext } from '../../runtime/context';
import { listDeliveryStreamItems } from '../store/delivery-streams';

export async function listDeliveryStreams(input: ListDeliveryStreamsInput, ctx: ActionContext): Promise<ListDeliveryStreamsOutput> {
  const limit = input.Limit ?? 10;
  const all = (await listDeliveryStreamItems(ctx, input.ExclusiveStartDeliveryStreamName)).filter((d) => !input.DeliveryStreamType || d.type === input.DeliveryStreamType);
  return { DeliveryStreamNames: all.slice(0, limit).map((d) => d.name), HasMoreDeliveryStreams: all.length > limit };
}
