#!/usr/bin/env -S npx tsx
/**
 * `npm run soak`: producers and consumers on a multi-shard stream for a bounded time while storage
 * faults are injected, one producer is killed mid-batch, a shard is split and two are merged, and
 * the server is restarted once on its --path; then the checker (soak-checker.ts) proves every
 * acknowledged record was read exactly once per consumer, in order. Alongside, Firehose producers
 * write to a DirectPut delivery stream (S3 destination, GZIP, 1 MiB buffer, flushed every
 * --flush-interval-ms) through the same faults and restart, and the checker reads every object it
 * wrote and proves every acknowledged record is there at least once, and exactly once unless a
 * flush crashed. Prints a summary and one JSON report, and exits 1 if anything was lost, skipped,
 * duplicated or reordered, or any request got a 5xx other than Firehose's modelled 503.
 *
 *   npm run soak -- --seconds 120 --producers 4 --consumers 3 --shards 4 --firehose-producers 2 --faults dynamodb=0.05,s3=0.05,after=0.3
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CreateDeliveryStreamCommand, DescribeDeliveryStreamCommand, type FirehoseClient } from '@aws-sdk/client-firehose';
import type { S3Client } from '@aws-sdk/client-s3';
import { CreateStreamCommand, DescribeStreamSummaryCommand, ListShardsCommand, MergeShardsCommand, SplitShardCommand, type KinesisClient, type Shard } from '@aws-sdk/client-kinesis';
import { startLocal, type LocalRunnel } from '../lambdas/local/host';
import { scanAll } from '../lambdas/runtime/bulk';
import { s3ClientFor } from '../lambdas/local/s3';
import { parseFaultRates, seededRandom, type FaultRates } from '../lambdas/local/storage-faults';
import { consume, newTally, produce, produceFirehose, readDelivered, soakClient, soakFirehoseClient, type HttpTally } from './soak-actors';
import { check, checkFirehose, clean, cleanFirehose, type DeliveredObject, type FirehoseOutcome, type FirehoseVerdict, type Outcome, type ReadRecord, type Verdict } from './soak-checker';

export interface SoakOptions {
  seconds: number;
  producers: number;
  consumers: number;
  shards: number;
  /** Producers writing to the Firehose delivery stream (0: no Firehose part). */
  firehoseProducers: number;
  /** How long a Firehose buffer waits before it is flushed (replaces its 60 s interval). */
  flushIntervalMs: number;
  faults: FaultRates;
  seed: number;
}

/** What the printed summary quotes, per service. */
export interface ServiceSummary {
  /** HTTP requests the clients sent, retried attempts included. */
  requestsSent: number;
  /** 5xx answers, by status and error type. */
  serverErrors: Record<string, number>;
  /** Storage faults injected into calls for this service's tables and buckets. */
  faultsInjected: number;
  /** Acknowledged records found where they belong (Kinesis: by every consumer; Firehose: in S3). */
  recordsVerified: number;
  duplicated: number;
  lost: number;
}

export interface SoakReport {
  options: SoakOptions;
  elapsedSeconds: number;
  http: Record<number, number>;
  faults: { calls: number; injected: number; byKind: Record<string, number>; byResource: Record<string, number>; surfacedPastSdkRetries: number };
  events: string[];
  verdict: Verdict;
  firehose: { http: Record<number, number>; verdict: FirehoseVerdict; acknowledgedBeforeRestart: number; flushTasks: { calls: number; failures: number }; bufferAtEnd: object };
  summary: { kinesis: ServiceSummary; firehose: ServiceSummary };
  ok: boolean;
}

const STREAM = 'soak';
const DELIVERY_STREAM = 'soak-archive';
const BUCKET = 'soak-firehose';
/** Firehose's modelled throttling answer (PutRecord when the buffer cannot take the record): not a crash. */
const FIREHOSE_MODELLED_5XX = '503 ServiceUnavailableException';
/** The workflow states whose task calls flush a delivery stream's buffer. */
const FLUSH_TASKS = ['FirehoseFlush.FlushBuffer', 'DeliveryStreamLifecycle.DrainBuffer'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Retries a control-plane call through restarts and UPDATING states. */
async function persist<T>(what: () => Promise<T>): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await what();
    } catch (e) {
      if (i >= 100) throw e;
      await sleep(250);
    }
  }
}

async function untilActive(kinesis: KinesisClient): Promise<void> {
  while ((await persist(() => kinesis.send(new DescribeStreamSummaryCommand({ StreamName: STREAM })))).StreamDescriptionSummary!.StreamStatus !== 'ACTIVE') await sleep(100);
}

