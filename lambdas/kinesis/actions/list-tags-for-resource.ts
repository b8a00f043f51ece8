import type { ListTagsForResourceInput, ListTagsForResourceOutput } from '@aws-sdk/client-kinesis';
import type { ActionContext } from '../../runtime/context';
import { resourceTarget } from '../operations/resource-target';

export async function listTagsForResource(input: ListTagsForResourceInput, ctx: ActionContext): Promise<ListTagsForResourceOutput> {
  const { tags } = await resourceTarget(ctx, input.ResourceARN!);
  return { Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) };
}
