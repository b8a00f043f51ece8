/**
 * From a metered run to a month: the units each operation caused per call in the run, times the
 * calls the workload makes in a month at its requested rate, then priced like the model. Model and
 * measurement thus differ exactly where the code does something other than the model says.
 *
 * Two exceptions keep the model's values: durations, as a local run's timings (dynalite, s3rver,
 * a shared CPU) say nothing about Lambda's (the local timings are reported beside them); and the
 * size of delivered objects, which depends on how well your records compress (an input), not on
 * how well the run's synthetic records do.
 */
import { addTo, UNITS, type Counters, type Unit } from './counters';
import type { LineItem, OptionCost } from './line-items';
import type { MeasuredLine } from './report';
import type { RunnelModel } from './runnel-cost';

const MODEL_ONLY: Unit[] = [UNITS.lambdaBilledMs, UNITS.expressBilledMs, UNITS.destinationBytes];

export interface OperationMeasure {
  label: string;
  /** Calls of the operation in the run. */
  calls: number;
  /** Calls a month: the model's, and the measured rate's (for operations the code sets the pace of). */
  modelCallsPerMonth: number;
  measuredCallsPerMonth: number;
  measuredPerCall: Counters;
  modelPerCall: Counters;
  /** Local wall-clock milliseconds per call (informational). */
  localMs?: number;
}

export interface Extrapolation {
  totals: Counters;
  operations: OperationMeasure[];
  /** Operations the workload causes that the run never saw: their model values stand in. */
  unobserved: string[];
}

/**
 * Operations run as often as the workload says; those the code paces (drivenBy) run, in the
 * month, as often per call of their driver as they did in the run.
 */
export function extrapolate(model: RunnelModel, snapshot: Record<string, Counters>): Extrapolation {
  const totals: Counters = {};
  const operations: OperationMeasure[] = [];
  const unobserved: string[] = [];
  const monthly = (label: string) => model.operations.filter((o) => o.label === label).reduce((n, o) => n + o.callsPerMonth, 0);
  for (const op of model.operations) {
    const seen = snapshot[op.label];
    const calls = seen?.[UNITS.calls] ?? 0;
    const driverCalls = op.drivenBy ? (snapshot[op.drivenBy]?.[UNITS.calls] ?? 0) : calls;
    if (!seen || calls === 0 || driverCalls === 0) {
      unobserved.push(op.label);
      addTo(totals, op.perCall, op.callsPerMonth);
      continue;
    }
    const callsPerMonth = op.drivenBy ? (calls / driverCalls) * monthly(op.drivenBy) : op.callsPerMonth;
    const perCall: Counters = {};
    for (const [k, v] of Object.entries(seen) as [Unit, number][]) perCall[k] = v / calls;
    const priced: Counters = { ...perCall };
    // Model-only values are kept per month: a paced operation's count may differ from the model's.
    for (const k of MODEL_ONLY) priced[k] = ((op.perCall[k] ?? 0) * op.callsPerMonth) / callsPerMonth;
    addTo(totals, priced, callsPerMonth);
    const invocations = seen[UNITS.lambdaInvocations];
    operations.push({
      label: op.label,
      calls,
      modelCallsPerMonth: op.callsPerMonth,
      measuredCallsPerMonth: callsPerMonth,
      measuredPerCall: perCall,
      modelPerCall: op.perCall,
      localMs: invocations ? (seen[UNITS.lambdaBilledMs] ?? 0) / invocations : undefined,
    });
  }
  return { totals, operations, unobserved };
}

export interface Tolerance {
  /** Largest relative difference allowed on a line item, or the total. */
  relative: number;
  /** Differences below this many dollars a month pass whatever their ratio. */
  absoluteUsd: number;
}

/** Each line item, and the total, within 5% or one cent a month. */
export const TOLERANCE: Tolerance = { relative: 0.05, absoluteUsd: 0.01 };

const keyOf = (i: LineItem) => `${i.price}|${i.item.replace(/\(.*\)/, '')}`;

export function agreement(model: OptionCost, measured: OptionCost, t: Tolerance = TOLERANCE): { lines: MeasuredLine[]; ok: boolean; failing: MeasuredLine[] } {
  const lines = new Map<string, MeasuredLine>();
  for (const [side, bill] of [['model', model], ['measured', measured]] as const) {
    for (const i of bill.items) {
      const line = lines.get(keyOf(i)) ?? { key: keyOf(i), label: `${i.service}: ${i.item.replace(/ \(.*\)/, '')}`, model: 0, measured: 0 };
      line[side] += i.usd;
      lines.set(line.key, line);
    }
  }
  const within = (a: number, b: number) => Math.abs(a - b) <= Math.max(t.absoluteUsd, t.relative * Math.abs(a));
  const all = [...lines.values()];
  const failing = all.filter((l) => !within(l.model, l.measured));
  const total = { key: 'total', label: 'total', model: model.total, measured: measured.total };
  if (!within(total.model, total.measured)) failing.push(total);
  return { lines: all, ok: failing.length === 0, failing };
}
