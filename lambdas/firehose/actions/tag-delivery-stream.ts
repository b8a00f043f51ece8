import type { TagDeliveryStreamInput } from '@aws-sdk/client-firehose';
import { LimitExceededException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { loadDeliveryStream, updateDeliveryStream } from '../store/delivery-streams';
import { firehoseMessages } from '../domain/messages';

const MAX_TAGS = 50;

export async function tagDeliveryStream(input: TagDeliveryStreamInput, ctx: ActionContext): Promise<void> {
  const ds = await loadDeliveryStream(ctx, input.DeliveryStreamName!);
  const tags = { ...ds.tags, ...Object.fromEntries(input.Tags!.map((t) => [t.Key!, t.Value ?? ''])) };
  if (Object.keys(tags).length > MAX_TAGS) {
    throw new LimitExceededException(firehoseMessages.tooManyTags(ds.name, ctx.account, MAX_TAGS));
  }
  await updateDeliveryStream(ctx, ds, { tags });
}
