/**
 * Records the write path handed to a waiting subscription (local mode, see runtime ShardWakeups),
 * so a subscription that is up to date pushes them without reading them back from the store.
 *
 * Handed records are used only where they continue exactly from the subscription's position (the
 * next counter); a batch further on means records in between are still being written (or were
 * handed to nobody), and the subscription reads the store with readShard, which stops at gaps.
 * Batches are handed over only once durably stored, so nothing is skipped and nothing repeated.
 */
import type { StoredBatch } from '../../runtime/context';
import { recordSize } from '../domain/record-size';
import type { ReadResult, StoredRecord } from '../store/shard-reader';

/** A subscription that falls this far behind reads from the store instead. */
const MAX_BATCHES = 1024;

export class HandedRecords {
  private batches: StoredBatch[] = [];

  add(batches: StoredBatch[]): void {
    this.batches.push(...batches);
    if (this.batches.length > MAX_BATCHES) this.batches = [];
  }

  /** Records continuing from counter `after` (at least one, then up to `limit` and `maxBytes`), or undefined. */
  next(after: number, limit: number, maxBytes: number): ReadResult | undefined {
    this.batches = this.batches.filter((b) => b.first + b.records.length - 1 > after);
    const records: StoredRecord[] = [];
    let bytes = 0;
    let next = after + 1;
    for (let batch = this.holding(next); batch; batch = this.holding(next)) {
      for (let i = next - batch.first; i < batch.records.length; i++) {
        const r = batch.records[i];
        const record = { partitionKey: r.partitionKey, data: r.data, counter: batch.first + i, arrival: batch.arrival, encrypted: batch.encrypted };
        if (records.length >= limit || (records.length > 0 && bytes + recordSize(record) > maxBytes)) {
          return { records, after: next - 1, behindSince: records.at(-1)!.arrival };
        }
        records.push(record);
        bytes += recordSize(record);
        next++;
      }
    }
    if (!records.length) return undefined;
    // Batches left over begin past a gap: the subscription is behind by at least their age.
    const later = this.batches.filter((b) => b.first > next - 1);
    return { records, after: next - 1, behindSince: later.length ? Math.min(...later.map((b) => b.arrival)) : undefined };
  }

  private holding(counter: number): StoredBatch | undefined {
    return this.batches.find((b) => b.first <= counter && counter < b.first + b.records.length);
  }
}
