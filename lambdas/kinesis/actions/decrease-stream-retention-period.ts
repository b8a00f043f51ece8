import type { DecreaseStreamRetentionPeriodInput } from '@aws-sdk/client-kinesis';
import { InvalidArgumentException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { MAX_RETENTION_HOURS, MIN_RETENTION_HOURS } from '../domain/retention';
import { changeRetention } from '../operations/retention';

export async function decreaseStreamRetentionPeriod(input: DecreaseStreamRetentionPeriodInput, ctx: ActionContext): Promise<void> {
  const hours = input.RetentionPeriodHours!;
  await changeRetention(ctx, input, (stream) => {
    if (hours < MIN_RETENTION_HOURS) {
      throw new InvalidArgumentException(`Minimum allowed retention period is ${MIN_RETENTION_HOURS} hours. Requested retention period (${hours} hours) is too short.`);
    }
    if (hours > MAX_RETENTION_HOURS) {
      throw new InvalidArgumentException(`Maximum allowed retention period is ${MAX_RETENTION_HOURS} hours. Requested retention period (${hours} hours) is too long.`);
    }
    if (hours > stream.retentionHours) {
      throw new InvalidArgumentException(
        `Requested retention period (${hours} hours) for stream ${stream.name} can not be longer than existing retention period (${stream.retentionHours} hours). Use IncreaseRetentionPeriod API.`,
      );
    }
    return hours;
  });
}