async function untilDeliveryStreamActive(firehose: FirehoseClient): Promise<void> {
  while ((await persist(() => firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: DELIVERY_STREAM })))).DeliveryStreamDescription!.DeliveryStreamStatus !== 'ACTIVE') await sleep(100);
}

async function openShards(kinesis: KinesisClient) {
  const { Shards = [] } = await persist(() => kinesis.send(new ListShardsCommand({ StreamName: STREAM, ShardFilter: { Type: 'AT_LATEST' } })));
  return Shards.sort((a, b) => (BigInt(a.HashKeyRange!.StartingHashKey!) < BigInt(b.HashKeyRange!.StartingHashKey!) ? -1 : 1));
}

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const started = Date.now();
  const deadline = started + options.seconds * 1000;
  const path = mkdtempSync(join(tmpdir(), 'runnel-soak-'));
  const random = seededRandom(options.seed);
  const faultTotals = { calls: 0, injected: {} as Record<string, number>, byResource: {} as Record<string, number>, surfaced: 0 };
  const flushTasks = { calls: 0, failures: 0 };
  const serverOptions = {
    path,
    quotas: false,
    createStreamMs: 0,
    updateStreamMs: 0,
    createDeliveryStreamMs: 0,
    bufferIntervalMs: options.flushIntervalMs,
    gapTimeoutMs: 1_500,
    storageFaults: { ...options.faults, seed: options.seed },
  };
  let server: LocalRunnel = await startLocal({ port: 0, s3Port: 0, dynamodbPort: 0, ...serverOptions });
  const port = Number(new URL(server.url).port);
  const collectFaults = (s: LocalRunnel) => {
    const st = s.storageFaults!.stats;
    faultTotals.calls += st.calls;
    faultTotals.surfaced += st.surfaced;
    for (const [k, n] of Object.entries(st.injected)) faultTotals.injected[k] = (faultTotals.injected[k] ?? 0) + n;
    for (const [k, n] of Object.entries(st.injectedByResource)) faultTotals.byResource[k] = (faultTotals.byResource[k] ?? 0) + n;
    for (const task of FLUSH_TASKS) {
      flushTasks.calls += s.workflows.taskStats[task]?.calls ?? 0;
      flushTasks.failures += s.workflows.taskStats[task]?.failures ?? 0;
    }
  };
  // Which injected faults hit Firehose: its buffer and delivery-stream tables, and its destination bucket.
  const { buffers, deliveryStreams } = server.runtime.config.tables;
  const firehoseResource = (r: string) => [`dynamodb:${buffers}:`, `dynamodb:${deliveryStreams}:`, `s3:${BUCKET}:`].some((p) => r.startsWith(p));
  const tally: HttpTally = newTally();
  const firehoseTally: HttpTally = newTally();
  const events: string[] = [];
  const note = (e: string) => {
    events.push(`${((Date.now() - started) / 1000).toFixed(1)}s ${e}`);
    if (process.env.RUNNEL_SOAK_VERBOSE) console.error(events.at(-1));
  };
  const control = soakClient(server.url, tally);
  const ledger = new Map<string, Outcome>();
  const reads: ReadRecord[][] = Array.from({ length: options.consumers }, () => []);
  const firehoseControl = soakFirehoseClient(server.url, firehoseTally);
  const firehoseLedger = new Map<string, FirehoseOutcome>();
  let delivered: DeliveredObject[] = [];
  let bufferAtEnd: object = {};
  let ackedBeforeRestart = 0;
  try {
    await persist(() => control.send(new CreateStreamCommand({ StreamName: STREAM, ShardCount: options.shards })));
    if (options.firehoseProducers > 0) {
      await persist(() =>
        firehoseControl.send(
          new CreateDeliveryStreamCommand({
            DeliveryStreamName: DELIVERY_STREAM,
            DeliveryStreamType: 'DirectPut',
            ExtendedS3DestinationConfiguration: {
              RoleARN: 'arn:aws:iam::000000000000:role/firehose',
              BucketARN: `arn:aws:s3:::${BUCKET}`,
              BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 },
              CompressionFormat: 'GZIP',
            },
          }),
        ),
      );
      await untilDeliveryStreamActive(firehoseControl);
    }
    await untilActive(control);
    const at = (share: number) => started + options.seconds * 1000 * share;
    const kill = new AbortController();
    let producing = options.producers;
    const producers = Array.from({ length: options.producers }, (_, id) =>
      produce({ id, stream: STREAM, client: soakClient(server.url, tally), ledger, until: () => Date.now() >= deadline, random, ...(id === 0 ? { kill: kill.signal } : {}) }).finally(() => producing--),
    );
    const firehoseProducers = Array.from({ length: options.firehoseProducers }, (_, id) =>
      produceFirehose({ id, deliveryStream: DELIVERY_STREAM, client: soakFirehoseClient(server.url, firehoseTally), ledger: firehoseLedger, until: () => Date.now() >= deadline, random }),
    );
    const consumers = reads.map((r) => consume({ stream: STREAM, client: soakClient(server.url, tally), reads: r, producersDone: () => producing === 0, quietMs: 4_000 }));

    const waitUntil = async (t: number) => Date.now() < t && (await sleep(t - Date.now()));
    await waitUntil(at(0.2));
    const width = (s: Shard) => BigInt(s.HashKeyRange!.EndingHashKey!) - BigInt(s.HashKeyRange!.StartingHashKey!);
    const [widest] = (await openShards(control)).sort((a, b) => (width(b) > width(a) ? 1 : -1));
    const mid = (BigInt(widest.HashKeyRange!.StartingHashKey!) + BigInt(widest.HashKeyRange!.EndingHashKey!)) / 2n;
    await persist(() => control.send(new SplitShardCommand({ StreamName: STREAM, ShardToSplit: widest.ShardId!, NewStartingHashKey: String(mid) })));
    await untilActive(control);
    note(`split ${widest.ShardId}`);
    await waitUntil(at(0.35));
    kill.abort();
    note('producer 0 killed mid-batch');
    await waitUntil(at(0.45));
    collectFaults(server);
    await server.stop();
    note('server stopped');
    server = await startLocal({ port, s3Port: 0, dynamodbPort: 0, ...serverOptions });
    note('server restarted on the same --path');
    ackedBeforeRestart = [...firehoseLedger.values()].filter((o) => o === 'acked').length;
    await waitUntil(at(0.65));
    const open = await openShards(control);
    await persist(() => control.send(new MergeShardsCommand({ StreamName: STREAM, ShardToMerge: open[0].ShardId!, AdjacentShardToMerge: open[1].ShardId! })));
    await untilActive(control);
    note(`merged ${open[0].ShardId} and ${open[1].ShardId}`);
    await Promise.all([...producers, ...firehoseProducers]);
    note('producers done');
    const s3 = s3ClientFor(server.s3Url);
    try {
      [, delivered] = await Promise.all([Promise.all(consumers), options.firehoseProducers > 0 ? untilDelivered(s3, firehoseLedger, options.flushIntervalMs) : []]);
    } finally {
      s3.destroy();
    }
    note('consumers drained, delivery streams flushed');
    if (options.firehoseProducers > 0) {
      // What is still buffered, and the flush bookkeeping, for a report that finds records missing.
      server.storageFaults?.set({});
      bufferAtEnd = await describeBuffer(server);
    }
  } finally {
    collectFaults(server);
    await server.stop();
    rmSync(path, { recursive: true, force: true });
  }
  const verdict = check(ledger, reads);
  const sumWhere = (o: Record<string, number>, keep: (key: string) => boolean = () => true) => Object.entries(o).reduce((n, [k, v]) => (keep(k) ? n + v : n), 0);
  const byResource = (keep: (r: string) => boolean) => sumWhere(faultTotals.byResource, keep);
  const ambiguousBufferWrites = byResource((r) => r === `dynamodb:${buffers}:BatchWriteItemCommand(put):after`);
  const firehoseVerdict = checkFirehose(firehoseLedger, delivered, { crashedFlushes: flushTasks.failures, ambiguousBufferWrites });
  const injected = sumWhere(faultTotals.injected);
  const firehoseFaults = byResource(firehoseResource);
  const unexpected5xx = (t: HttpTally, allowed: string[] = []) => sumWhere(t.serverErrors, (k) => !allowed.includes(k));
  const summary = {
    kinesis: {
      requestsSent: tally.sent,
      serverErrors: tally.serverErrors,
      faultsInjected: injected - firehoseFaults,
      // Every consumer read each of these exactly once (a lower bound: each loss is counted per consumer).
      recordsVerified: Math.max(0, verdict.acknowledged - verdict.lost),
      duplicated: verdict.duplicated,
      lost: verdict.lost,
    },
    firehose: {
      requestsSent: firehoseTally.sent,
      serverErrors: firehoseTally.serverErrors,
      faultsInjected: firehoseFaults,
      recordsVerified: firehoseVerdict.verified,
      duplicated: firehoseVerdict.duplicated,
      lost: firehoseVerdict.lost,
    },
  };
  return {
    options,
    elapsedSeconds: Math.round((Date.now() - started) / 100) / 10,
    http: tally.byStatus,
    faults: { calls: faultTotals.calls, injected, byKind: faultTotals.injected, byResource: faultTotals.byResource, surfacedPastSdkRetries: faultTotals.surfaced },
    events,
    verdict,
    firehose: { http: firehoseTally.byStatus, verdict: firehoseVerdict, acknowledgedBeforeRestart: ackedBeforeRestart, flushTasks, bufferAtEnd },
    summary,
    ok: clean(verdict) && unexpected5xx(tally) === 0 && cleanFirehose(firehoseVerdict) && unexpected5xx(firehoseTally, [FIREHOSE_MODELLED_5XX]) === 0,
  };
}

