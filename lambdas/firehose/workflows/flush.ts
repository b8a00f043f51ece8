/**
 * A Firehose buffer flush. The first record of an empty buffer starts one that waits the buffering
 * interval; a write that crosses the size threshold starts one at once. The flush task delivers one
 * object's worth and says whether more should follow at once. Executions are named by what
 * started them, so a duplicate start is harmless. Failures are retried; a flush that keeps failing
 * leaves the records buffered for the next one, never drops them.
 */
import type { Runtime } from '../../runtime/context';
import type { DeliveryStreamRef, FlushReason } from '../domain/delivery-stream';
import type { WorkflowSpec } from '../../workflows/asl';

export const FIREHOSE_FLUSH: WorkflowSpec = {
  name: 'FirehoseFlush',
  placeholders: { FirehoseTasksFunctionArn: 'firehoseTasks' },
  definition: {
    Comment: 'Runnel Firehose buffer flush: wait for the interval or flush at once, then deliver to S3',
    StartAt: 'Route',
    States: {
      Route: {
        Type: 'Choice',
        Choices: [{ Variable: '$.reason', StringEquals: 'interval', Next: 'WaitForInterval' }],
        Default: 'FlushBuffer',
      },
      WaitForInterval: { Type: 'Wait', SecondsPath: '$.waitSeconds', Next: 'FlushBuffer' },
      FlushBuffer: {
        Type: 'Task',
        Resource: '${FirehoseTasksFunctionArn}',
        Parameters: { task: 'flushBuffer', 'deliveryStream.$': '$.deliveryStream', 'flushId.$': '$.flushId', 'reason.$': '$.reason' },
        ResultPath: '$.result',
        Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 2, MaxAttempts: 6, BackoffRate: 2 }],
        Next: 'MoreToFlush',
      },
      MoreToFlush: {
        Type: 'Choice',
        Choices: [{ Variable: '$.result.more', BooleanEquals: true, Next: 'FlushBuffer' }],
        Default: 'Flushed',
      },
      Flushed: { Type: 'Succeed' },
    },
  },
};

export function startFlush(rt: Runtime, ref: DeliveryStreamRef, reason: FlushReason, waitSeconds: number, name: string): Promise<void> {
  const flushId = `flush-${ref.id}-${name}`;
  return rt.workflows.start(FIREHOSE_FLUSH.name, flushId, { deliveryStream: ref, reason, waitSeconds, flushId });
}
