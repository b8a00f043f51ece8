/**
 * A delivery stream whose source is a Runnel Kinesis stream reads it with Kinesis's checkpointed
 * reader, keeping its checkpoints beside its buffer. Records the buffer refused are read again from
 * the last checkpoint by the next poll (at-least-once, as Firehose).
 */
import { readNewRecords } from '../../kinesis/reader';
import type { Runtime } from '../../runtime/context';
import type { DeliveryStreamItem } from '../domain/delivery-stream';
import { sourceCheckpoints } from '../store/source-checkpoints';
import { ingest } from './ingest';

/** Buffers what is new on the source stream; returns how many records were buffered. */
export function pollKinesisSource(rt: Runtime, ds: DeliveryStreamItem): Promise<number> {
  const source = ds.source!;
  return readNewRecords(rt, {
    streamArn: source.KinesisStreamARN,
    start: { type: 'AT_TIMESTAMP', timestamp: source.DeliveryStartTimestamp },
    checkpoints: sourceCheckpoints(rt, ds.id),
    // All or nothing: records the buffer refused are read again, with those it took (at-least-once).
    deliver: async (records) => ((await ingest(rt, ds, records.map((r) => r.data))).every((id) => id !== undefined) ? records.length : 0),
  });
}
