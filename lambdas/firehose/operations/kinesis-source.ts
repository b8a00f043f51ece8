/**
 * A delivery stream whose source is a Runnel Kinesis stream reads it with Kinesis's checkpointed
 * reader, keeping its checkpoints beside its buffer. Records the buffer refused are read again from
 * the last checkpoint by the next poll (at-least-once, as Firehose).
 */
import { randomUUID } from 'node:crypto';
import { readNewRecords } from '../../kinesis/reader';
import type { Runtime } from '../../runtime/context';
import type { DeliveryStreamItem } from '../domain/delivery-stream';
import { acquireLease, releaseLease } from '../store/buffer-control';
import { sourceCheckpoints } from '../store/source-checkpoints';
import { ingest } from './ingest';

/** A poll reads at most a few batches per shard: well within this lease. */
const POLL_LEASE_MS = 5 * 60_000;

/**
 * Buffers what is new on the source stream; returns how many records were buffered. Polls of one
 * delivery stream never overlap (a slow one may outlast its schedule), or both would buffer the
 * same records.
 */
export async function pollKinesisSource(rt: Runtime, ds: DeliveryStreamItem): Promise<number> {
  const holder = randomUUID();
  if (!(await acquireLease(rt, ds.id, 'poll', holder, rt.clock() + POLL_LEASE_MS))) return 0;
  try {
    return await readSource(rt, ds);
  } finally {
    await releaseLease(rt, ds.id, 'poll', holder);
  }
}

function readSource(rt: Runtime, ds: DeliveryStreamItem): Promise<number> {
  const source = ds.source!;
  return readNewRecords(rt, {
    streamArn: source.KinesisStreamARN,
    start: { type: 'AT_TIMESTAMP', timestamp: source.DeliveryStartTimestamp },
    checkpoints: sourceCheckpoints(rt, ds.id),
    // All or nothing: records the buffer refused are read again, with those it took (at-least-once).
    deliver: async (records) => ((await ingest(rt, ds, records.map((r) => r.data))).every((id) => id !== undefined) ? records.length : 0),
  });
}
