/**
 * The Kinesis service's public write port: other services put records on Runnel streams only
 * through it. It takes PutRecords' own path (routing, sequencing, quotas), in batches PutRecords
 * would accept.
 */
import { ResourceNotFoundException } from '../../protocol/errors';
import { batchBySize } from '../../runtime/batches';
import type { Runtime } from '../../runtime/context';
import { kinesisMessages } from '../domain/messages';
import { putBatch } from '../operations/put-batch';
import { loadStreamForData, parseStreamArn } from '../store/streams';

const BATCH_RECORDS = 500;

export interface OutgoingRecord {
  partitionKey: string;
  data: Uint8Array;
}

/** Writes the records in order; returns how many were stored (all of them, or fewer when some failed). */
export async function writeToStream(rt: Runtime, streamArn: string, records: OutgoingRecord[]): Promise<number> {
  const ref = parseStreamArn(streamArn);
  if (!ref) throw new ResourceNotFoundException(kinesisMessages.streamNotFound(streamArn, rt.config.accountId));
  const ctx = { ...rt, account: ref.account, region: ref.region };
  const { stream, ref: resolved } = await loadStreamForData(ctx, { StreamARN: streamArn });
  let stored = 0;
  for (const batch of batchBySize(records, (r) => r.data.length + Buffer.byteLength(r.partitionKey), rt.config.maxPutRecordsBytes, BATCH_RECORDS)) {
    const outcomes = await putBatch(ctx, stream, resolved, batch.map((r) => ({ Data: r.data, PartitionKey: r.partitionKey })));
    stored += outcomes.filter((o) => o.ok).length;
    if (outcomes.some((o) => !o.ok)) break;
  }
  return stored;
}
