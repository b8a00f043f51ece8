/**
 * The break-even chart: monthly cost against throughput for Runnel and each AWS option (log-log),
 * the crossings marked, the workload's own rate ruled. Rendered to SVG headlessly with vega, and
 * wrapped with the tables into one self-contained HTML report (no scripts fetched).
 */
import * as vega from 'vega';
import * as vl from 'vega-lite';
import { GB } from './billing-rules';
import type { BreakEven, Comparison, SweepPoint } from './compare';
import { breakEvenLines, describeRate, header, itemsTable, totalsTable } from './report';

export interface ChartData {
  series: { option: string; gibPerDay: number; usd: number }[];
  breakEvens: { option: string; gibPerDay: number; usd: number; text: string }[];
  workloadGibPerDay: number;
}

export function chartData(c: Comparison, points: SweepPoint[], found: BreakEven[]): ChartData {
  const labels: Record<string, string> = Object.fromEntries([c.runnel, ...c.options].map((o) => [o.id, o.label]));
  const gib = (rate: number) => (rate * c.workload.recordBytes * 86_400) / GB;
  return {
    // A log axis cannot show $0: options that cost nothing at a rate are left out there.
    series: points.flatMap((p) => Object.entries(p.usd).filter(([, v]) => v > 0).map(([id, v]) => ({ option: labels[id] ?? id, gibPerDay: gib(p.recordsPerSecond), usd: v }))),
    breakEvens: found.map((b) => ({ option: b.label, gibPerDay: gib(b.recordsPerSecond), usd: b.usd, text: `${gib(b.recordsPerSecond).toPrecision(3)} GiB/day, $${b.usd.toFixed(2)}` })),
    workloadGibPerDay: gib(c.workload.recordsPerSecond),
  };
}

export function chartSpec(d: ChartData, title: string): vl.TopLevelSpec {
  const x = { field: 'gibPerDay', type: 'quantitative' as const, scale: { type: 'log' as const }, title: 'throughput (GiB/day)' };
  const y = { field: 'usd', type: 'quantitative' as const, scale: { type: 'log' as const }, title: 'monthly cost (USD)' };
  const layers: object[] = [
    { data: { values: d.series }, mark: { type: 'line', strokeWidth: 2 }, encoding: { x, y, color: { field: 'option', type: 'nominal', title: null, legend: { labelLimit: 320 } } } },
    { data: { values: d.breakEvens }, mark: { type: 'point', shape: 'diamond', size: 120, filled: true, color: 'black' }, encoding: { x, y } },
    { data: { values: d.breakEvens }, mark: { type: 'text', align: 'left', dx: 7, dy: -7, fontSize: 10 }, encoding: { x, y, text: { field: 'text' } } },
  ];
  if (d.workloadGibPerDay > 0) {
    const at = { data: { values: [{ gibPerDay: d.workloadGibPerDay, text: 'this workload' }] } };
    layers.push({ ...at, mark: { type: 'rule', strokeDash: [4, 4], color: 'gray' }, encoding: { x } });
    layers.push({ ...at, mark: { type: 'text', align: 'left', baseline: 'top', dx: 4, y: 4, color: 'gray', fontSize: 10 }, encoding: { x, text: { field: 'text' } } });
  }
  return { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', title, width: 640, height: 400, layer: layers } as vl.TopLevelSpec;
}

export async function renderSvg(spec: vl.TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function reportHtml(c: Comparison, found: BreakEven[], svg: string, spec: vl.TopLevelSpec, measured?: string): string {
  const pre = (text: string) => `<pre>${escape(text)}</pre>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Runnel cost: ${escape(c.workload.name)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:72em}pre{background:#f6f6f6;padding:1em;overflow-x:auto}</style></head>
<body>
<h1>Runnel cost: ${escape(c.workload.name)}</h1>
${pre(header(c))}
<h2>Monthly cost</h2>
${pre(totalsTable(c))}
<h2>Cost against throughput</h2>
${svg}
${pre(breakEvenLines(c.workload, found))}
${measured ? `<h2>Model and measurement</h2>\n${pre(measured)}` : ''}
<h2>Line items</h2>
${pre(itemsTable([c.runnel, ...c.options]))}
<p>Workload: ${escape(describeRate(c.workload))}. Prices: lambdas/cost/prices/price-table.json (each figure with its date and sources).</p>
<script type="application/json" id="vega-lite-spec">${JSON.stringify(spec).replace(/</g, '\\u003c')}</script>
</body></html>
`;
}