/**
 * Reads the delivery stream's objects until every acknowledged record is in one and no new object
 * has appeared for a few flush intervals (a late duplicate would show), or until a deadline.
 */
async function untilDelivered(s3: S3Client, ledger: Map<string, FirehoseOutcome>, flushIntervalMs: number): Promise<DeliveredObject[]> {
  const known = new Map<string, DeliveredObject>();
  const settleMs = 3 * flushIntervalMs + 1_000;
  const deadline = Date.now() + 60_000 + 3 * flushIntervalMs;
  let lastNew = Date.now();
  for (;;) {
    const before = known.size;
    const objects = await readDelivered(s3, BUCKET, known);
    if (known.size > before) lastNew = Date.now();
    const verdict = checkFirehose(ledger, objects, { crashedFlushes: 0, ambiguousBufferWrites: 0 });
    if ((verdict.lost === 0 && Date.now() - lastNew >= settleMs) || Date.now() >= deadline) return objects;
    await sleep(250);
  }
}

/** The delivery stream's buffer items left after the soak (none when all was delivered), and its control item. */
async function describeBuffer(server: LocalRunnel): Promise<object> {
  const rt = server.runtime;
  const items = await scanAll<Record<string, unknown>>(rt.ddb, { TableName: rt.config.tables.buffers });
  return {
    records: items.filter((i) => String(i.sk).startsWith('r#')).length,
    heads: items.filter((i) => i.sk !== 'control' && !String(i.sk).startsWith('r#')).map((i) => ({ pk: i.pk, bytes: i.bytes })),
    control: items.filter((i) => i.sk === 'control'),
    now: Date.now(),
  };
}

