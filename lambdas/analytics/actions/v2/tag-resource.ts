import type { TagResourceRequest } from '@aws-sdk/client-kinesis-analytics-v2';
import type { ActionContext } from '../../../runtime/context';
import { changeTags, tagMap } from '../../operations/tags';

export async function tagResource(input: TagResourceRequest, ctx: ActionContext): Promise<void> {
  const added = tagMap(input.Tags!);
  await changeTags(ctx, input.ResourceARN!, (tags) => ({ ...tags, ...added }), 'v2');
}
