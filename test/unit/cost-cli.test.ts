/** `runnel cost`: the table, the JSON, the chart and report files, and the refusal of nonsense input. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { cost } from '../../bin/cost';

const out = mkdtempSync(join(tmpdir(), 'runnel-cost-test-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** Runs the command in-process; what it printed, and its exit code. */
async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a) => void stdout.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a) => void stderr.push(a.join(' ')));
  const code = await cost(args);
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

describe('runnel cost', () => {
  it('prints Runnel beside every Kinesis option, the break-even rates, and writes the chart and the report', async () => {
    const { code, stdout } = await run(['--preset', 'streams-small', '--out', out]);
    expect(code).toBe(0);
    for (const option of ['Runnel', 'Kinesis provisioned', 'Kinesis on-demand', 'Kinesis On-demand Advantage']) expect(stdout).toMatch(new RegExp(`^${option} +\\$`, 'm'));
    expect(stdout).toContain('Break-even');
    const svg = readFileSync(join(out, 'streams-small.svg'), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    for (const series of ['Runnel', 'Kinesis provisioned', 'Kinesis on-demand']) expect(svg).toContain(series);
    expect(svg).toContain('GiB/day, $'); // a break-even label
    const html = readFileSync(join(out, 'streams-small.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('id="vega-lite-spec"');
    expect(html).not.toMatch(/<script[^>]+src=/);
  });

  it('lists line items with --items and answers JSON with --json', async () => {
    const items = await run(['--preset', 'firehose-small', '--items', '--no-chart']);
    expect(items.stdout).toContain('Amazon Data Firehose');
    expect(items.stdout).toMatch(/Ingestion, Direct PUT or Kinesis source/);
    const json = await run(['--preset', 'streams-large', '--json', '--no-chart']);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.runnel.items.length).toBeGreaterThan(5);
    expect(parsed.options.map((o: { id: string }) => o.id).sort()).toEqual(['kds-advantage', 'kds-on-demand', 'kds-provisioned']);
    expect(parsed.runnel.total).toBeCloseTo(parsed.runnel.items.reduce((n: number, i: { usd: number }) => n + i.usd, 0), 9);
  });

  it.each([
    [['--rate=-5'], 'records per second must be a number >= 0'],
    [['--preset', 'firehose-large', '--gib-per-day=-1'], 'records per second must be a number >= 0'],
    [['--rate', '-5'], "Option '--rate' argument is ambiguous"],
    [['--preset', 'nope'], 'unknown preset nope'],
    [['--batch', '0'], 'batch size must be a whole number from 1 to 500'],
    [['--rate', 'many'], '--rate must be a number'],
    [['--bogus'], "Unknown option '--bogus'"],
    [['--region', 'mars-north-1'], 'no prices for region mars-north-1'],
  ])('refuses %j with a clear message and exit code 2', async (args, message) => {
    const { code, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).toContain('usage: runnel cost');
  });

  it('exits with code 2 from the command line too', async () => {
    const error = await promisify(execFile)('npx', ['tsx', 'bin/runnel.ts', 'cost', '--preset', 'nope'], { env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } }).catch((e) => e);
    expect(error.code).toBe(2);
    expect(error.stderr).toContain('unknown preset nope');
  });
});
