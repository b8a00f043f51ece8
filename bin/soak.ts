#!/usr/bin/env -S npx tsx
/**
 * `npm run soak`: producers and consumers on a multi-shard stream for a bounded time while storage
 * faults are injected, one producer is killed mid-batch, a shard is split and two are merged, and
 * the server is restarted once on its --path; then the checker (soak-checker.ts) proves every
 * acknowledged record was read exactly once per consumer, in order. Prints one JSON report and
 * exits 1 if anything was lost, skipped, duplicated or reordered.
 *
 *   npm run soak -- --seconds 120 --producers 4 --consumers 3 --shards 4 --faults dynamodb=0.05,s3=0.05,after=0.3
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CreateStreamCommand, DescribeStreamSummaryCommand, ListShardsCommand, MergeShardsCommand, SplitShardCommand, type KinesisClient, type Shard } from '@aws-sdk/client-kinesis';
import { startLocal, type LocalRunnel } from '../lambdas/local/host';
import { parseFaultRates, seededRandom, type FaultRates } from '../lambdas/local/storage-faults';
import { consume, produce, soakClient, type HttpTally } from './soak-actors';
import { check, clean, type Outcome, type ReadRecord, type Verdict } from './soak-checker';

export interface SoakOptions {
  seconds: number;
  producers: number;
  consumers: number;
  shards: number;
  faults: FaultRates;
  seed: number;
}

export interface SoakReport {
  options: SoakOptions;
  elapsedSeconds: number;
  http: Record<number, number>;
  faults: { calls: number; injected: number; byKind: Record<string, number>; surfacedPastSdkRetries: number };
  events: string[];
  verdict: Verdict;
  ok: boolean;
}

const STREAM = 'soak';
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

async function openShards(kinesis: KinesisClient) {
  const { Shards = [] } = await persist(() => kinesis.send(new ListShardsCommand({ StreamName: STREAM, ShardFilter: { Type: 'AT_LATEST' } })));
  return Shards.sort((a, b) => (BigInt(a.HashKeyRange!.StartingHashKey!) < BigInt(b.HashKeyRange!.StartingHashKey!) ? -1 : 1));
}

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const started = Date.now();
  const deadline = started + options.seconds * 1000;
  const path = mkdtempSync(join(tmpdir(), 'runnel-soak-'));
  const random = seededRandom(options.seed);
  const faultTotals = { calls: 0, injected: {} as Record<string, number>, surfaced: 0 };
  const serverOptions = { path, quotas: false, createStreamMs: 0, updateStreamMs: 0, gapTimeoutMs: 1_500, storageFaults: { ...options.faults, seed: options.seed } };
  let server: LocalRunnel = await startLocal({ port: 0, s3Port: 0, dynamodbPort: 0, ...serverOptions });
  const port = Number(new URL(server.url).port);
  const collectFaults = (s: LocalRunnel) => {
    const st = s.storageFaults!.stats;
    faultTotals.calls += st.calls;
    faultTotals.surfaced += st.surfaced;
    for (const [k, n] of Object.entries(st.injected)) faultTotals.injected[k] = (faultTotals.injected[k] ?? 0) + n;
  };
  const tally: HttpTally = { byStatus: {} };
  const events: string[] = [];
  const note = (e: string) => {
    events.push(`${((Date.now() - started) / 1000).toFixed(1)}s ${e}`);
    if (process.env.RUNNEL_SOAK_VERBOSE) console.error(events.at(-1));
  };
  const control = soakClient(server.url, tally);
  const ledger = new Map<string, Outcome>();
  const reads: ReadRecord[][] = Array.from({ length: options.consumers }, () => []);
  try {
    await persist(() => control.send(new CreateStreamCommand({ StreamName: STREAM, ShardCount: options.shards })));
    await untilActive(control);
    const at = (share: number) => started + options.seconds * 1000 * share;
    const kill = new AbortController();
    let producing = options.producers;
    const producers = Array.from({ length: options.producers }, (_, id) =>
      produce({ id, stream: STREAM, client: soakClient(server.url, tally), ledger, until: () => Date.now() >= deadline, random, ...(id === 0 ? { kill: kill.signal } : {}) }).finally(() => producing--),
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
    await waitUntil(at(0.65));
    const open = await openShards(control);
    await persist(() => control.send(new MergeShardsCommand({ StreamName: STREAM, ShardToMerge: open[0].ShardId!, AdjacentShardToMerge: open[1].ShardId! })));
    await untilActive(control);
    note(`merged ${open[0].ShardId} and ${open[1].ShardId}`);
    await Promise.all(producers);
    note('producers done');
    await Promise.all(consumers);
    note('consumers drained');
  } finally {
    collectFaults(server);
    await server.stop();
    rmSync(path, { recursive: true, force: true });
  }
  const verdict = check(ledger, reads);
  const injected = Object.values(faultTotals.injected).reduce((a, b) => a + b, 0);
  const fiveHundreds = Object.entries(tally.byStatus).filter(([s]) => Number(s) >= 500).reduce((a, [, n]) => a + n, 0);
  return {
    options,
    elapsedSeconds: Math.round((Date.now() - started) / 100) / 10,
    http: tally.byStatus,
    faults: { calls: faultTotals.calls, injected, byKind: faultTotals.injected, surfacedPastSdkRetries: faultTotals.surfaced },
    events,
    verdict,
    ok: clean(verdict) && fiveHundreds === 0,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '60' },
      producers: { type: 'string', default: '4' },
      consumers: { type: 'string', default: '2' },
      shards: { type: 'string', default: '4' },
      faults: { type: 'string', default: 'dynamodb=0.05,s3=0.05,after=0.3' },
      seed: { type: 'string', default: String(Date.now() % 1_000_000) },
    },
  });
  const report = await runSoak({
    seconds: Number(values.seconds),
    producers: Number(values.producers),
    consumers: Number(values.consumers),
    shards: Number(values.shards),
    faults: parseFaultRates(values.faults!),
    seed: Number(values.seed),
  });
  console.log(JSON.stringify(report, null, 2));
  process.exit(report.ok ? 0 : 1);
}
