/**
 * `runnel cost --measure`: runs the workload against a local Runnel for a bounded time and returns
 * what the meter counted per operation. Time is sped up K times (the host's injected clock, the
 * schedules, the buffering waits and the load all run K times faster), so a workload that writes
 * one batch a minute shows the same ratios of calls in seconds. K is kept low enough that the
 * local host keeps up (about 15 requests and 1.5 MB a second).
 */
import { CreateStreamCommand, DescribeStreamSummaryCommand, IncreaseStreamRetentionPeriodCommand, KinesisClient } from '@aws-sdk/client-kinesis';
import { CreateDeliveryStreamCommand, DescribeDeliveryStreamCommand, FirehoseClient } from '@aws-sdk/client-firehose';
import { randomBytes } from 'node:crypto';
import type { Counters } from '../lambdas/cost/counters';
import { countLogs } from '../lambdas/cost/meter';
import type { RunnelModel } from '../lambdas/cost/runnel-cost';
import type { Workload } from '../lambdas/cost/workload';
import { startLocal } from '../lambdas/local/host';
import { logger } from '../lambdas/runtime/logger';
import { paced, putAll, putAllToFirehose, shardId, shardReader } from './load';

const REQUESTS_PER_SECOND = 15;
const BYTES_PER_SECOND = 1.5e6;
const MAX_SPEEDUP = 60;
/** Heavy workloads run slower than real time: the host must keep the requested pace. */
const MIN_SPEEDUP = 0.1;
const MIN_REAL_INTERVAL_S = 10;
/** Local PutRecords/PutRecordBatch latency budget: producers in parallel so the pace holds. */
const PRODUCER_LATENCY_S = 0.6;
const credentials = { accessKeyId: 'measure', secretAccessKey: 'measure' };
const ROLE = 'arn:aws:iam::000000000000:role/runnel-cost-measure';

export interface MeasureOptions {
  /** Real seconds to count for; by default long enough for about 20 producer requests. */
  seconds?: number;
  speedup?: number;
  progress?: (line: string) => void;
}

export interface MeasuredRun {
  snapshot: Record<string, Counters>;
  speedup: number;
  /** Workload seconds the measured window stands for (real seconds times the speed-up). */
  workloadSeconds: number;
  records: number;
}

/**
 * A speed-up (or slow-down, below 1) the local host can sustain for this workload: requests and
 * bytes moved (written, then read back by each consumer or flush) within a budget. A local flush
 * takes about half a second, which sped-up time stretches: with data flowing, the buffering
 * interval is kept at least 10 s of real time so flushes stay short beside it, as in the cloud.
 */
export function chooseSpeedup(w: Workload, m: RunnelModel): number {
  const calls = m.operations.filter((o) => !o.label.startsWith('workflow:')).reduce((n, o) => n + o.callsPerMonth, 0) / (w.hoursPerMonth * 3600);
  const readers = w.consumers.reduce((n, c) => n + c.count, 0) + (w.firehose ? 1 : 0);
  const bytes = w.recordsPerSecond * w.recordBytes * Math.max(1, w.streams) * (1 + readers);
  const flushing = w.firehose && w.recordsPerSecond > 0 ? w.firehose.bufferSeconds / MIN_REAL_INTERVAL_S : MAX_SPEEDUP;
  return Math.max(MIN_SPEEDUP, Math.min(MAX_SPEEDUP, flushing, REQUESTS_PER_SECOND / calls, bytes > 0 ? BYTES_PER_SECOND / bytes : MAX_SPEEDUP));
}

/**
 * Per-call averages of what follows from data (records a poll returns, objects a flush writes)
 * settle only over many producer requests: about 20, within half a minute to three minutes.
 */
export function defaultSeconds(w: Workload, k: number): number {
  const requestsPerSecond = (w.recordsPerSecond / w.batchSize) * k;
  return requestsPerSecond > 0 ? Math.round(Math.min(180, Math.max(30, 20 / requestsPerSecond))) : 30;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, ready: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await ready().catch(() => false)) return;
    await sleep(25);
  }
  throw new Error(`${what} never became ACTIVE`);
}

/** Record payloads: printable, half random, so compression has something to do. */
function payload(bytes: number): Buffer {
  const random = randomBytes(Math.ceil(bytes / 4)).toString('hex');
  return Buffer.from(random.padEnd(bytes, ' "level":"info","message":"request served"').slice(0, bytes));
}

