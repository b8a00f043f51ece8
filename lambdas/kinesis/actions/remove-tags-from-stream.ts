import type { RemoveTagsFromStreamInput } from '@aws-sdk/client-kinesis';
import type { ActionContext } from '../../runtime/context';
import { checkTagKeys } from '../domain/tags';
import { loadStream, updateStream } from '../store/streams';

export async function removeTagsFromStream(input: RemoveTagsFromStreamInput, ctx: ActionContext): Promise<void> {
  const { stream, ref } = await loadStream(ctx, input);
  checkTagKeys(input.TagKeys!, ref);
  const tags = Object.fromEntries(Object.entries(stream.tags).filter(([k]) => !input.TagKeys!.includes(k)));
  await updateStream(ctx, stream, { tags });
}
