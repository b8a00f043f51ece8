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

/** What one poll of a source found: records buffered, and whether more is on its way (`pending`). */
export interface SourcePoll {
  records: number;
  /** Another poll holds the source, or a shard stopped in front of records still being stored. */
  pending: boolean;
}

/**
 * Buffers what is new on the source stream. Polls of one delivery stream never overlap (a slow one
 * may outlast its schedule), or both would buffer the same records.
 */
export async function pollKinesisSource(rt: Runtime, ds: DeliveryStreamItem): Promise<SourcePoll> {
  const holder = randomUUID();
  if (!(await acquireLease(rt, ds.id, 'poll', holder, rt.clock() + POLL_LEASE_MS))) return { records: 0, pending: true };
  try {
    return await readSource(rt, ds);
  } finally {
    await releaseLease(rt, ds.id, 'poll', holder);
  }
}

async function readSource(rt: Runtime, ds: DeliveryStreamItem): Promise<SourcePoll> {
  const source = ds.source!;
  let pending = false;
  const records = await readNewRecords(rt, {
    streamArn: source.KinesisStreamARN,
    start: { type: 'AT_TIMESTAMP', timestamp: source.DeliveryStartTimestamp },
    checkpoints: sourceCheckpoints(rt, ds.id),
    // All or nothing: records the buffer refused are read again, with those it took (at-least-once).
    deliver: async (records) => ((await ingest(rt, ds, records.map((r) => r.data))).every((id) => id !== undefined) ? records.length : 0),
    onGap: () => (pending = true),
  });
  return { records, pending };
}