export async function measureWorkload(w: Workload, m: RunnelModel, opts: MeasureOptions): Promise<MeasuredRun> {
  const k = opts.speedup ?? chooseSpeedup(w, m);
  const start = Date.now();
  const f = w.firehose;
  logger.setLogLevel('INFO'); // as deployed: the measured log bytes are the cloud's
  countLogs({ silent: true });
  const runnel = await startLocal({
    port: 0,
    s3Port: 0,
    createStreamMs: 0,
    updateStreamMs: 0,
    createDeliveryStreamMs: 0,
    clock: () => Math.floor(start + (Date.now() - start) * k),
    scheduleIntervalMs: 60_000 / k,
    sweepIntervalMs: 3_600_000,
    gapTimeoutMs: 10_000 * k,
    ...(f ? { bufferIntervalMs: (f.bufferSeconds * 1000) / k } : {}),
  });
  const kinesis = new KinesisClient({ endpoint: runnel.url, region: w.region, credentials });
  const firehose = new FirehoseClient({ endpoint: runnel.url, region: w.region, credentials });
  let running = true;
  let records = 0;
  try {
    const loops: Promise<unknown>[] = [];
    if (w.streams > 0) {
      const create = w.streamMode === 'ON_DEMAND' ? { StreamModeDetails: { StreamMode: 'ON_DEMAND' as const } } : { ShardCount: m.shards };
      await kinesis.send(new CreateStreamCommand({ StreamName: w.name, ...create }));
      await until(w.name, async () => (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: w.name }))).StreamDescriptionSummary?.StreamStatus === 'ACTIVE');
      if (w.retentionHours > 24) await kinesis.send(new IncreaseStreamRetentionPeriodCommand({ StreamName: w.name, RetentionPeriodHours: w.retentionHours }));
      for (const c of w.consumers) {
        for (let i = 0; i < c.count * m.shards; i++) {
          const reader = await shardReader(kinesis, w.name, shardId(i % m.shards), 'LATEST');
          loops.push(paced((c.pollIntervalSeconds * 1000) / k, () => running, async () => void (await reader.next())));
        }
      }
    }
    if (f) {
      const source = f.source === 'kinesis' ? { DeliveryStreamType: 'KinesisStreamAsSource' as const, KinesisStreamSourceConfiguration: { KinesisStreamARN: `arn:aws:kinesis:${w.region}:000000000000:stream/${w.name}`, RoleARN: ROLE } } : {};
      await firehose.send(
        new CreateDeliveryStreamCommand({
          DeliveryStreamName: `${w.name}-delivery`,
          ...source,
          ExtendedS3DestinationConfiguration: { RoleARN: ROLE, BucketARN: 'arn:aws:s3:::runnel-cost-measure', CompressionFormat: f.compression, BufferingHints: { SizeInMBs: f.bufferMiB, IntervalInSeconds: f.bufferSeconds } },
        }),
      );
      await until('delivery stream', async () => (await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: `${w.name}-delivery` }))).DeliveryStreamDescription?.DeliveryStreamStatus === 'ACTIVE');
    }
    const batchesPerSecond = (w.recordsPerSecond / w.batchSize) * k;
    if (batchesPerSecond > 0) {
      const produce = w.streams > 0
        ? () => putAll(kinesis, w.name, Array.from({ length: w.batchSize }, () => ({ PartitionKey: randomBytes(w.partitionKeyBytes).toString('base64').slice(0, w.partitionKeyBytes), Data: payload(w.recordBytes - w.partitionKeyBytes) })))
        : () => putAllToFirehose(firehose, `${w.name}-delivery`, Array.from({ length: w.batchSize }, () => payload(w.recordBytes)));
      const producers = Math.max(1, Math.ceil(batchesPerSecond * PRODUCER_LATENCY_S));
      for (let i = 0; i < producers; i++) {
        loops.push(sleep((i * 1000) / batchesPerSecond).then(() => paced((1000 * producers) / batchesPerSecond, () => running, async () => void (await produce(), (records += w.batchSize)))));
      }
    }
    // Warm up (Firehose needs its timers in flight), then count from zero.
    const warmup = f ? Math.max(2, (1.5 * f.bufferSeconds) / k) : 2;
    await tick(warmup, (s) => opts.progress?.(`warming up ${w.name}: ${s.toFixed(0)}/${warmup.toFixed(0)} s (time ×${k.toFixed(1)})`));
    runnel.meter.reset();
    const counted = records;
    const began = performance.now();
    const seconds = opts.seconds ?? defaultSeconds(w, k);
    await tick(seconds, (s) => opts.progress?.(`measuring ${w.name}: ${s.toFixed(0)}/${seconds} s (time ×${k.toFixed(1)}), ${(records - counted).toLocaleString('en-US')} records`));
    const snapshot = runnel.meter.snapshot();
    const workloadSeconds = ((performance.now() - began) / 1000) * k;
    running = false;
    await Promise.allSettled(loops);
    return { snapshot, speedup: k, workloadSeconds, records: records - counted };
  } finally {
    running = false;
    kinesis.destroy();
    firehose.destroy();
    await runnel.stop();
  }
}

async function tick(seconds: number, report: (elapsed: number) => void): Promise<void> {
  const began = performance.now();
  for (let elapsed = 0; elapsed < seconds; elapsed = (performance.now() - began) / 1000) {
    report(elapsed);
    await sleep(Math.min(1000, (seconds - elapsed) * 1000));
  }
}
