import type { GetResourcePolicyInput, GetResourcePolicyOutput } from '@aws-sdk/client-kinesis';
import type { ActionContext } from '../../runtime/context';
import { resourceTarget } from '../operations/resource-target';

/** A stream or consumer without a policy answers `{}`, as AWS does. */
export async function getResourcePolicy(input: GetResourcePolicyInput, ctx: ActionContext): Promise<GetResourcePolicyOutput> {
  const { policy } = await resourceTarget(ctx, input.ResourceARN!);
  return { Policy: policy ?? '{}' };
}
