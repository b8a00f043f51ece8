/**
 * The soak's producers and consumers: stock SDK clients doing what applications do. Producers
 * resend what failed or went unanswered (as new attempts, so the checker can tell them apart);
 * consumers follow resharding parents-first and pick a shard up again after their iterator stops
 * working, from the last sequence number they read.
 */
import { gunzipSync } from 'node:zlib';
import { FirehoseClient, PutRecordBatchCommand, PutRecordCommand } from '@aws-sdk/client-firehose';
import { GetRecordsCommand, GetShardIteratorCommand, KinesisClient, ListShardsCommand, PutRecordsCommand, type Shard } from '@aws-sdk/client-kinesis';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { listKeys } from '../lambdas/local/s3';
import { attemptId, firehoseAttemptId, firehoseRecord, payloadOf, type DeliveredObject, type FirehoseOutcome, type Outcome, type ReadRecord } from './soak-checker';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Counts every HTTP request the clients send and every answer they get, retried attempts included. */
export interface HttpTally {
  sent: number;
  byStatus: Record<number, number>;
  /** 5xx answers by error type (`x-amzn-errortype`), to tell Firehose's modelled 503 from a crash. */
  serverErrors: Record<string, number>;
}

export const newTally = (): HttpTally => ({ sent: 0, byStatus: {}, serverErrors: {} });

const CREDENTIALS = { accessKeyId: 'AKIDSOAK', secretAccessKey: 'soak' };

