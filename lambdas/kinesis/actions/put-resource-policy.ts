import type { PutResourcePolicyInput } from '@aws-sdk/client-kinesis';
import { InvalidArgumentException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { resourceTarget, setPolicy } from '../operations/resource-target';

export async function putResourcePolicy(input: PutResourcePolicyInput, ctx: ActionContext): Promise<void> {
  const target = await resourceTarget(ctx, input.ResourceARN!);
  let parsed: unknown;
  try {
    parsed = JSON.parse(input.Policy!);
  } catch {
    throw new InvalidArgumentException('Policy is not a valid JSON document.');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new InvalidArgumentException('Policy is not a valid JSON document.');
  await setPolicy(ctx, target, input.Policy!);
}
