/** Running analytics applications in `runnel cost`: per-run counters counted by hand, the month at list prices, and nothing for no application. */
import { describe, expect, it } from 'vitest';
import { parseCostArgs, UsageError } from '../../bin/cost-args';
import { compare } from '../../lambdas/cost/compare';
import { UNITS } from '../../lambdas/cost/counters';
import { loadPriceBook } from '../../lambdas/cost/price-table';
import { preset } from '../../lambdas/cost/presets';
import { modelRunnel } from '../../lambdas/cost/runnel-cost';
import type { Workload } from '../../lambdas/cost/workload';

const book = loadPriceBook();

/** The README's example: `runnel cost --rate 1000 --analytics-apps 1` (streams-small's shape: 1 KiB records, PutRecords of 500, 1 provisioned shard). */
const example = (): Workload => parseCostArgs(['--rate', '1000', '--analytics-apps', '1']).workload;

describe('one run of one application at 1,000 records/s', () => {
  const m = modelRunnel(example(), book).analytics!;

  it('takes its lease and reads and saves a 1,214-byte state item (2 write units each write, 1 read unit)', () => {
    // 160 bytes of attributes, one shard's checkpoint (30), a 1 KB snapshot
    expect(m.stateItemBytes).toBe(1214);
    expect(m.perRun.run[UNITS.writeUnits]).toBe(2 + 2);
    // the scan's share: the application and state items (2,714 bytes) fit the scan's one base unit
    expect(m.perRun.run[UNITS.readUnits]).toBe(1);
  });

  it('reads its stream as GetRecords would: 6 reads of 10,000 records and one that finds only the head; 120 segment objects', () => {
    expect(m.recordsPerRun).toBe(60_000);
    // stream item 1; per read the head (1), the containing segment (1) and a page of 100 index items (13,700 bytes: 4); the last read the head only
    expect(m.perRun.input[UNITS.readUnits]).toBe(1 + 6 * (1 + 1 + 4) + 1);
    expect(m.perRun.input[UNITS.s3Gets]).toBe(120);
  });

  it('writes 60,000 rows as 120 batches of 500: per batch a reservation and an index item, one S3 object; one failed first reservation per second of the burst', () => {
    expect(m.output.shards).toBe(1);
    expect(m.outputBatchesPerRun).toBe(120);
    // 120 batches × 40 ms = 4.8 s: 5 seconds
    expect(m.perRun.output[UNITS.writeUnits]).toBe(120 * 2 + 5);
    expect(m.perRun.output[UNITS.failedWrites]).toBe(5);
    expect(m.perRun.output[UNITS.s3Puts]).toBe(120);
    expect(m.perRun.output[UNITS.s3PutBytes]).toBe(60_000 * (1008 + 12 + 6));
  });

  it('takes 7,964 ms: 20 + 24 DynamoDB calls × 6 + 120 GETs × 15 + 120 batches × 40 + 120,000 records × 0.01', () => {
    expect(m.durationMs).toBeCloseTo(20 + 24 * 6 + 120 * 15 + 120 * 40 + 1200, 9);
  });

  it('writes the output of a 0.01 ratio in 2 batches of 300 rows into the same shard', () => {
    const w = example();
    w.analytics!.outputRatio = 0.01;
    const small = modelRunnel(w, book).analytics!;
    expect(small.rowsPerRun).toBeCloseTo(600, 9);
    expect(small.outputBatchesPerRun).toBe(2);
  });

  it('copies each PutRecordBatch of 500 into a Firehose input tap again: 532 write units a batch, 120 batches a minute', () => {
    const w = { ...preset('firehose-small'), recordsPerSecond: 1000, analytics: { applications: 1, kpus: 1 } };
    const fm = modelRunnel(w, book).analytics!;
    expect(fm.input).toBe('firehose');
    expect(fm.perRun.tap[UNITS.writeUnits]).toBe(120 * 532);
    // 65 MB a minute of tap items, 40 MiB read a run: the application falls behind, and says so
    expect(fm.inputCapacityPerRun).toBeLessThan(60_000);
    expect(compare(w, book).runnel.notes.some((n) => n.includes('falls behind'))).toBe(true);
  });
});

