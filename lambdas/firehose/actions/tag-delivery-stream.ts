import type { TagDeliveryStreamInput } from '@aws-sdk/client-firehose';
import { AwsError } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { loadDeliveryStream, updateDeliveryStream } from '../store/delivery-streams';

const MAX_TAGS = 50;

export async function tagDeliveryStream(input: TagDeliveryStreamInput, ctx: ActionContext): Promise<void> {
  const ds = await loadDeliveryStream(ctx, input.DeliveryStreamName!);
  const tags = { ...ds.tags, ...Object.fromEntries(input.Tags!.map((t) => [t.Key!, t.Value ?? ''])) };
  if (Object.keys(tags).length > MAX_TAGS) {
    throw new AwsError('LimitExceededException', `Firehose ${ds.name} under account ${ctx.account} cannot have more than ${MAX_TAGS} tags.`);
  }
  await updateDeliveryStream(ctx, ds, { tags });
}
