import type { UntagResourceInput } from '@aws-sdk/client-kinesis';
import type { ActionContext } from '../../runtime/context';
import { removeTagsFromStream } from './remove-tags-from-stream';

export async function untagResource(input: UntagResourceInput, ctx: ActionContext): Promise<void> {
  await removeTagsFromStream({ StreamARN: input.ResourceARN, TagKeys: input.TagKeys }, ctx);
}
