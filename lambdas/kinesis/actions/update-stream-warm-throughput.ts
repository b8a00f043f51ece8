import type { UpdateStreamWarmThroughputInput, UpdateStreamWarmThroughputOutput } from '@aws-sdk/client-kinesis';
import { InvalidArgumentException, ValidationException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { beginStreamUpdate } from '../operations/stream-settings';
import { commitmentActive, getAccountSettings } from '../store/account-settings';
import { loadStream } from '../store/streams';

const MAX_WARM_THROUGHPUT_MIBPS = 10_240;

export async function updateStreamWarmThroughput(input: UpdateStreamWarmThroughputInput, ctx: ActionContext): Promise<UpdateStreamWarmThroughputOutput> {
  const { stream, ref } = await loadStream(ctx, input);
  const target = input.WarmThroughputMiBps!;
  if (target > MAX_WARM_THROUGHPUT_MIBPS) {
    throw new ValidationException(`1 validation error detected: Value '${target}' at 'warmThroughputMiBps' failed to satisfy constraint: Member must have value less than or equal to ${MAX_WARM_THROUGHPUT_MIBPS}`);
  }
  if (stream.mode !== 'ON_DEMAND') throw new ValidationException('Warm throughput can only be configured for streams in ON_DEMAND mode.');
  if (!commitmentActive(await getAccountSettings(ctx), ctx.clock())) {
    throw new InvalidArgumentException(`Warm throughput requires MinimumThroughputBillingCommitment to be ENABLED for account ${ref.account}.`);
  }
  const current = stream.warmThroughputMiBps?.current ?? 0;
  await beginStreamUpdate(ctx, stream, ref, { warmThroughputMiBps: { target, current: target } }, { warmThroughputMiBps: { target, current } });
  return { StreamARN: stream.arn, StreamName: stream.name, WarmThroughput: { TargetMiBps: target, CurrentMiBps: current } };
}