describe('the month at 1,000 records/s, from list prices', () => {
  // us-east-1 list prices, typed in here rather than read from the price table
  const ARM_GB_SECOND = 0.0000133334;
  const WRU = 0.625 / 1e6;
  const RRU = 0.125 / 1e6;
  const S3_GET = 0.0004 / 1000;
  const S3_PUT = 0.005 / 1000;
  const S3_GB_MONTH = 0.023;
  const EXPRESS_REQUEST = 1 / 1e6;
  const EXPRESS_GB_SECOND = 0.00001667;
  const LAMBDA_REQUEST = 0.2 / 1e6;
  const KPU_HOUR = 0.11;

  const runs = 730 * 60;
  const ms = 20 + 24 * 6 + 120 * 15 + 120 * 40 + 1200;
  const run = runs * ((ms / 1000) * ARM_GB_SECOND + 4 * WRU + 1 * RRU);
  const input = runs * (38 * RRU + 120 * S3_GET);
  const outputBytes = runs * 60_000 * 1026;
  const stored = ((outputBytes / (730 * 3600)) * 2.5 * 86_400) / 1024 ** 3;
  const output = runs * (245 * WRU + 1 * RRU + 120 * S3_PUT) + stored * S3_GB_MONTH;
  const schedule = runs * (EXPRESS_REQUEST + 0.2 * (64 / 1024) * EXPRESS_GB_SECOND + LAMBDA_REQUEST + 0.02 * ARM_GB_SECOND + RRU);
  const perApp = run + input + output + schedule;

  it(`is about $${perApp.toFixed(2)} per application, ${((100 * perApp) / (730 * KPU_HOUR)).toFixed(1)}% of a KPU's $80.30`, () => {
    const c = compare(example(), book);
    const note = c.runnel.notes.find((n) => n.startsWith('Analytics: $'))!;
    expect(note).toContain(`$${perApp.toFixed(2)} a month per running application`);
    expect(note).toContain(`${((100 * perApp) / (730 * KPU_HOUR)).toFixed(1)}% of one KPU's month`);
    // the same figure as Runnel's analytics lines (one application: the schedule is priced with the other schedules)
    const lines = c.runnel.items.filter((i) => i.item.startsWith('Analytics ')).reduce((n, i) => n + i.usd, 0);
    expect(lines).toBeCloseTo(run + input + output, 6);
  });

  it('misses the 25% target with one row out per record in: the output costs a second stream of writes', () => {
    expect(perApp / (730 * KPU_HOUR)).toBeGreaterThan(0.25);
    expect(output).toBeGreaterThan(run + input);
  });

  it('prices KDA for SQL at $80.30 a KPU-month per application, with its output stream on Kinesis provisioned', () => {
    const kda = compare(example(), book).options.find((o) => o.id === 'kda-sql')!;
    expect(kda.label).toBe('Kinesis provisioned + Kinesis Data Analytics for SQL (retired)');
    expect(kda.items.find((i) => i.price === 'kda_sql.kpu_hour')!.usd).toBeCloseTo(730 * KPU_HOUR, 9);
    const twoKpus = parseCostArgs(['--rate', '1000', '--analytics-apps', '3', '--kpus', '2']).workload;
    expect(compare(twoKpus, book).options.find((o) => o.id === 'kda-sql')!.items.find((i) => i.price === 'kda_sql.kpu_hour')!.quantity).toBe(3 * 2 * 730);
  });
});

describe('no application', () => {
  it('adds nothing: the same counters, lines and total as a workload without analytics, and no KDA option', () => {
    const without = { ...example(), analytics: undefined };
    const zero = { ...example(), analytics: { applications: 0, kpus: 1 } };
    const a = compare(without, book);
    const b = compare(zero, book);
    expect(b.model.analytics).toBeUndefined();
    expect(b.model.totals).toEqual(a.model.totals);
    expect(b.runnel.items).toEqual(a.runnel.items);
    expect(b.runnel.total).toBe(a.runnel.total);
    expect(b.runnel.notes.some((n) => n.startsWith('Analytics'))).toBe(false);
    expect(b.options.map((o) => o.id)).toEqual(a.options.map((o) => o.id));
  });
});

describe('--analytics-output-ratio', () => {
  it('sets output rows per input record, and needs applications', () => {
    expect(parseCostArgs(['--rate', '1000', '--analytics-apps', '1', '--analytics-output-ratio', '0.01']).workload.analytics!.outputRatio).toBe(0.01);
    expect(() => parseCostArgs(['--rate', '1000', '--analytics-output-ratio', '0.01'])).toThrow(UsageError);
    expect(() => parseCostArgs(['--analytics-apps', '1', '--analytics-output-ratio', '-1'])).toThrow(UsageError);
  });
});
