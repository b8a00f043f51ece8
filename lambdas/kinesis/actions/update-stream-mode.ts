import type { UpdateStreamModeInput } from '@aws-sdk/client-kinesis';
import { LimitExceededException, ValidationException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { checkOnDemandStreamLimit } from '../operations/resharding';
import { beginStreamUpdate, lastDay } from '../operations/stream-settings';
import { addWakeOnWrite, loadStream } from '../store/streams';
import { ON_DEMAND_SCALING } from '../workflows';
import { kinesisMessages } from '../domain/messages';

const MODE_CHANGES_PER_DAY = 2;

export async function updateStreamMode(input: UpdateStreamModeInput, ctx: ActionContext): Promise<void> {
  const { stream, ref } = await loadStream(ctx, { StreamARN: input.StreamARN });
  const mode = input.StreamModeDetails!.StreamMode!;
  if (input.WarmThroughputMiBps !== undefined && mode !== 'ON_DEMAND') {
    throw new ValidationException('WarmThroughputMiBps can only be specified when switching to ON_DEMAND mode.');
  }
  const now = ctx.clock();
  const recent = lastDay(stream.modeChanges, now);
  if (recent.length >= MODE_CHANGES_PER_DAY) {
    throw new LimitExceededException(
      kinesisMessages.modeChangesExceeded(MODE_CHANGES_PER_DAY, stream.name, ref.account),
    );
  }
  if (mode === 'ON_DEMAND' && stream.mode !== 'ON_DEMAND') await checkOnDemandStreamLimit(ctx);
  const warm = input.WarmThroughputMiBps === undefined ? {} : { warmThroughputMiBps: { target: input.WarmThroughputMiBps, current: input.WarmThroughputMiBps } };
  await beginStreamUpdate(ctx, stream, ref, { mode, ...warm }, { modeChanges: [...recent, now] });
  if (mode === 'ON_DEMAND') await addWakeOnWrite(ctx, stream, [ON_DEMAND_SCALING.name]);
}