/** The lines `npm run soak` prints before its JSON report. */
export function summaryLines(report: SoakReport): string[] {
  const line = (name: string, s: ServiceSummary) =>
    `${name}: ${s.requestsSent} requests sent, ${s.faultsInjected} storage faults injected, ${s.recordsVerified} records verified, ${s.duplicated} duplicated, ${s.lost} lost, 5xx: ${JSON.stringify(s.serverErrors)}`;
  const f = report.firehose.verdict;
  return [
    `soak ${report.ok ? 'PASSED' : 'FAILED'} in ${report.elapsedSeconds} s (seed ${report.options.seed}); ${report.faults.injected} of ${report.faults.calls} storage calls failed on purpose, ${report.faults.surfacedPastSdkRetries} past the SDK's retries`,
    line('kinesis', report.summary.kinesis) + ` (each of ${report.options.consumers} consumers read every acknowledged record exactly once, in order: ${clean(report.verdict)})`,
    line('firehose', report.summary.firehose) +
      ` (${f.objects} objects, ${f.delivered} lines; ${f.crashedFlushes} of ${report.firehose.flushTasks.calls} flush task calls failed and ${f.ambiguousBufferWrites} buffer writes took effect but failed, so ${f.exactlyOnceExpected ? 'exactly once was required' : 'at-least-once was required and duplicates are only reported'})`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '60' },
      producers: { type: 'string', default: '4' },
      consumers: { type: 'string', default: '2' },
      shards: { type: 'string', default: '4' },
      'firehose-producers': { type: 'string', default: '2' },
      'flush-interval-ms': { type: 'string', default: '1000' },
      faults: { type: 'string', default: 'dynamodb=0.05,s3=0.05,after=0.3' },
      seed: { type: 'string', default: String(Date.now() % 1_000_000) },
    },
  });
  const report = await runSoak({
    seconds: Number(values.seconds),
    producers: Number(values.producers),
    consumers: Number(values.consumers),
    shards: Number(values.shards),
    firehoseProducers: Number(values['firehose-producers']),
    flushIntervalMs: Number(values['flush-interval-ms']),
    faults: parseFaultRates(values.faults!),
    seed: Number(values.seed),
  });
  console.log(JSON.stringify(report, null, 2));
  for (const l of summaryLines(report)) console.log(l);
  process.exit(report.ok ? 0 : 1);
}
