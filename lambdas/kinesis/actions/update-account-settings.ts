import type { UpdateAccountSettingsInput, UpdateAccountSettingsOutput } from '@aws-sdk/client-kinesis';
import type { ActionContext } from '../../runtime/context';
import { describeCommitment, getAccountSettings, putAccountSettings, type AccountSettings } from '../store/account-settings';

/** A minimum-throughput commitment runs for at least a day once enabled. */
const MINIMUM_COMMITMENT_MS = 86_400_000;

export async function updateAccountSettings(input: UpdateAccountSettingsInput, ctx: ActionContext): Promise<UpdateAccountSettingsOutput> {
  const now = ctx.clock();
  const settings = await getAccountSettings(ctx);
  const current = describeCommitment(settings, now)?.Status;
  const wanted = input.MinimumThroughputBillingCommitment!.Status!;
  let next: AccountSettings['commitment'] = settings.commitment;
  if (wanted === 'ENABLED' && current !== 'ENABLED') {
    next = { status: 'ENABLED', startedAt: now, earliestAllowedEndAt: now + MINIMUM_COMMITMENT_MS };
  } else if (wanted === 'DISABLED' && settings.commitment && current !== 'DISABLED') {
    const earliest = settings.commitment.earliestAllowedEndAt ?? now;
    next = now < earliest ? { ...settings.commitment, status: 'ENABLED_UNTIL_EARLIEST_ALLOWED_END', endedAt: earliest } : { ...settings.commitment, status: 'DISABLED', endedAt: now };
  }
  const updated = { ...settings, commitment: next };
  await putAccountSettings(ctx, updated);
  return { MinimumThroughputBillingCommitment: describeCommitment(updated, now) ?? { Status: 'DISABLED' } };
}
