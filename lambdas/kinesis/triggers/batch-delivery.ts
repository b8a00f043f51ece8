/**
 * Hands one shard's records to a function in batches, with the event source mapping's failure
 * rules: a failed batch blocks the shard and is retried (until MaximumRetryAttempts, then it is
 * skipped); BisectBatchOnFunctionError splits a failing batch and retries the halves; with
 * ReportBatchItemFailures the records before the first reported failure count as processed.
 */
import type { StreamRecord } from '../reader';
import { acceptedBefore } from './event';
import type { Trigger } from './trigger';

export type Invoke = (records: StreamRecord[]) => Promise<unknown>;

/** Failed attempts per trigger and shard position, so retries are counted across polls. */
export type AttemptLog = Map<string, number>;

/** Returns how many leading records are done (processed, or skipped after their retries ran out). */
export async function deliverBatches(trigger: Trigger, records: StreamRecord[], invoke: Invoke, attempts: AttemptLog): Promise<number> {
  let done = 0;
  while (done < records.length) {
    const took = await deliverBatch(trigger, records.slice(done, done + trigger.batchSize), invoke, attempts);
    done += took;
    if (took === 0) break;
  }
  return done;
}

async function deliverBatch(trigger: Trigger, batch: StreamRecord[], invoke: Invoke, attempts: AttemptLog): Promise<number> {
  const key = `${trigger.id}:${batch[0].shardId}:${batch[0].sequenceNumber}`;
  let response: unknown;
  try {
    response = await invoke(batch);
  } catch {
    if (trigger.bisectBatchOnFunctionError && batch.length > 1) {
      const half = Math.ceil(batch.length / 2);
      const first = await deliverBatch(trigger, batch.slice(0, half), invoke, attempts);
      return first < half ? first : half + (await deliverBatch(trigger, batch.slice(half), invoke, attempts));
    }
    return failed(trigger, batch, key, attempts);
  }
  const accepted = trigger.reportBatchItemFailures ? acceptedBefore(batch, response) : batch.length;
  if (accepted === batch.length) {
    attempts.delete(key);
    return accepted;
  }
  return accepted > 0 ? accepted : failed(trigger, batch, key, attempts);
}

/** A failed batch blocks its shard, unless its retries have run out: then it is skipped. */
function failed(trigger: Trigger, batch: StreamRecord[], key: string, attempts: AttemptLog): number {
  const n = (attempts.get(key) ?? 0) + 1;
  if (trigger.maximumRetryAttempts >= 0 && n > trigger.maximumRetryAttempts) {
    attempts.delete(key);
    return batch.length;
  }
  attempts.set(key, n);
  return 0;
}
