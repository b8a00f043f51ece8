/** StartTime and EndTime, both required, the start strictly before the (exclusive) end. */
import { InvalidParameterValue } from './errors';
import { MESSAGES } from './messages';
import { required, timestamp, type Raw } from './wire-input';

export function readTimeRange(input: Raw): { startMs: number; endMs: number } {
  const startMs = required(timestamp(input.StartTime, 'StartTime'), 'StartTime');
  const endMs = required(timestamp(input.EndTime, 'EndTime'), 'EndTime');
  if (startMs >= endMs) throw new InvalidParameterValue(MESSAGES.startBeforeEnd());
  return { startMs, endMs };
}
