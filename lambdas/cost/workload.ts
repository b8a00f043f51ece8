/**
 * What a workload is, checked: every input the cost model takes, with the defaults a preset or the
 * command line may leave out. Anything nonsensical (negative rates, a zero batch) is refused with
 * a message naming the input, never priced.
 */
import { isEdge, unknownEdge, type Edge } from './edges';

export interface ConsumerSpec {
  /** Consumers reading every shard this way. */
  count: number;
  /** Shared-throughput GetRecords polling, or enhanced fan-out (SubscribeToShard). */
  mode: 'polling' | 'efo';
  /** Seconds between GetRecords calls per shard (polling consumers). */
  pollIntervalSeconds: number;
}

export interface FirehoseSpec {
  /** DirectPut (PutRecordBatch) or a Kinesis stream as source. */
  source: 'direct' | 'kinesis';
  bufferMiB: number;
  bufferSeconds: number;
  compression: 'UNCOMPRESSED' | 'GZIP' | 'ZIP' | 'Snappy' | 'HADOOP_SNAPPY';
  /** Delivered bytes over ingested bytes after compression. */
  compressionRatio: number;
  /** A Lambda processor: its duration per invocation of up to 1 MiB, and memory. */
  transform?: { durationMs: number; memoryMB: number };
  formatConversion: boolean;
  dynamicPartitioning: boolean;
}

export interface AnalyticsSpec {
  applications: number;
  /** KPUs per application on the AWS side. */
  kpus: number;
  /** Output rows per input record, written to a Kinesis stream (absent: 1). */
  outputRatio?: number;
}

export interface Workload {
  name: string;
  description: string;
  /** Average records per second written (0: idle). */
  recordsPerSecond: number;
  /** Hourly multipliers of the average over a day (mean 1); sizes shards for the peak. */
  dailyProfile?: number[];
  /** Record size as Kinesis counts it: data plus partition key (Firehose: data only). */
  recordBytes: number;
  partitionKeyBytes: number;
  /** Records per PutRecords / PutRecordBatch request. */
  batchSize: number;
  /** Kinesis streams (each with the rates above); 0 for a Firehose-only workload. */
  streams: number;
  streamMode: 'PROVISIONED' | 'ON_DEMAND';
  /** Shards per stream; sized by Kinesis's limits when absent. */
  shards?: number;
  consumers: ConsumerSpec[];
  /** Lambda functions consuming each stream (Runnel triggers; on AWS, Kinesis event source mappings). */
  triggers?: number;
  retentionHours: number;
  firehose?: FirehoseSpec;
  analytics?: AnalyticsSpec;
  hoursPerMonth: number;
  freeTier: boolean;
  region: string;
  /** The deployment's front door (edges.ts): which of CloudFront and API Gateway each request passes. */
  edge: Edge;
  /**
   * Where Runnel's clients run: on the internet (answers are billed as data transfer out), or in
   * the deployment's Region, where answers straight from Lambda or API Gateway cross no billed
   * boundary (CloudFront still bills its transfer out). Kinesis's consumers are taken to be in the
   * Region either way. Absent: internet.
   */
  clients?: 'internet' | 'region';
}

export class WorkloadError extends Error {}

const COMPRESSIONS = ['UNCOMPRESSED', 'GZIP', 'ZIP', 'Snappy', 'HADOOP_SNAPPY'];

function need(ok: boolean, message: string): void {
  if (!ok) throw new WorkloadError(message);
}

const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);
const atLeast = (n: unknown, min: number) => finite(n) && n >= min;
const positiveInteger = (n: unknown) => finite(n) && Number.isInteger(n) && n >= 1;

