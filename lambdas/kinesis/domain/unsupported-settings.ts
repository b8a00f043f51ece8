/**
 * Kinesis request members Runnel does not implement. Each one that would change what a stream does
 * is refused with InvalidArgumentException naming the member, rather than accepted and dropped; a
 * value that asks for nothing (a warm throughput of 0) is accepted. The README ("Settings Runnel
 * refuses or ignores") lists what is refused, what is ignored and why, and what works differently.
 */
import type { CreateStreamInput } from '@aws-sdk/client-kinesis';
import { InvalidArgumentException } from '../../protocol/errors';

export function refuseUnsupportedCreateStreamSettings(input: CreateStreamInput): void {
  // Only UpdateStreamWarmThroughput records warm throughput (after checking the account's commitment).
  if (input.WarmThroughputMiBps) {
    throw new InvalidArgumentException(
      'WarmThroughputMiBps is not supported by CreateStream in Runnel; create the stream in ON_DEMAND mode, then call UpdateStreamWarmThroughput.',
    );
  }
}
