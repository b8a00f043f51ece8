import type { TagResourceInput } from '@aws-sdk/client-kinesis';
import type { ActionContext } from '../../runtime/context';
import { mergeTags } from '../domain/tags';
import { loadStream, updateStream } from '../store/streams';

export async function tagResource(input: TagResourceInput, ctx: ActionContext): Promise<void> {
  const { stream, ref } = await loadStream(ctx, { StreamARN: input.ResourceARN });
  await updateStream(ctx, stream, { tags: mergeTags(stream.tags, input.Tags!, ref) });
}
