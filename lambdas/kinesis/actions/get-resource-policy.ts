import type { GetResourcePolicyInput, GetResourcePolicyOutput } from '@aws-sdk/client-kinesis';
import type { ActionContext } from '../../runtime/context';
import { policyTarget } from '../operations/resource-policy';

/** A stream without a policy answers `{}`, as AWS does. */
export async function getResourcePolicy(input: GetResourcePolicyInput, ctx: ActionContext): Promise<GetResourcePolicyOutput> {
  const { stream } = await policyTarget(ctx, input.ResourceARN!);
  return { Policy: stream.policy ?? '{}' };
}
