/** Runnel's per-call units and monthly bill against what the code does, counted by hand. */
import { describe, expect, it } from 'vitest';
import { UNITS, type Operation } from '../../lambdas/cost/counters';
import { deliveryCycle } from '../../lambdas/cost/delivery-cycle';
import { loadPriceBook } from '../../lambdas/cost/price-table';
import { preset } from '../../lambdas/cost/presets';
import { modelRunnel, priceRunnel } from '../../lambdas/cost/runnel-cost';
import { bufferWrite } from '../../lambdas/cost/runnel-firehose';
import { RUNNEL_PROFILE } from '../../lambdas/cost/runnel-profile';
import type { Workload } from '../../lambdas/cost/workload';

const book = loadPriceBook();
const op = (w: Workload, label: string): Operation => modelRunnel(w, book).operations.find((o) => o.label === label)!;
const GB = 2 ** 30;

describe('Runnel Kinesis data plane', () => {
  it('PutRecords of 500 over 2 shards: per shard a reservation, a failed same-second attempt and an index item; one S3 object; 2 API units', () => {
    const put = op(preset('streams-small'), 'Kinesis.PutRecords').perCall;
    expect(put[UNITS.writeUnits]).toBe(2 * (1 + 1 + 1));
    expect(put[UNITS.failedWrites]).toBe(2);
    expect(put[UNITS.s3Puts]).toBe(1);
    // 500 × (base64 of 1,008 bytes = 1,344 + 16-byte key + 30 bytes of JSON) + 60 > 512 KB
    expect(put[UNITS.apiUnits]).toBe(2);
  });

  it('without quotas a reservation is one write per shard', () => {
    const put = modelRunnel(preset('streams-small'), book, { ...RUNNEL_PROFILE, quotasEnabled: false }).operations.find((o) => o.label === 'Kinesis.PutRecords')!.perCall;
    expect(put[UNITS.writeUnits]).toBe(4);
  });

  it('a one-record request writes its segment inline: 1,030 bytes of segment and 61 of attributes bill 2 write units', () => {
    const put = op({ ...preset('streams-small'), batchSize: 1, shards: 1, recordsPerSecond: 0.5 }, 'Kinesis.PutRecords').perCall;
    expect(put[UNITS.writeUnits]).toBe(1 + 1 + 2);
    expect(put[UNITS.s3Puts]).toBe(0);
  });

  it('only the first reservation of a second tries the old second first: at 12 requests a second, one in 12', () => {
    const put = op({ ...preset('streams-small'), batchSize: 1, shards: 1, recordsPerSecond: 12 }, 'Kinesis.PutRecords').perCall;
    expect(put[UNITS.failedWrites]).toBeCloseTo(1 / 12, 12);
    expect(put[UNITS.writeUnits]).toBeCloseTo(1 + 1 / 12 + 2, 12);
  });

  it('GetRecords on a caught-up shard reads only the head', () => {
    const w = { ...preset('streams-small'), recordsPerSecond: 0 };
    const get = op(w, 'Kinesis.GetRecords');
    expect(get.callsPerMonth).toBe(2 * 730 * 3600);
    // 2 polls a second share one stream-item read a second; then the head, and nothing more
    expect(get.perCall[UNITS.readUnits]).toBeCloseTo(0.5 + 1, 12);
    expect(get.perCall[UNITS.apiUnits]).toBe(1);
  });
});

describe('Runnel Firehose', () => {
  it('packs 500 records of 1 KiB into items of 350 and 150 records (380,201 and 163,001 bytes: 532 write units)', () => {
    const write = bufferWrite(500, 1024, RUNNEL_PROFILE);
    expect(write.itemBytes).toEqual([101 + 350 * 1086, 101 + 150 * 1086]);
    expect(write.writeUnits).toBe(372 + 160);
  });

  it('delivers at the first request after the interval: every 2 requests of 500 at 1 GiB/day', () => {
    const w = preset('firehose-small');
    const every = 500 / w.recordsPerSecond;
    expect(deliveryCycle(w.firehose!, w.recordsPerSecond * 1024, 1 / every, RUNNEL_PROFILE.firehose.sustained.deliveriesPerFill)!.seconds).toBeCloseTo(2 * every, 9);
  });

  it('under sustained load delivers when the buffer fills (Firehose), or more often as flushes multiply (Runnel)', () => {
    const w = preset('firehose-large');
    const fill = (5 * 2 ** 20) / (w.recordsPerSecond * 1024);
    const sustained = RUNNEL_PROFILE.firehose.sustained;
    expect(deliveryCycle(w.firehose!, w.recordsPerSecond * 1024, w.recordsPerSecond / 500)!.seconds).toBeCloseTo(fill, 9);
    expect(deliveryCycle(w.firehose!, w.recordsPerSecond * 1024, w.recordsPerSecond / 500, sustained.deliveriesPerFill)!.seconds).toBeCloseTo(fill / sustained.deliveriesPerFill, 9);
    const flushes = op(w, 'task:flushBuffer');
    expect(flushes.callsPerMonth).toBeCloseTo(((730 * 3600) / fill) * sustained.deliveriesPerFill * sustained.flushesPerDelivery, 6);
    expect(flushes.perCall[UNITS.destinationPuts]).toBeCloseTo(1 / sustained.flushesPerDelivery, 12);
  });

  it('a flush deletes what it read (deletes bill like writes) and runs as a 5-transition Standard execution', () => {
    const w = preset('firehose-small');
    const flush = op(w, 'task:flushBuffer').perCall;
    const writes = 2 * 532;
    // lease, clear, release on the control item; four slot counters; the deletes
    expect(flush[UNITS.writeUnits]).toBeCloseTo(3 + 4 + writes + (flush[UNITS.workflowStarts] ?? 0), 9);
    expect(op(w, 'workflow:FirehoseFlush').perCall[UNITS.transitions]).toBe(5);
  });
});

describe('Runnel when idle', () => {
  it('costs the three scheduled Express workflows, their task Lambdas, scans, logs and KMS: $0.33 a month', () => {
    const w = preset('idle');
    const m = modelRunnel(w, book);
    const bill = priceRunnel(w, book, m, m.totals);
    const runs = 730 * 60;
    const logGb = (3 * runs * (260 + 100)) / GB; // platform lines and the metering line of each task
    const expected =
      (3 * runs * 1) / 1e6 + // Express requests
      3 * runs * 0.2 * (64 / 1024) * 0.00001667 + // Express duration, 200 ms at 64 MB
      (3 * runs * 0.2) / 1e6 + // Lambda requests
      3 * runs * 0.02 * 1 * 0.0000133334 + // Lambda, 20 ms at 1 GB arm64
      (runs * 3 * 0.5 * 0.125) / 1e6 + // three eventually consistent scans of empty tables
      logGb * 0.5 +
      logGb * (14 / (730 / 24)) * 0.03 +
      ((3 * 12 * 730) / 10_000) * 0.03; // KMS: three tables in use by the scheduled tasks
    expect(bill.total).toBeCloseTo(expected, 9);
    expect(bill.total).toBeCloseTo(0.33, 2);
  });

  it('with the free tier on, Lambda and log ingestion fall inside it; KMS (26,280 requests) passes its 20,000', () => {
    const w = { ...preset('idle'), freeTier: true };
    const m = modelRunnel(w, book);
    const bill = priceRunnel(w, book, m, m.totals);
    const priced = new Set(bill.items.filter((i) => i.usd > 0).map((i) => i.price));
    expect([...priced].sort()).toEqual(['ddb.rru', 'kms.requests', 'logs.storage', 'sfn.express.duration', 'sfn.express.requests']);
  });
});
