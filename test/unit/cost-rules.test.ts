/** Every rounding and pricing rule against hand-computed cases. */
import { describe, expect, it } from 'vitest';
import { apiRequestUnits, expressGbSeconds, firehoseBilledBytes, itemBytes, kinesisBilledBytes, lambdaGbSeconds, putPayloadUnits, readUnits, writeUnits } from '../../lambdas/cost/billing-rules';
import { Bill } from '../../lambdas/cost/line-items';
import { loadPriceBook, PriceBook, PriceError, readPriceTable, tieredCost } from '../../lambdas/cost/price-table';

const book = loadPriceBook('us-east-1');

describe('rounding rules', () => {
  it('rounds each Kinesis on-demand record up to a whole KB of 1,024 bytes', () => {
    expect([1, 1024, 1025, 4608].map(kinesisBilledBytes)).toEqual([1024, 1024, 2048, 5120]);
  });

  it('counts provisioned PUT payload units in 25 KB chunks: 5 KB is 1, 45 KB is 2, 1,000 KB is 40, 1 MiB is 41', () => {
    expect([5 * 1024, 25 * 1024, 25 * 1024 + 1, 45 * 1024, 1000 * 1024, 1024 * 1024].map(putPayloadUnits)).toEqual([1, 1, 2, 2, 40, 41]);
  });

  it('rounds each Firehose record up to 5 KB: 3 KB bills as 5 KB, 12 KB as 15 KB', () => {
    expect([1, 3 * 1024, 5 * 1024, 12 * 1024].map(firehoseBilledBytes)).toEqual([5120, 5120, 5120, 15360]);
  });

  it('meters HTTP API requests in 512 KB units: 1.2 MB is three requests', () => {
    expect([0, 524_288, 524_289, 1_200_000].map(apiRequestUnits)).toEqual([1, 1, 2, 3]);
  });

  it('bills Lambda by the millisecond at the configured memory', () => {
    expect(lambdaGbSeconds(12.3, 1024)).toBeCloseTo(0.013, 12);
    expect(lambdaGbSeconds(1, 128)).toBeCloseTo(0.000125, 12);
  });

  it('bills Express workflows in 100 ms steps and 64 MB chunks', () => {
    expect(expressGbSeconds(1, 64)).toBeCloseTo(0.1 * 0.0625, 12);
    expect(expressGbSeconds(101, 65)).toBeCloseTo(0.2 * 0.125, 12);
    expect(expressGbSeconds(200, 64)).toBeCloseTo(0.2 * 0.0625, 12);
  });

  it('bills DynamoDB writes per started KB and reads per started 4 KB, at least one unit, eventual reads at half', () => {
    expect([1, 1024, 1025, 380_201].map(writeUnits)).toEqual([1, 1, 2, 372]);
    expect([readUnits(0, true), readUnits(0, false), readUnits(4096, true), readUnits(4097, true), readUnits(4097, false)]).toEqual([1, 0.5, 1, 2, 1]);
  });

  it("sizes items as DynamoDB does: names plus values, numbers in digit pairs, maps and lists 3 bytes plus 1 per element", () => {
    const item = { pk: 'abc#0', sk: 0, lastSeq: 243, rt: 1796197346523, d: new Uint8Array(100), m: { a: 1 }, l: ['x'] };
    // pk 2+5, sk 2+1, lastSeq 7+3, rt 2+8, d 1+100, m 1+(3+1+1+2), l 1+(3+1+1)
    expect(itemBytes(item)).toBe(7 + 3 + 10 + 10 + 101 + 8 + 6);
    // 12000: two significant digits on an even exponent take a third byte
    expect(itemBytes({ n: 12000 }) - itemBytes({ n: 12 })).toBe(1);
  });
});

describe('prices', () => {
  it('prices through tiers: 400M HTTP API requests are 300M at $1.00/M and 100M at $0.90/M', () => {
    expect(book.cost('apigw.http.requests', 400e6, false)).toBeCloseTo(390, 9);
    expect(tieredCost(15, [{ upTo: 10, usd: 2 }, { upTo: null, usd: 1 }])).toBe(25);
  });

  it('applies an always-free allowance only with the free tier on', () => {
    expect(book.cost('lambda.requests', 1.5e6, false)).toBeCloseTo(0.3, 12);
    expect(book.cost('lambda.requests', 1.5e6, true)).toBeCloseTo(0.1, 12);
    expect(book.cost('kms.requests', 15_000, true)).toBe(0);
  });

  it('applies tiers and free allowances once to lines that share a price', () => {
    const bill = new Bill(book, true).add('lambda.requests', 600_000).add('lambda.requests', 600_000);
    expect(bill.done('x', 'x').total).toBeCloseTo(0.04, 12);
  });

  it('keeps a price, unit, date and known source for every figure, and refuses an entry without one', () => {
    const table = readPriceTable();
    const prices = table.regions['us-east-1'].prices;
    expect(Object.values(prices).every((p) => p.unit && p.as_of && p.sources.length > 0)).toBe(true);
    const broken = structuredClone(table);
    broken.regions['us-east-1'].prices['ddb.wru'].sources = ['nowhere'];
    expect(() => new PriceBook(broken, 'us-east-1')).toThrow(PriceError);
    expect(() => loadPriceBook('mars-north-1')).toThrow('no prices for region mars-north-1');
  });
});
