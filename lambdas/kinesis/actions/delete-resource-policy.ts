import type { DeleteResourcePolicyInput } from '@aws-sdk/client-kinesis';
import { ResourceNotFoundException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { removePolicy, resourceTarget } from '../operations/resource-target';

export async function deleteResourcePolicy(input: DeleteResourcePolicyInput, ctx: ActionContext): Promise<void> {
  const target = await resourceTarget(ctx, input.ResourceARN!);
  if (target.policy === undefined) throw new ResourceNotFoundException(`No resource policy found for resource ARN ${input.ResourceARN}.`);
  await removePolicy(ctx, target);
}
