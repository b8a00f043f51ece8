import type { ListTagsForResourceInput, ListTagsForResourceOutput } from '@aws-sdk/client-kinesis';
import type { ActionContext } from '../../runtime/context';
import { loadStream } from '../store/streams';

export async function listTagsForResource(input: ListTagsForResourceInput, ctx: ActionContext): Promise<ListTagsForResourceOutput> {
  const { stream } = await loadStream(ctx, { StreamARN: input.ResourceARN });
  return { Tags: Object.entries(stream.tags).map(([Key, Value]) => ({ Key, Value })) };
}
