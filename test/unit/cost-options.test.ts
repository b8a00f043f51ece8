/** The AWS options against hand-computed monthly bills (us-east-1 list prices, 730 hours, 1 GB = 2^30 bytes). */
import { describe, expect, it } from 'vitest';
import { firehoseOption } from '../../lambdas/cost/aws-firehose';
import { kinesisAdvantage, kinesisOnDemand, kinesisProvisioned, shardLimits } from '../../lambdas/cost/kinesis-options';
import type { OptionCost } from '../../lambdas/cost/line-items';
import { loadPriceBook } from '../../lambdas/cost/price-table';
import { preset } from '../../lambdas/cost/presets';
import { shardsFor, type Workload } from '../../lambdas/cost/workload';

const book = loadPriceBook();
const SECONDS = 730 * 3600;
const GB = 2 ** 30;
/** 1 GiB a day of 1,024-byte records. */
const RATE = GB / 1024 / 86_400;
const RECORDS = RATE * SECONDS;

const line = (o: OptionCost, price: string) => o.items.filter((i) => i.price === price).reduce((n, i) => n + i.usd, 0);
const small = (changes: Partial<Workload> = {}): Workload => ({ ...preset('streams-small'), ...changes });

describe('Kinesis provisioned', () => {
  it('bills shard hours and a 25 KB PUT payload unit per 1 KiB record', () => {
    const o = kinesisProvisioned(small(), book);
    expect(line(o, 'kds.prov.shard_hour')).toBeCloseTo(2 * 730 * 0.015, 9);
    expect(line(o, 'kds.prov.put_payload_unit')).toBeCloseTo((RECORDS * 0.014) / 1e6, 9);
    expect(o.total).toBeCloseTo(21.9 + (RECORDS * 0.014) / 1e6, 9);
  });

  it('bills 30 KB records two PUT payload units each', () => {
    const o = kinesisProvisioned(small({ recordBytes: 30 * 1024 }), book);
    expect(line(o, 'kds.prov.put_payload_unit')).toBeCloseTo((RECORDS * 2 * 0.014) / 1e6, 9);
  });

  it('bills extended retention per shard-hour, and enhanced fan-out per consumer-shard-hour and GB', () => {
    const o = kinesisProvisioned(small({ retentionHours: 48, consumers: [{ count: 1, mode: 'efo', pollIntervalSeconds: 1 }] }), book);
    expect(line(o, 'kds.prov.extended_retention')).toBeCloseTo(2 * 730 * 0.02, 9);
    expect(line(o, 'kds.prov.efo_consumer_shard_hour')).toBeCloseTo(2 * 730 * 0.015, 9);
    expect(line(o, 'kds.prov.efo_retrieval')).toBeCloseTo(((RECORDS * 1024) / GB) * 0.013, 9);
  });

  it('sizes shards by 1 MiB/s and 1,000 records/s written and 2 MiB/s read by polling consumers, at the peak hour', () => {
    const limits = shardLimits(book);
    const w = (changes: Partial<Workload>) => ({ ...small(), shards: undefined, ...changes });
    expect(shardsFor(w({ recordsPerSecond: 3000, recordBytes: 100 }), limits)).toBe(3);
    expect(shardsFor(w({ recordsPerSecond: 1500, recordBytes: 1024 }), limits)).toBe(2);
    expect(shardsFor(w({ recordsPerSecond: 1500, recordBytes: 1024, consumers: [{ count: 3, mode: 'polling', pollIntervalSeconds: 1 }] }), limits)).toBe(3);
    expect(shardsFor(w({ recordsPerSecond: 1500, recordBytes: 1024, consumers: [{ count: 3, mode: 'efo', pollIntervalSeconds: 1 }] }), limits)).toBe(2);
    const peaky = [...Array(12).fill(1.5), ...Array(12).fill(0.5)];
    expect(shardsFor(w({ recordsPerSecond: 800, recordBytes: 1024, dailyProfile: peaky }), limits)).toBe(2);
  });
});

describe('Kinesis on-demand Standard', () => {
  it('bills stream hours and every GB in and out with records rounded up to 1 KB', () => {
    const o = kinesisOnDemand(small(), book);
    const gb = (RECORDS * 1024) / GB;
    expect(o.total).toBeCloseTo(730 * 0.04 + gb * 0.08 + gb * 0.04, 9);
  });

  it('bills a 1,025-byte record as 2 KB', () => {
    const o = kinesisOnDemand(small({ recordBytes: 1025, recordsPerSecond: 1000 }), book);
    expect(line(o, 'kds.od.data_in')).toBeCloseTo(((1000 * SECONDS * 2048) / GB) * 0.08, 9);
  });

  it('bills retention beyond 24 hours per GB-month of the data kept that long', () => {
    const o = kinesisOnDemand(small({ retentionHours: 72 }), book);
    expect(line(o, 'kds.od.extended_retention')).toBeCloseTo(((RECORDS * 1024) / GB) * (48 / 730) * 0.1, 9);
  });
});

describe('Kinesis On-demand Advantage', () => {
  it('bills at least its 25 MiB/s in and out commitment, with no stream-hour fee', () => {
    const committedGb = (25 * 2 ** 20 * SECONDS) / GB;
    expect(kinesisAdvantage(small(), book).total).toBeCloseTo(committedGb * (0.032 + 0.016), 6);
  });

  it('bills what is used above the commitment', () => {
    const rate = (40 * 2 ** 20) / 1024; // 40 MiB/s of 1 KiB records
    const o = kinesisAdvantage(small({ recordsPerSecond: rate, shards: undefined }), book);
    expect(line(o, 'kds.oda.data_in')).toBeCloseTo(((40 * 2 ** 20 * SECONDS) / GB) * 0.032, 6);
  });
});

describe('Amazon Data Firehose and analytics', () => {
  it('bills ingestion with records rounded up to 5 KB, and one delivered object per buffering cycle', () => {
    const o = firehoseOption(preset('firehose-small'), book);
    expect(line(o, 'firehose.ingest')).toBeCloseTo(((RECORDS * 5120) / GB) * 0.029, 9);
    // A request every 500/RATE s: the buffer delivers at the first request past 60 s, every two requests.
    const cycle = 2 * (500 / RATE);
    expect(o.items.find((i) => i.item.startsWith('PUT'))!.quantity).toBeCloseTo(SECONDS / cycle, 6);
  });

  it('bills format conversion and dynamic partitioning on top', () => {
    const w = preset('firehose-small');
    w.firehose = { ...w.firehose!, formatConversion: true, dynamicPartitioning: true };
    const o = firehoseOption(w, book);
    expect(line(o, 'firehose.format_conversion')).toBeCloseTo(((RECORDS * 5120) / GB) * 0.018, 9);
    expect(line(o, 'firehose.dp.gb')).toBeCloseTo(((RECORDS * 1024) / GB) * 0.02, 9);
  });

  it('bills Managed Flink KPUs with one more per application, and 50 GB of storage per KPU', () => {
    const o = kinesisOnDemand(small({ analytics: { applications: 2, kpus: 3 } }), book);
    expect(line(o, 'msf.kpu_hour')).toBeCloseTo(2 * 4 * 730 * 0.11, 9);
    expect(line(o, 'msf.running_storage')).toBeCloseTo(2 * 3 * 50 * 0.1, 9);
    expect(o.notes.join(' ')).toContain(`$${(2 * 3 * 730 * 0.11).toFixed(2)}`);
  });
});