/* eslint-disable @typescript-eslint/no-explicit-any -- one middleware for two clients' stacks */
function tallied<C extends { middlewareStack: { add(m: any, o: any): void } }>(client: C, tally: HttpTally): C {
  client.middlewareStack.add(
    (next: (a: unknown) => Promise<{ response: unknown }>) => async (args: unknown) => {
      tally.sent++;
      const out = await next(args);
      const response = out.response as { statusCode?: number; headers?: Record<string, string> };
      const status = response.statusCode ?? 0;
      tally.byStatus[status] = (tally.byStatus[status] ?? 0) + 1;
      if (status >= 500) {
        const type = (response.headers?.['x-amzn-errortype'] ?? 'unknown').split(':')[0];
        tally.serverErrors[`${status} ${type}`] = (tally.serverErrors[`${status} ${type}`] ?? 0) + 1;
      }
      return out;
    },
    // Inside the retry loop (finalizeRequest): every attempt is counted.
    { step: 'deserialize', priority: 'low', name: 'soakTally' },
  );
  return client;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

export function soakClient(endpoint: string, tally: HttpTally): KinesisClient {
  return tallied(new KinesisClient({ endpoint, region: 'us-east-1', credentials: CREDENTIALS, maxAttempts: 5 }), tally);
}

export function soakFirehoseClient(endpoint: string, tally: HttpTally): FirehoseClient {
  return tallied(new FirehoseClient({ endpoint, region: 'us-east-1', credentials: CREDENTIALS, maxAttempts: 5 }), tally);
}

export interface ProducerOptions {
  id: number;
  stream: string;
  client: KinesisClient;
  ledger: Map<string, Outcome>;
  until: () => boolean;
  random: () => number;
  /** Set to abort the batch in flight and stop for good (a producer killed mid-batch). */
  kill?: AbortSignal;
}

/** Sends batches until `until()`, resending failed and unanswered records as new attempts. */
export async function produce(o: ProducerOptions): Promise<void> {
  let nextSeq = 0;
  const retry: { seq: number; attempt: number; key: string; size: number }[] = [];
  while (!o.until() && !o.kill?.aborted) {
    const fresh = Math.floor(o.random() * 40) + 1;
    const big = o.random() < 0.1;
    const batch = retry.splice(0, 500).map((r) => ({ ...r, attempt: r.attempt + 1 }));
    for (let i = 0; i < fresh && batch.length < 500; i++) {
      batch.push({ seq: nextSeq++, attempt: 0, key: `k${Math.floor(o.random() * 64)}`, size: big ? 2_000 + Math.floor(o.random() * 6_000) : 20 + Math.floor(o.random() * 200) });
    }
    const ids = batch.map((b) => attemptId(o.id, b.seq, b.attempt));
    for (const id of ids) o.ledger.set(id, { kind: 'unknown' });
    try {
      const res = await o.client.send(
        new PutRecordsCommand({ StreamName: o.stream, Records: batch.map((b, i) => ({ PartitionKey: b.key, Data: payloadOf(ids[i], b.size) })) }),
        o.kill ? { abortSignal: o.kill } : {},
      );
      res.Records!.forEach((r, i) => {
        if (r.SequenceNumber) o.ledger.set(ids[i], { kind: 'acked', shardId: r.ShardId!, sequenceNumber: r.SequenceNumber });
        else {
          o.ledger.set(ids[i], { kind: 'failed' });
          retry.push(batch[i]);
        }
      });
    } catch {
      // No answer: the records may or may not be stored. Send them again as new attempts.
      if (o.kill?.aborted) return;
      retry.push(...batch);
      await sleep(200);
    }
  }
}

interface ShardState {
  shard: Shard;
  iterator?: string;
  lastSeq?: string;
  done: boolean;
}

export interface ConsumerOptions {
  stream: string;
  client: KinesisClient;
  reads: ReadRecord[];
  /** True once nothing more will be written. */
  producersDone: () => boolean;
  /** How long every shard must stay empty, after producers are done, before reading stops. */
  quietMs: number;
}

/** Reads every shard of the stream from TRIM_HORIZON, parents before children, until quiet. */
export async function consume(o: ConsumerOptions): Promise<void> {
  const shards = new Map<string, ShardState>();
  let quietSince: number | undefined;
  let lastList = 0;
  for (;;) {
    if (Date.now() - lastList > 500) {
      lastList = Date.now();
      const listed = await o.client.send(new ListShardsCommand({ StreamName: o.stream })).catch(() => undefined);
      for (const shard of listed?.Shards ?? []) if (!shards.has(shard.ShardId!)) shards.set(shard.ShardId!, { shard, done: false });
    }
    const ready = [...shards.values()].filter((s) => !s.done && [s.shard.ParentShardId, s.shard.AdjacentParentShardId].every((p) => !p || !shards.has(p) || shards.get(p)!.done));
    let got = 0;
    let failed = false;
    for (const s of ready) {
      try {
        got += await readOnce(o, s);
      } catch {
        failed = true;
      }
    }
    if (got > 0 || failed || !o.producersDone()) quietSince = undefined;
    else quietSince ??= Date.now();
    if (quietSince !== undefined && Date.now() - quietSince >= o.quietMs) return;
    if (got === 0) await sleep(failed ? 200 : 50);
  }
}

async function readOnce(o: ConsumerOptions, s: ShardState): Promise<number> {
  if (!s.iterator) {
    const start = s.lastSeq ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER' as const, StartingSequenceNumber: s.lastSeq } : { ShardIteratorType: 'TRIM_HORIZON' as const };
    s.iterator = (await o.client.send(new GetShardIteratorCommand({ StreamName: o.stream, ShardId: s.shard.ShardId!, ...start }))).ShardIterator;
  }
  try {
    const page = await o.client.send(new GetRecordsCommand({ ShardIterator: s.iterator!, Limit: 1000 }));
    for (const r of page.Records ?? []) {
      o.reads.push({ shardId: s.shard.ShardId!, sequenceNumber: r.SequenceNumber!, partitionKey: r.PartitionKey!, data: Buffer.from(r.Data!) });
      s.lastSeq = r.SequenceNumber;
    }
    s.iterator = page.NextShardIterator;
    if (!s.iterator) s.done = true;
    return page.Records?.length ?? 0;
  } catch (e) {
    // An iterator that stopped working (expired, or issued before a restart) is replaced from the last record read.
    if (['ExpiredIteratorException', 'InvalidArgumentException'].includes((e as Error).name)) s.iterator = undefined;
    throw e;
  }
}

export interface FirehoseProducerOptions {
  id: number;
  deliveryStream: string;
  client: FirehoseClient;
  ledger: Map<string, FirehoseOutcome>;
  until: () => boolean;
  random: () => number;
}

/**
 * Writes to a delivery stream until `until()`: mostly PutRecordBatch, every tenth call a single
 * PutRecord. Failed entries and unanswered calls are resent as new attempts, as Firehose asks
 * callers to do.
 */
export async function produceFirehose(o: FirehoseProducerOptions): Promise<void> {
  let nextSeq = 0;
  const retry: { seq: number; attempt: number; size: number }[] = [];
  while (!o.until()) {
    const single = o.random() < 0.1;
    const batch = retry.splice(0, single ? 1 : 500).map((r) => ({ ...r, attempt: r.attempt + 1 }));
    const fresh = single ? 1 : Math.floor(o.random() * 40) + 1;
    for (let i = 0; batch.length < fresh; i++) batch.push({ seq: nextSeq++, attempt: 0, size: 60 + Math.floor(o.random() * 400) });
    const ids = batch.map((b) => firehoseAttemptId(o.id, b.seq, b.attempt));
    const data = batch.map((b) => Buffer.from(firehoseRecord(o.id, b.seq, b.attempt, b.size)));
    for (const id of ids) o.ledger.set(id, 'unknown');
    try {
      if (single) {
        await o.client.send(new PutRecordCommand({ DeliveryStreamName: o.deliveryStream, Record: { Data: data[0] } }));
        o.ledger.set(ids[0], 'acked');
      } else {
        const res = await o.client.send(new PutRecordBatchCommand({ DeliveryStreamName: o.deliveryStream, Records: data.map((Data) => ({ Data })) }));
        res.RequestResponses!.forEach((r, i) => {
          if (r.RecordId) o.ledger.set(ids[i], 'acked');
          else {
            o.ledger.set(ids[i], 'failed');
            retry.push(batch[i]);
          }
        });
      }
    } catch (e) {
      // An AWS error answer (ServiceUnavailableException once the SDK's retries are spent) means
      // not stored; no answer at all leaves it unknown. Either way the records are sent again.
      if ((e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode) for (const id of ids) o.ledger.set(id, 'failed');
      retry.push(...batch);
      await sleep(200);
    }
  }
}

/**
 * Every object in `bucket`, decompressed (GZIP), in key order; none while the bucket does not
 * exist. Objects already in `known` (by key) are not read again: a delivered object never changes.
 */
export async function readDelivered(s3: S3Client, bucket: string, known = new Map<string, DeliveredObject>()): Promise<DeliveredObject[]> {
  const keys = await listKeys(s3, bucket);
  const objects: DeliveredObject[] = [];
  for (const key of keys) {
    if (known.has(key)) {
      objects.push(known.get(key)!);
      continue;
    }
    const raw = Buffer.from(await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToByteArray());
    let body = raw;
    try {
      if (key.endsWith('.gz')) body = gunzipSync(raw);
    } catch {
      body = Buffer.from('(not GZIP)\n'); // the checker reports it as corrupted
    }
    known.set(key, { key, body });
    objects.push({ key, body });
  }
  return objects;
}
