import type { TagResourceInput } from '@aws-sdk/client-kinesis';
import type { ActionContext } from '../../runtime/context';
import { mergeTags } from '../domain/tags';
import { resourceTarget, setTags } from '../operations/resource-target';

export async function tagResource(input: TagResourceInput, ctx: ActionContext): Promise<void> {
  const target = await resourceTarget(ctx, input.ResourceARN!);
  await setTags(ctx, target, mergeTags(target.tags, input.Tags!, { label: input.ResourceARN!, account: target.ref.account }));
}
