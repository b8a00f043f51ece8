/**
 * `npm run bench`: starts a local Runnel and measures it with the stock SDK client. Prints one JSON
 * line. Write quotas are off unless `--quotas` is given (with them on, 4 shards cap writes at
 * 4,000 records/s by design, which is what the bench would then measure). `--efo` measures
 * enhanced fan-out push latency instead (bench-efo.ts).
 */
import { CreateStreamCommand, DescribeStreamSummaryCommand, KinesisClient, PutRecordCommand, SplitShardCommand } from '@aws-sdk/client-kinesis';
import { parseArgs } from 'node:util';
import { startLocal } from '../lambdas/local/host';
import { logger } from '../lambdas/runtime/logger';
import { benchEfo } from './bench-efo';
import { putAll, shardId, shardReader } from './load';

const RECORD_BYTES = 200;
const BATCH = 500;
const IN_FLIGHT = 4;
const SHARDS = 4;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

export async function bench(args: string[]) {
  if (args.includes('--analytics')) return (await import('./bench-analytics')).benchAnalytics(args);
  const { values } = parseArgs({ args, options: { batches: { type: 'string', default: '200' }, quotas: { type: 'boolean', default: false }, samples: { type: 'string', default: '200' }, efo: { type: 'boolean', default: false } } });
  logger.setLogLevel('WARN');
  if (values.efo) return benchEfo({ samples: Number(values.samples), quotas: values.quotas! });
  const runnel = await startLocal({ port: 0, s3Port: 0, createStreamMs: 0, quotas: values.quotas });
  const kinesis = new KinesisClient({ endpoint: runnel.url, region: 'us-east-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
  try {
    await kinesis.send(new CreateStreamCommand({ StreamName: 'bench', ShardCount: SHARDS }));
    while ((await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'bench' }))).StreamDescriptionSummary?.StreamStatus !== 'ACTIVE') await new Promise((r) => setTimeout(r, 10));

    // PutRecords: batches of 500 × 200 B, 4 requests in flight; throttled entries are resent.
    const batches = Number(values.batches);
    const acked = new Map<string, { shard: string; data: string }>();
    let throttled = 0;
    let next = 0;
    const payload = (b: number, i: number) => `${b}-${i}-`.padEnd(RECORD_BYTES, 'x');
    const putStart = performance.now();
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        for (let b = next++; b < batches; b = next++) {
          const { stored, resent } = await putAll(kinesis, 'bench', Array.from({ length: BATCH }, (_, i) => ({ PartitionKey: `pk-${b}-${i}`, Data: Buffer.from(payload(b, i)) })));
          for (const s of stored) acked.set(s.sequenceNumber, { shard: s.shardId, data: Buffer.from(s.entry.Data!).toString() });
          throttled += resent;
        }
      }),
    );
    const putSeconds = (performance.now() - putStart) / 1000;
    const totalRecords = batches * BATCH;

    // GetRecords: read every shard from the start, verifying exactly-once, in-order delivery.
    const getStart = performance.now();
    let read = 0;
    let duplicatesOrMissing = 0;
    let outOfOrder = 0;
    const seen = new Set<string>();
    for (let s = 0; s < SHARDS; s++) {
      const reader = await shardReader(kinesis, 'bench', shardId(s), 'TRIM_HORIZON');
      let last = 0n;
      for (;;) {
        const r = await reader.next();
        for (const rec of r.Records!) {
          const seq = BigInt(rec.SequenceNumber!);
          if (seq <= last) outOfOrder++;
          last = seq;
          const expected = acked.get(rec.SequenceNumber!);
          if (!expected || seen.has(rec.SequenceNumber!) || expected.data !== Buffer.from(rec.Data!).toString()) duplicatesOrMissing++;
          seen.add(rec.SequenceNumber!);
        }
        read += r.Records!.length;
        if (r.Records!.length === 0 && r.MillisBehindLatest === 0) break;
      }
    }
    const getSeconds = (performance.now() - getStart) / 1000;
    duplicatesOrMissing += acked.size - seen.size;

    // Single PutRecord calls, one at a time.
    const singleStart = performance.now();
    let singles = 0;
    while (performance.now() - singleStart < 3000) {
      await kinesis.send(new PutRecordCommand({ StreamName: 'bench', PartitionKey: 'single', Data: Buffer.alloc(RECORD_BYTES, 1) }));
      singles++;
    }
    const singleSeconds = (performance.now() - singleStart) / 1000;

    // Propagation: time from sending a PutRecord to a polling reader receiving it.
    const shardOfKey = (await kinesis.send(new PutRecordCommand({ StreamName: 'bench', PartitionKey: 'latency', Data: Buffer.from('warmup') }))).ShardId!;
    const latest = await shardReader(kinesis, 'bench', shardOfKey, 'LATEST');
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    let stop = false;
    const poller = (async () => {
      while (!stop) {
        const r = await latest.next();
        const now = performance.now();
        for (const rec of r.Records!) {
          const t0 = sentAt.get(Buffer.from(rec.Data!).toString());
          if (t0 !== undefined) latencies.push(now - t0);
        }
        // Within quotas a consumer polls a shard at most 5 times a second.
        if (values.quotas) await new Promise((res) => setTimeout(res, 200));
      }
    })();
    for (let i = 0; i < Number(values.samples); i++) {
      const id = `lat-${i}`;
      sentAt.set(id, performance.now());
      await kinesis.send(new PutRecordCommand({ StreamName: 'bench', PartitionKey: 'latency', Data: Buffer.from(id) }));
      await new Promise((r) => setTimeout(r, 5));
    }
    const waitUntil = performance.now() + 5000;
    while (latencies.length < Number(values.samples) && performance.now() < waitUntil) await new Promise((r) => setTimeout(r, 10));
    stop = true;
    await poller;
    latencies.sort((a, b) => a - b);

    // Resharding: how long SplitShard takes from the call until the stream is ACTIVE again.
    const splitStart = performance.now();
    await kinesis.send(new SplitShardCommand({ StreamName: 'bench', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: '42535295865117307932921825928971026432' }));
    while ((await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: 'bench' }))).StreamDescriptionSummary?.StreamStatus !== 'ACTIVE') await new Promise((r) => setTimeout(r, 5));
    const splitMs = performance.now() - splitStart;

    console.log(
      JSON.stringify({
        quotas: values.quotas,
        shards: SHARDS,
        putRecords: { records: totalRecords, recordBytes: RECORD_BYTES, batch: BATCH, inFlight: IN_FLIGHT, seconds: round(putSeconds, 2), recordsPerSecond: Math.round(totalRecords / putSeconds), mbPerSecond: round((totalRecords * RECORD_BYTES) / putSeconds / 1e6, 2), throttledRetries: throttled },
        putRecord: { calls: singles, perSecond: Math.round(singles / singleSeconds) },
        getRecords: { records: read, seconds: round(getSeconds, 2), recordsPerSecond: Math.round(read / getSeconds) },
        propagationMs: { samples: latencies.length, p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)) },
        splitShardMs: round(splitMs),
        verified: { acknowledged: acked.size, readBack: seen.size, duplicatesOrMissing, outOfOrder, exactlyOnceInOrder: duplicatesOrMissing === 0 && outOfOrder === 0 && seen.size === totalRecords },
      }),
    );
  } finally {
    kinesis.destroy();
    await runnel.stop();
  }
}
