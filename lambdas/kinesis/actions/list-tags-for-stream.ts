import type { ListTagsForStreamInput, ListTagsForStreamOutput } from '@aws-sdk/client-kinesis';
import type { ActionContext } from '../../runtime/context';
import { loadStream } from '../store/streams';

const MAX_TAGS_PER_PAGE = 50;

export async function listTagsForStream(input: ListTagsForStreamInput, ctx: ActionContext): Promise<ListTagsForStreamOutput> {
  const { stream } = await loadStream(ctx, input);
  const limit = Math.min(input.Limit ?? MAX_TAGS_PER_PAGE, MAX_TAGS_PER_PAGE);
  const keys = Object.keys(stream.tags)
    .sort()
    .filter((k) => input.ExclusiveStartTagKey === undefined || k > input.ExclusiveStartTagKey);
  return {
    Tags: keys.slice(0, limit).map((Key) => ({ Key, Value: stream.tags[Key] })),
    HasMoreTags: keys.length > limit,
  };
}
