/** Runnel's bill for each front door (`--edge`, as deployed with `cdk deploy -c edge=…`): what is in the path is billed, nothing else. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cost } from '../../bin/cost';
import { EDGE_NAMES, type Edge } from '../../lambdas/cost/edges';
import type { LineItem } from '../../lambdas/cost/line-items';
import { loadPriceBook } from '../../lambdas/cost/price-table';
import { preset } from '../../lambdas/cost/presets';
import { modelRunnel, priceRunnel } from '../../lambdas/cost/runnel-cost';

const book = loadPriceBook();
const GB = 2 ** 30;

function bill(name: string, edge: Edge, freeTier = false, clients: 'internet' | 'region' = 'internet') {
  const w = { ...preset(name), edge, freeTier, clients };
  const m = modelRunnel(w, book);
  return priceRunnel(w, book, m, m.totals);
}
const line = (items: LineItem[], price: string) => items.filter((i) => i.price === price);
const prices = (items: LineItem[]) => new Set(items.map((i) => i.price));
const EDGE_LINES = ['cloudfront.requests', 'cloudfront.functions', 'cloudfront.to_origin', 'cloudfront.dto', 'apigw.http.requests', 'dt.internet_out', 'lambda.url.requests'];

afterEach(() => vi.restoreAllMocks());

describe('the edge lines of Runnel’s bill', () => {
  it('bills CloudFront and the HTTP API by default, and no function URL or regional transfer', () => {
    const items = bill('streams-small', 'cloudfront-api').items;
    expect(EDGE_LINES.filter((p) => prices(items).has(p))).toEqual(['cloudfront.requests', 'cloudfront.functions', 'cloudfront.to_origin', 'cloudfront.dto', 'apigw.http.requests']);
    // 500 records of 1 KiB, base64'd, make a PutRecords body over 512 KB: two API units each.
    const w = preset('streams-small');
    const puts = (w.recordsPerSecond / 500) * 730 * 3600;
    const polls = 2 * 730 * 3600;
    expect(line(items, 'apigw.http.requests')[0].quantity).toBeCloseTo(2 * puts + polls + 2, 3);
  });

  it('behind CloudFront → function URL: no API Gateway line, the invocation is the only request charge, and everything else is unchanged', () => {
    const api = bill('streams-small', 'cloudfront-api');
    const url = bill('streams-small', 'cloudfront-url');
    expect(line(url.items, 'apigw.http.requests')).toEqual([]);
    const [free] = line(url.items, 'lambda.url.requests');
    expect(free.usd).toBe(0);
    expect(free.quantity).toBeCloseTo(line(api.items, 'cloudfront.requests')[0].quantity, 6);
    expect(line(url.items, 'cloudfront.to_origin')[0].item).toBe('Requests to the origin (the function URL)');
    for (const p of ['cloudfront.requests', 'cloudfront.dto', 'lambda.requests', 'ddb.wru']) expect(line(url.items, p)).toEqual(line(api.items, p));
    expect(api.total - url.total).toBeCloseTo(line(api.items, 'apigw.http.requests')[0].usd, 9);
  });

  it('without CloudFront: no CloudFront line, answers leave the Region at $0.09/GB', () => {
    const cf = bill('streams-large', 'cloudfront-api');
    for (const edge of ['api', 'url'] as const) {
      const items = bill('streams-large', edge).items;
      expect([...prices(items)].filter((p) => p.startsWith('cloudfront.'))).toEqual([]);
      const [out] = line(items, 'dt.internet_out');
      expect(out.quantity).toBeCloseTo(line(cf.items, 'cloudfront.dto')[0].quantity, 6);
      expect(out.usd).toBeCloseTo(out.quantity * 0.09, 6); // well inside the first 10 TB
      expect(line(items, 'apigw.http.requests').length).toBe(edge === 'api' ? 1 : 0);
      expect(line(items, 'lambda.url.requests').length).toBe(edge === 'url' ? 1 : 0);
    }
  });

  it('applies the Region’s 100 GB of free data transfer out only with the free tier on', () => {
    const off = line(bill('streams-small', 'url').items, 'dt.internet_out')[0];
    const on = line(bill('streams-small', 'url', true).items, 'dt.internet_out')[0];
    expect(off.quantity).toBeLessThan(100);
    expect(off.usd).toBeGreaterThan(0);
    expect(on.usd).toBe(0);
  });

  it('orders the edges by price for a busy stream, and leaves an idle deployment’s bill alone', () => {
    const totals = Object.fromEntries(EDGE_NAMES.map((e) => [e, bill('streams-small', e).total]));
    expect(totals.url).toBeLessThan(totals.api);
    expect(totals.api).toBeLessThan(totals['cloudfront-url']);
    expect(totals['cloudfront-url']).toBeLessThan(totals['cloudfront-api']);
    const idle = EDGE_NAMES.map((e) => bill('idle', e).total);
    expect(new Set(idle).size).toBe(1);
    expect(bill('idle', 'url').items.filter((i) => EDGE_LINES.includes(i.price))).toEqual([]);
  });

  it('bills no transfer for clients in the Region when nothing but Lambda or API Gateway answers them; CloudFront still bills its own', () => {
    for (const edge of ['api', 'url'] as const) {
      const internet = bill('streams-large', edge);
      const region = bill('streams-large', edge, false, 'region');
      expect(line(region.items, 'dt.internet_out')).toEqual([]);
      expect(internet.total - region.total).toBeCloseTo(line(internet.items, 'dt.internet_out')[0].usd, 9);
    }
    for (const edge of ['cloudfront-api', 'cloudfront-url'] as const) expect(bill('streams-large', edge, false, 'region').items).toEqual(bill('streams-large', edge).items);
  });

  it('counts a GiB as the model does (bytes over 2^30)', () => {
    const m = modelRunnel(preset('streams-small'), book);
    expect(line(bill('streams-small', 'api').items, 'dt.internet_out')[0].quantity).toBeCloseTo((m.totals['cf.bytesOut'] ?? 0) / GB, 9);
  });
});

describe('runnel cost --edge', () => {
  async function run(args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
    return { code: await cost(args), stdout: out.join('\n'), stderr: err.join('\n') };
  }

  it('prices the edge asked for, cloudfront-api when none is', async () => {
    const byDefault = JSON.parse((await run(['--preset', 'streams-small', '--json', '--no-chart'])).stdout);
    const url = JSON.parse((await run(['--preset', 'streams-small', '--edge', 'cloudfront-url', '--json', '--no-chart'])).stdout);
    expect(byDefault.workload.edge).toBe('cloudfront-api');
    expect(url.workload.edge).toBe('cloudfront-url');
    expect(byDefault.runnel.items.some((i: LineItem) => i.price === 'apigw.http.requests')).toBe(true);
    expect(url.runnel.items.some((i: LineItem) => i.price === 'apigw.http.requests')).toBe(false);
    expect((await run(['--preset', 'streams-small', '--edge', 'url', '--no-chart'])).stdout).toContain("Runnel's edge: url (Lambda function URL (no CloudFront)); clients on the internet");
    const region = JSON.parse((await run(['--preset', 'streams-small', '--edge', 'url', '--clients', 'region', '--json', '--no-chart'])).stdout);
    expect(region.runnel.items.some((i: LineItem) => i.price === 'dt.internet_out')).toBe(false);
  });

  it('refuses an unknown edge or client location with the choices and exit code 2', async () => {
    const { code, stderr } = await run(['--edge', 'cloudfront']);
    expect(code).toBe(2);
    expect(stderr).toContain('--edge: unknown edge "cloudfront": use one of cloudfront-api, cloudfront-url, api, url');
    const clients = await run(['--clients', 'vpc']);
    expect(clients.code).toBe(2);
    expect(clients.stderr).toContain('--clients must be internet or region (got vpc)');
  });
});
