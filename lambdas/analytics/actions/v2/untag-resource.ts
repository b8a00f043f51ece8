import type { UntagResourceRequest } from '@aws-sdk/client-kinesis-analytics-v2';
import type { ActionContext } from '../../../runtime/context';
import { changeTags } from '../../operations/tags';

export async function untagResource(input: UntagResourceRequest, ctx: ActionContext): Promise<void> {
  await changeTags(ctx, input.ResourceARN!, (tags) => Object.fromEntries(Object.entries(tags).filter(([k]) => !input.TagKeys!.includes(k))), 'v2');
}
