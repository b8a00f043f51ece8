/**
 * `runnel cost` (`npm run cost -- …`): what a workload costs a month on Runnel and on every AWS
 * option that serves it, the break-even rates, a chart and an HTML report, and with --measure the
 * model beside a metered local run. Exit codes: 0 done, 1 model and measurement disagree, 2 bad input.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chartData, chartSpec, renderSvg, reportHtml } from '../lambdas/cost/chart';
import { breakEvens, compare, sweep, type Comparison } from '../lambdas/cost/compare';
import { agreement, extrapolate, TOLERANCE } from '../lambdas/cost/extrapolate';
import { loadPriceBook, PriceError } from '../lambdas/cost/price-table';
import { breakEvenLines, header, itemsTable, measuredTable, perCallTable, totalsTable } from '../lambdas/cost/report';
import { priceRunnel } from '../lambdas/cost/runnel-cost';
import { WorkloadError } from '../lambdas/cost/workload';
import { parseCostArgs, UsageError, USAGE, type CostOptions } from './cost-args';
import { measureWorkload } from './cost-measure';

function usageError(e: unknown): number | undefined {
  if (e instanceof UsageError || e instanceof WorkloadError || e instanceof PriceError) {
    console.error(`runnel cost: ${e.message}\n${USAGE}`);
    return 2;
  }
  return undefined;
}

async function measured(opts: CostOptions, c: Comparison, book: ReturnType<typeof loadPriceBook>) {
  const w = opts.workload;
  const progress = (line: string) => process.stderr.write(`\r${line.padEnd(78)}`);
  const run = await measureWorkload(w, c.model, { seconds: opts.measure!.seconds, speedup: opts.measure!.speedup, progress });
  process.stderr.write('\n');
  const x = extrapolate(c.model, run.snapshot);
  const bill = priceRunnel(w, book, c.model, x.totals);
  const check = agreement(c.runnel, bill);
  const achieved = w.recordsPerSecond > 0 ? run.records / run.workloadSeconds / w.recordsPerSecond : 1;
  const text = [
    `Measured: ${run.workloadSeconds.toFixed(0)} s of the workload (time ×${run.speedup.toFixed(2)}), ${run.records.toLocaleString('en-US')} records (${(achieved * 100).toFixed(0)}% of the requested rate); units per call times the month's calls at the requested rate.`,
    ...(achieved < 0.95 ? ['Warning: the local host fell behind the requested rate, so what a poll or a flush finds is less than at that rate; try --speedup lower.'] : []),
    measuredTable(check.lines, c.runnel, bill),
    `Tolerance: every line item and the total within ${TOLERANCE.relative * 100}% or $${TOLERANCE.absoluteUsd.toFixed(2)} a month: ${check.ok ? 'AGREE' : `DISAGREE on ${check.failing.map((l) => l.label).join('; ')}`}.`,
    'Lambda and Express durations (and delivered objects\' sizes, which follow your compression ratio) keep the model\'s values on both sides; local timings per call, not comparable to Lambda\'s:',
    ...x.operations.filter((o) => o.localMs !== undefined).map((o) => `  ${o.label}: ${o.localMs!.toFixed(0)} ms locally, ${o.modelPerCall['lambda.billedMs'] ?? 0} ms modelled (${o.calls} calls)`),
    ...(x.unobserved.length ? [`Not seen in the run (model values used): ${x.unobserved.join(', ')}`] : []),
    ...(opts.items ? ['', 'Units per call (lambdas/cost/runnel-profile.ts is where to recalibrate):', perCallTable(x.operations)] : []),
  ].join('\n');
  return { run, extrapolation: x, bill, check, text };
}

export async function cost(args: string[]): Promise<number> {
  let opts: CostOptions;
  let book: ReturnType<typeof loadPriceBook>;
  try {
    opts = parseCostArgs(args);
    if (opts.help) {
      console.log(USAGE);
      return 0;
    }
    book = loadPriceBook(opts.workload.region);
  } catch (e) {
    const code = usageError(e);
    if (code !== undefined) return code;
    throw e;
  }
  const w = opts.workload;
  const c = compare(w, book);
  const points = sweep(w, book);
  const found = breakEvens(w, book, points, Object.fromEntries(c.options.map((o) => [o.id, o.label])));
  const measure = opts.measure ? await measured(opts, c, book) : undefined;

  let files: { svg: string; html: string } | undefined;
  if (opts.out) {
    const dir = resolve(opts.out);
    mkdirSync(dir, { recursive: true });
    const spec = chartSpec(chartData(c, points, found), `${w.name}: monthly cost against throughput`);
    const svg = await renderSvg(spec);
    files = { svg: join(dir, `${w.name}.svg`), html: join(dir, `${w.name}.html`) };
    writeFileSync(files.svg, svg);
    writeFileSync(files.html, reportHtml(c, found, svg, spec, measure?.text));
  }

  if (opts.json) {
    console.log(JSON.stringify({ workload: w, shards: c.model.shards, runnel: c.runnel, options: c.options, breakEvens: found, files, measured: measure && { speedup: measure.run.speedup, workloadSeconds: measure.run.workloadSeconds, runnel: measure.bill, agree: measure.check.ok, lines: measure.check.lines, operations: measure.extrapolation.operations } }, null, 2));
  } else {
    console.log([header(c), '', totalsTable(c), '', breakEvenLines(w, found), ...(opts.items ? ['', itemsTable([c.runnel, ...c.options])] : []), ...c.runnel.notes.map((n) => `note: ${n}`), ...(measure ? ['', measure.text] : []), ...(files ? ['', `chart: ${files.svg}`, `report: ${files.html}`] : [])].join('\n'));
  }
  return measure && !measure.check.ok ? 1 : 0;
}
