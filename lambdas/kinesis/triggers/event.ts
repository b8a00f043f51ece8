/** The event AWS's Kinesis event source mapping hands a function, built from stream records. */
import type { StreamRecord } from '../reader';

export interface KinesisEventContext {
  streamArn: string;
  region: string;
  /** The role the function runs as: AWS names it in every record. */
  invokeIdentityArn: string;
}

export function kinesisEvent(records: StreamRecord[], ctx: KinesisEventContext) {
  return {
    Records: records.map((r) => ({
      kinesis: {
        kinesisSchemaVersion: '1.0',
        partitionKey: r.partitionKey,
        sequenceNumber: r.sequenceNumber,
        data: Buffer.from(r.data).toString('base64'),
        approximateArrivalTimestamp: r.arrival / 1000,
      },
      eventSource: 'aws:kinesis',
      eventVersion: '1.0',
      eventID: `${r.shardId}:${r.sequenceNumber}`,
      eventName: 'aws:kinesis:record',
      invokeIdentityArn: ctx.invokeIdentityArn,
      awsRegion: ctx.region,
      eventSourceARN: ctx.streamArn,
    })),
  };
}

/**
 * How many leading records a ReportBatchItemFailures response lets go: Lambda resumes from the
 * failure with the lowest sequence number. A malformed response fails the whole batch, as on AWS.
 */
export function acceptedBefore(records: StreamRecord[], response: unknown): number {
  const failures = (response as { batchItemFailures?: unknown } | null)?.batchItemFailures;
  if (failures === undefined || failures === null) return records.length;
  if (!Array.isArray(failures)) return 0;
  let first = records.length;
  for (const f of failures) {
    const id = (f as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    const at = typeof id === 'string' ? records.findIndex((r) => r.sequenceNumber === id) : -1;
    if (at < 0) return 0;
    first = Math.min(first, at);
  }
  return first;
}
