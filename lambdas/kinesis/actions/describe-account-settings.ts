import type { DescribeAccountSettingsOutput } from '@aws-sdk/client-kinesis';
import type { ActionContext } from '../../runtime/context';
import { describeCommitment, getAccountSettings } from '../store/account-settings';

export async function describeAccountSettings(_input: object, ctx: ActionContext): Promise<DescribeAccountSettingsOutput> {
  const commitment = describeCommitment(await getAccountSettings(ctx), ctx.clock());
  return commitment ? { MinimumThroughputBillingCommitment: commitment } : {};
}