/** Refuses anything the model cannot price honestly; returns the workload unchanged. */
export function checkWorkload(w: Workload): Workload {
  need(atLeast(w.recordsPerSecond, 0), `records per second must be a number >= 0 (got ${w.recordsPerSecond})`);
  need(atLeast(w.recordBytes, 1), `record size must be at least 1 byte (got ${w.recordBytes})`);
  need(w.recordBytes <= 10 * 1024 * 1024, `record size must be at most 10 MiB (got ${w.recordBytes})`);
  need(Number.isInteger(w.partitionKeyBytes) && w.partitionKeyBytes >= 1 && w.partitionKeyBytes <= 256, `partition key must be 1-256 bytes (got ${w.partitionKeyBytes})`);
  need(w.streams === 0 || w.recordBytes > w.partitionKeyBytes, 'record size must exceed the partition key size');
  need(positiveInteger(w.batchSize) && w.batchSize <= 500, `batch size must be a whole number from 1 to 500 (got ${w.batchSize})`);
  need(Number.isInteger(w.streams) && w.streams >= 0, `streams must be a whole number >= 0 (got ${w.streams})`);
  need(w.shards === undefined || positiveInteger(w.shards), `shards must be a whole number >= 1 (got ${w.shards})`);
  need(atLeast(w.retentionHours, 24) && w.retentionHours <= 8760, `retention must be 24-8760 hours (got ${w.retentionHours})`);
  need(isEdge(w.edge), unknownEdge(w.edge));
  need(w.clients === undefined || w.clients === 'internet' || w.clients === 'region', `clients must be internet or region (got ${w.clients})`);
  need(atLeast(w.hoursPerMonth, 1) && w.hoursPerMonth <= 744, `hours per month must be 1-744 (got ${w.hoursPerMonth})`);
  need(w.triggers === undefined || (Number.isInteger(w.triggers) && w.triggers >= 0), `triggers must be a whole number >= 0 (got ${w.triggers})`);
  for (const c of w.consumers) {
    need(Number.isInteger(c.count) && c.count >= 0, `consumer count must be a whole number >= 0 (got ${c.count})`);
    need(c.mode === 'polling' || c.mode === 'efo', `consumer mode must be polling or efo (got ${c.mode})`);
    need(atLeast(c.pollIntervalSeconds, 0.2), `poll interval must be at least 0.2 s, Kinesis's 5 reads/s per shard (got ${c.pollIntervalSeconds})`);
  }
  if (w.dailyProfile) {
    need(w.dailyProfile.length === 24 && w.dailyProfile.every((m) => atLeast(m, 0)), 'the daily profile needs 24 hourly multipliers >= 0');
    const mean = w.dailyProfile.reduce((a, b) => a + b, 0) / 24;
    need(Math.abs(mean - 1) < 0.01, `the daily profile's multipliers must average 1 (got ${mean.toFixed(3)})`);
  }
  if (w.firehose) {
    const f = w.firehose;
    need(f.source === 'direct' || f.source === 'kinesis', `Firehose source must be direct or kinesis (got ${f.source})`);
    need(f.source === 'direct' || w.streams > 0, 'a Kinesis-source delivery stream needs a stream');
    need(atLeast(f.bufferMiB, 1) && f.bufferMiB <= 128, `Firehose buffer size must be 1-128 MiB (got ${f.bufferMiB})`);
    need(atLeast(f.bufferSeconds, 0) && f.bufferSeconds <= 900, `Firehose buffer interval must be 0-900 s (got ${f.bufferSeconds})`);
    need(COMPRESSIONS.includes(f.compression), `compression must be one of ${COMPRESSIONS.join(', ')} (got ${f.compression})`);
    need(finite(f.compressionRatio) && f.compressionRatio > 0 && f.compressionRatio <= 1.1, `compression ratio must be in (0, 1.1] (got ${f.compressionRatio})`);
    need(!f.transform || (atLeast(f.transform.durationMs, 1) && atLeast(f.transform.memoryMB, 128)), 'a transform needs a duration >= 1 ms and memory >= 128 MB');
  }
  if (w.analytics) {
    need(Number.isInteger(w.analytics.applications) && w.analytics.applications >= 0, `analytics applications must be a whole number >= 0 (got ${w.analytics.applications})`);
    need(atLeast(w.analytics.kpus, 1), `analytics KPUs must be at least 1 (got ${w.analytics.kpus})`);
    need(w.analytics.outputRatio === undefined || (atLeast(w.analytics.outputRatio, 0) && w.analytics.outputRatio <= 1000), `analytics output ratio must be 0-1000 rows per record (got ${w.analytics.outputRatio})`);
  }
  return w;
}

/** The busiest hour's multiplier of the average rate. */
export function peakFactor(w: Workload): number {
  return w.dailyProfile ? Math.max(...w.dailyProfile) : 1;
}

export function secondsPerMonth(w: Workload): number {
  return w.hoursPerMonth * 3600;
}

export function recordsPerMonth(w: Workload): number {
  return w.recordsPerSecond * secondsPerMonth(w);
}

/** Consumers of one shard, by how they read. */
export function consumerCounts(w: Workload): { polling: number; efo: number } {
  const sum = (mode: ConsumerSpec['mode']) => w.consumers.filter((c) => c.mode === mode).reduce((n, c) => n + c.count, 0);
  return { polling: sum('polling'), efo: sum('efo') };
}

/**
 * Shards per stream by Kinesis's limits at the peak hour: 1 MiB/s and 1,000 records/s written per
 * shard, and 2 MiB/s read per shard shared by all polling consumers (each EFO consumer gets its own
 * 2 MiB/s, so they need no extra shards). A fixed shard count is kept if it carries the load.
 */
export function shardsFor(w: Workload, limits: { writeBytes: number; writeRecords: number; readBytes: number }): number {
  const rate = w.recordsPerSecond * peakFactor(w);
  const bytes = rate * w.recordBytes;
  const needed = Math.max(1, Math.ceil(bytes / limits.writeBytes), Math.ceil(rate / limits.writeRecords), Math.ceil((bytes * consumerCounts(w).polling) / limits.readBytes));
  return Math.max(needed, w.shards ?? 0);
}
