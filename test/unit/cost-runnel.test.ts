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
  it('runs no schedule and bills nothing: the deployed stack, an idle on-demand stream and an idle Kinesis-source delivery stream', () => {
    for (const name of ['idle', 'idle-streams']) {
      const w = preset(name);
      const m = modelRunnel(w, book);
      expect(m.operations.map((o) => o.label), name).toEqual([]);
      const bill = priceRunnel(w, book, m, m.totals);
      // Only the items of an idle stream and delivery stream are stored.
      expect(bill.items.filter((i) => i.usd > 0).map((i) => i.price), name).toEqual(name === 'idle' ? [] : ['ddb.storage']);
      expect(bill.total, name).toBeLessThan(0.01);
    }
  });

  it('runs each schedule only while something needs it: the scaler for written on-demand streams, the source poll with traffic, the runner with applications', () => {
    const labels = (w: Workload) => modelRunnel(w, book).operations.map((o) => o.label).filter((l) => ['workflow:OnDemandScaling', 'workflow:FirehoseSources', 'workflow:AnalyticsRunner'].includes(l));
    const busy = { ...preset('idle-streams'), recordsPerSecond: 10 };
    expect(labels(busy)).toEqual(['workflow:OnDemandScaling', 'workflow:FirehoseSources']);
    expect(labels({ ...busy, streamMode: 'PROVISIONED' })).toEqual(['workflow:FirehoseSources']);
    expect(labels({ ...preset('idle'), analytics: { applications: 1, kpus: 1 } })).toEqual(['workflow:AnalyticsRunner']);
    const scaler = modelRunnel(busy, book).operations.find((o) => o.label === 'workflow:OnDemandScaling')!;
    expect(scaler.callsPerMonth).toBe(730 * 60);
  });

  it('with a customer key for the access-keys table, bills the key month and its requests while requests are served', () => {
    const w = preset('idle');
    const profile = { ...RUNNEL_PROFILE, secretsKey: 'customer' as const };
    const m = modelRunnel(w, book, profile);
    const bill = priceRunnel(w, book, m, m.totals, profile);
    expect(bill.items.filter((i) => i.usd > 0).map((i) => i.price)).toEqual(['kms.key_month']);
    expect(bill.total).toBeCloseTo(1, 9);
  });
});


describe('Runnel enhanced fan-out', () => {
  it('prices a subscribed consumer-shard-hour as the Subscribe function held for it, its head polls and heartbeats: about $0.0148', () => {
    const w: Workload = { ...preset('streams-small'), recordsPerSecond: 0, consumers: [{ count: 1, mode: 'efo', pollIntervalSeconds: 1 }] };
    const m = modelRunnel(w, book);
    expect(m.operations.map((o) => o.label)).not.toContain('Kinesis.GetRecords');
    const subscribe = m.operations.find((o) => o.label === 'Kinesis.SubscribeToShard')!;
    const consumerShardHours = 2 * 730;
    expect(subscribe.callsPerMonth).toBeCloseTo(consumerShardHours * 12, 6); // one per 5 minutes
    const bill = priceRunnel(w, book, m, m.totals);
    const line = (price: string) => bill.items.filter((i) => i.price === price).reduce((n, i) => n + i.usd, 0);
    const perHour = (line('lambda.duration.arm64') + line('ddb.rru') + line('lambda.requests')) / consumerShardHours;
    expect(perHour).toBeCloseTo(0.0000133334 * 0.25 * 3600 + (36_000 * 0.5 + 720 * 6) * 0.125e-6 + 12 * 0.2e-6, 6);
    expect(perHour).toBeCloseTo(0.0148, 4);
    expect(bill.notes).toContain('Enhanced fan-out: $0.0148 per subscribed consumer-shard-hour before data (Kinesis provisioned: $0.015, plus retrieval).');
  });
});

describe('Runnel Lambda triggers', () => {
  it('dispatch once per write (at most once a second): per trigger the stream, heads, checkpoints and new segments read, one checkpoint written per shard', () => {
    const base: Workload = { ...preset('streams-small'), consumers: [] };
    const w: Workload = { ...base, triggers: 2 };
    const dispatch = op(w, 'task:dispatchTriggers');
    const puts = op(w, 'Kinesis.PutRecords');
    expect(dispatch.callsPerMonth).toBeCloseTo(puts.callsPerMonth, 6); // one PutRecords every ~41 s
    expect(dispatch.perCall[UNITS.lambdaInvocations]).toBe(1);
    expect(dispatch.perCall[UNITS.writeUnits]).toBeCloseTo(2 * 2, 9); // two triggers, both shards written
    expect(modelRunnel(base, book).operations.map((o) => o.label)).not.toContain('task:dispatchTriggers');
    const busy: Workload = { ...w, recordsPerSecond: 5_000, batchSize: 100, shards: 8 };
    expect(op(busy, 'task:dispatchTriggers').callsPerMonth).toBeCloseTo(730 * 3600, 6); // the 1 s batching window
  });
});
