import type { UntagResourceInput } from '@aws-sdk/client-kinesis';
import type { ActionContext } from '../../runtime/context';
import { checkTagKeys } from '../domain/tags';
import { resourceTarget, setTags } from '../operations/resource-target';

export async function untagResource(input: UntagResourceInput, ctx: ActionContext): Promise<void> {
  const target = await resourceTarget(ctx, input.ResourceARN!);
  checkTagKeys(input.TagKeys!, { label: input.ResourceARN!, account: target.ref.account });
  await setTags(ctx, target, Object.fromEntries(Object.entries(target.tags).filter(([k]) => !input.TagKeys!.includes(k))));
}
