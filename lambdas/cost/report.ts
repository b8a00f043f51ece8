/** The comparison as text: the terminal table (totals, or every line item) and the measured side by side. */
import { GB } from './billing-rules';
import type { BreakEven, Comparison } from './compare';
import type { LineItem, OptionCost } from './line-items';
import { UNITS, type Counters, type Unit } from './counters';
import { EDGES } from './edges';
import type { Workload } from './workload';

/** Counters shown for information only (durations are modelled; calls and starts are counts, not units). */
const UNPRICED = new Set<string>([UNITS.calls, UNITS.lambdaBilledMs, UNITS.expressBilledMs, UNITS.workflowStarts, UNITS.logEvents]);

export const usd = (n: number, decimals = 2) => `$${n.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals })}`;

const significant = (n: number) => (n === 0 ? '0' : Math.abs(n) >= 1000 ? Math.round(n).toLocaleString('en-US') : Number(n.toPrecision(4)).toLocaleString('en-US', { maximumFractionDigits: 6 }));

/** A workload's rate in the units people think in. */
export function describeRate(w: Workload, recordsPerSecond = w.recordsPerSecond): string {
  const gibPerDay = (recordsPerSecond * w.recordBytes * 86_400) / GB;
  return `${significant(recordsPerSecond)} records/s of ${w.recordBytes} B (${significant(gibPerDay)} GiB/day)`;
}

function table(rows: string[][], align: ('l' | 'r')[]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (align[c] === 'r' ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd()).join('\n');
}

export function header(c: Comparison): string {
  const w = c.workload;
  const shards = c.model.shards ? `, ${c.model.shards} shard${c.model.shards === 1 ? '' : 's'} per stream on Runnel` : '';
  const edge = `Runnel's edge: ${w.edge} (${EDGES[w.edge].label}); clients ${w.clients === 'region' ? 'in the Region' : 'on the internet'}`;
  return [`${w.name}: ${w.description}`, `${describeRate(w)}${shards}; ${w.hoursPerMonth} h/month in ${w.region}, free tier ${w.freeTier ? 'on' : 'off'}`, edge].join('\n');
}

/** One row per option: its monthly total and how it compares with Runnel. */
export function totalsTable(c: Comparison): string {
  const rows = [['option', 'per month', 'Runnel vs option'], ['Runnel', usd(c.runnel.total), '']];
  for (const o of c.options) {
    const diff = c.runnel.total - o.total;
    const pct = o.total > 0 ? ` (${diff >= 0 ? '+' : ''}${((100 * diff) / o.total).toFixed(0)}%)` : '';
    rows.push([o.label, usd(o.total), `${diff >= 0 ? '+' : '-'}${usd(Math.abs(diff))}${pct}`]);
  }
  if (c.options.length === 0) rows.push(['(no AWS resources: Kinesis and Firehose bill nothing)', usd(0), '']);
  return table(rows, ['l', 'r', 'r']);
}

function itemRows(items: LineItem[]): string[][] {
  return items.map((i) => [i.service, i.item, `${significant(i.quantity)} ${i.unit}`, usd(i.usd, 4)]);
}

/** Every option's line items. */
export function itemsTable(options: OptionCost[]): string {
  return options
    .map((o) => {
      const rows = [['service', 'item', 'quantity', 'per month'], ...itemRows(o.items), ['', 'total', '', usd(o.total, 4)]];
      return [`${o.label}`, table(rows, ['l', 'l', 'r', 'r']), ...o.notes.map((n) => `  note: ${n}`)].join('\n');
    })
    .join('\n\n');
}

export function breakEvenLines(w: Workload, found: BreakEven[]): string {
  if (found.length === 0) return 'Break-even: none in the charted range (1/1000 to 1000 times the rate).';
  return ['Break-even (same shape, other rates):', ...found.map((b) => `  ${b.label}: ${describeRate(w, b.recordsPerSecond)} at ${usd(b.usd)}/month; above it ${b.cheaperAbove === 'runnel' ? 'Runnel' : b.label} is cheaper`)].join('\n');
}

export interface MeasuredLine {
  key: string;
  label: string;
  model: number;
  measured: number;
}

/** Runnel's bill, line by line, from the model and from the metered run. */
export function measuredTable(lines: MeasuredLine[], model: OptionCost, measured: OptionCost): string {
  const rows = [['line item', 'model', 'measured', 'difference']];
  for (const l of lines) {
    const d = l.model === 0 ? (l.measured === 0 ? '' : 'n/a') : `${(((l.measured - l.model) / l.model) * 100).toFixed(1)}%`;
    rows.push([l.label, usd(l.model, 4), usd(l.measured, 4), d]);
  }
  rows.push(['total', usd(model.total, 4), usd(measured.total, 4), model.total ? `${(((measured.total - model.total) / model.total) * 100).toFixed(1)}%` : '']);
  return table(rows, ['l', 'r', 'r', 'r']);
}

/** Units per call, model beside measurement, for the counters that cost money (what to recalibrate from). */
export function perCallTable(operations: { label: string; calls: number; modelCallsPerMonth: number; measuredCallsPerMonth: number; measuredPerCall: Counters; modelPerCall: Counters }[]): string {
  const rows = [['operation', 'unit', 'model per call', 'measured per call', 'calls seen']];
  for (const o of operations) {
    rows.push([o.label, 'calls a month', significant(o.modelCallsPerMonth), significant(o.measuredCallsPerMonth), String(o.calls)]);
    const units = [...new Set([...Object.keys(o.modelPerCall), ...Object.keys(o.measuredPerCall)])].filter((u) => !UNPRICED.has(u)).sort();
    for (const u of units) rows.push([o.label, u, significant(o.modelPerCall[u as Unit] ?? 0), significant(o.measuredPerCall[u as Unit] ?? 0), String(o.calls)]);
  }
  return table(rows, ['l', 'l', 'r', 'r', 'r']);
}
