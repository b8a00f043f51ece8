/**
 * The soak's producers and consumers: stock SDK clients doing what applications do. Producers
 * resend what failed or went unanswered (as new attempts, so the checker can tell them apart);
 * consumers follow resharding parents-first and pick a shard up again after their iterator stops
 * working, from the last sequence number they read.
 */
import { GetRecordsCommand, GetShardIteratorCommand, KinesisClient, ListShardsCommand, PutRecordsCommand, type Shard } from '@aws-sdk/client-kinesis';
import { attemptId, payloadOf, type Outcome, type ReadRecord } from './soak-checker';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Counts every HTTP answer the clients get, retried attempts included. */
export interface HttpTally {
  byStatus: Record<number, number>;
}

export function soakClient(endpoint: string, tally: HttpTally): KinesisClient {
  const client = new KinesisClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIDSOAK', secretAccessKey: 'soak' }, maxAttempts: 5 });
  client.middlewareStack.add(
    (next) => async (args) => {
      const out = await next(args);
      const status = (out.response as { statusCode?: number }).statusCode ?? 0;
      tally.byStatus[status] = (tally.byStatus[status] ?? 0) + 1;
      return out;
    },
    { step: 'deserialize', priority: 'low', name: 'soakTally' },
  );
  return client;
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
