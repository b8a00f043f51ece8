import type { ListTagsForResourceRequest, ListTagsForResourceResponse } from '@aws-sdk/client-kinesis-analytics-v2';
import type { ActionContext } from '../../../runtime/context';
import { applicationByArn } from '../../operations/tags';

export async function listTagsForResource(input: ListTagsForResourceRequest, ctx: ActionContext): Promise<ListTagsForResourceResponse> {
  const app = await applicationByArn(ctx, input.ResourceARN!, 'v2');
  return { Tags: Object.entries(app.tags).map(([Key, Value]) => ({ Key, Value })) };
}
