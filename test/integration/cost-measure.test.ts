/** Metering on the local host, and a short metered run of a workload whose units match the model's. */
import { PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureWorkload } from '../../bin/cost-measure';
import { UNITS } from '../../lambdas/cost/counters';
import { agreement, extrapolate } from '../../lambdas/cost/extrapolate';
import { loadPriceBook } from '../../lambdas/cost/price-table';
import { preset } from '../../lambdas/cost/presets';
import { modelRunnel, priceRunnel } from '../../lambdas/cost/runnel-cost';
import { createActiveStream, startRunnel, type TestRunnel } from '../support/local';

describe('GET /metering on the local host', () => {
  let t: TestRunnel;
  beforeAll(async () => {
    t = await startRunnel();
    await createActiveStream(t.kinesis, 'metered', 1);
  });
  afterAll(() => t.stop());

  it('serves what each operation was billed for since the last DELETE /metering', async () => {
    await fetch(`${t.runnel.url}/metering`, { method: 'DELETE' });
    await t.kinesis.send(new PutRecordsCommand({ StreamName: 'metered', Records: [{ PartitionKey: 'k', Data: Buffer.from('x') }] }));
    const metered = (await (await fetch(`${t.runnel.url}/metering`)).json()) as Record<string, object>;
    // quotas are off in tests: one reservation and one inline segment
    expect(metered['Kinesis.PutRecords']).toMatchObject({ [UNITS.calls]: 1, [UNITS.writeUnits]: 2, [UNITS.apiUnits]: 1, [UNITS.cloudfrontRequests]: 1, [UNITS.lambdaInvocations]: 1 });
    await fetch(`${t.runnel.url}/metering`, { method: 'DELETE' });
    expect(await (await fetch(`${t.runnel.url}/metering`)).json()).toEqual({});
  });
});

describe('a metered run', () => {
  it('bills every line item within 5% or a cent of the model, on 1 GiB/day in requests of 50 over 2 polled shards', async () => {
    const book = loadPriceBook();
    const w = { ...preset('streams-small'), name: 'measured', batchSize: 50 };
    const model = modelRunnel(w, book);
    const run = await measureWorkload(w, model, { seconds: 12 });
    const x = extrapolate(model, run.snapshot);
    const put = x.operations.find((o) => o.label === 'Kinesis.PutRecords')!;
    expect(put.calls).toBeGreaterThanOrEqual(10);
    expect(put.measuredPerCall[UNITS.writeUnits]).toBeCloseTo(put.modelPerCall[UNITS.writeUnits]!, 9);
    expect(put.measuredPerCall[UNITS.failedWrites]).toBeCloseTo(put.modelPerCall[UNITS.failedWrites]!, 9);
    expect(x.operations.find((o) => o.label === 'Kinesis.GetRecords')!.calls).toBeGreaterThan(100);
    const check = agreement(priceRunnel(w, book, model, model.totals), priceRunnel(w, book, model, x.totals));
    expect(check.failing).toEqual([]);
  }, 120_000);
});
