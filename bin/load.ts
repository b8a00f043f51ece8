/**
 * Load generation with the stock SDK clients, shared by `bench` (as fast as it goes) and
 * `cost --measure` (paced at a workload's rate): producers that resend what was refused, and
 * consumers that read a shard's iterator chain.
 */
import { GetRecordsCommand, GetShardIteratorCommand, PutRecordsCommand, type GetRecordsOutput, type KinesisClient, type PutRecordsRequestEntry } from '@aws-sdk/client-kinesis';
import { PutRecordBatchCommand, type FirehoseClient } from '@aws-sdk/client-firehose';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Read like a well-behaved consumer: on a read throttle, wait and try again. */
export async function patiently<T>(call: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await call();
    } catch (e) {
      if ((e as Error).name !== 'ProvisionedThroughputExceededException') throw e;
      await sleep(250);
    }
  }
}

export interface Stored {
  sequenceNumber: string;
  shardId: string;
  entry: PutRecordsRequestEntry;
}

/** PutRecords until every entry is stored: entries refused (throttled) are sent again. */
export async function putAll(kinesis: KinesisClient, stream: string, entries: PutRecordsRequestEntry[]): Promise<{ stored: Stored[]; resent: number }> {
  const stored: Stored[] = [];
  let resent = 0;
  let pending = entries;
  while (pending.length) {
    const res = await kinesis.send(new PutRecordsCommand({ StreamName: stream, Records: pending }));
    const failed: PutRecordsRequestEntry[] = [];
    res.Records!.forEach((r, i) => (r.SequenceNumber ? stored.push({ sequenceNumber: r.SequenceNumber, shardId: r.ShardId!, entry: pending[i] }) : failed.push(pending[i])));
    resent += failed.length;
    pending = failed;
  }
  return { stored, resent };
}

/** PutRecordBatch until every record is buffered. */
export async function putAllToFirehose(firehose: FirehoseClient, deliveryStream: string, records: Uint8Array[]): Promise<void> {
  let pending = records;
  while (pending.length) {
    const res = await firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: deliveryStream, Records: pending.map((Data) => ({ Data })) }));
    pending = pending.filter((_, i) => res.RequestResponses![i].ErrorCode);
  }
}

/**
 * Runs `task` at a steady rate, one start every `everyMs` (a slow run delays the next start rather
 * than doubling up), until `running()` turns false. Returns how many runs started.
 */
export async function paced(everyMs: number, running: () => boolean, task: () => Promise<void>): Promise<number> {
  let runs = 0;
  const started = performance.now();
  while (running()) {
    await task();
    runs++;
    const due = started + runs * everyMs;
    await sleep(Math.max(0, due - performance.now()));
  }
  return runs;
}

export interface ShardReader {
  /** Reads the next page; records and whether the reader is caught up. */
  next(): Promise<GetRecordsOutput>;
}

/** A reader of one shard's iterator chain, from TRIM_HORIZON or LATEST. */
export async function shardReader(kinesis: KinesisClient, stream: string, shardId: string, from: 'TRIM_HORIZON' | 'LATEST'): Promise<ShardReader> {
  let iterator = (await kinesis.send(new GetShardIteratorCommand({ StreamName: stream, ShardId: shardId, ShardIteratorType: from }))).ShardIterator;
  return {
    async next() {
      const page = await patiently(() => kinesis.send(new GetRecordsCommand({ ShardIterator: iterator })));
      iterator = page.NextShardIterator;
      return page;
    },
  };
}

export const shardId = (index: number) => `shardId-${String(index).padStart(12, '0')}`;
