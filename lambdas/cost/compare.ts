/**
 * Runnel against every AWS option that serves the workload, at its rate and across a range of
 * rates (for the chart), with the rates where Runnel and an option cost the same.
 */
import { kdaSqlOption } from './aws-analytics';
import { firehoseOption } from './aws-firehose';
import { kinesisAdvantage, kinesisOnDemand, kinesisProvisioned } from './kinesis-options';
import type { OptionCost } from './line-items';
import type { PriceBook } from './price-table';
import { modelRunnel, priceRunnel, type RunnelModel } from './runnel-cost';
import { RUNNEL_PROFILE, type RunnelProfile } from './runnel-profile';
import type { Workload } from './workload';

export interface Comparison {
  workload: Workload;
  model: RunnelModel;
  runnel: OptionCost;
  /** The AWS options, cheapest first. */
  options: OptionCost[];
}

/** The AWS services that do what the workload asks: Kinesis (with its extras) for streams, Firehose for DirectPut. */
export function awsOptions(w: Workload, book: PriceBook): OptionCost[] {
  const options: OptionCost[] = [];
  if (w.streams > 0) options.push(kinesisProvisioned(w, book), kinesisOnDemand(w, book), kinesisAdvantage(w, book));
  if (w.firehose?.source === 'direct') options.push(firehoseOption(w, book));
  const kda = kdaSqlOption(w, book);
  if (kda) options.push(kda);
  return options.sort((a, b) => a.total - b.total);
}

export function compare(w: Workload, book: PriceBook, p: RunnelProfile = RUNNEL_PROFILE): Comparison {
  const model = modelRunnel(w, book, p);
  return { workload: w, model, runnel: priceRunnel(w, book, model, model.totals, p), options: awsOptions(w, book) };
}

function totals(w: Workload, book: PriceBook, rate: number, p: RunnelProfile): Record<string, number> {
  const at = { ...w, recordsPerSecond: rate };
  const c = compare(at, book, p);
  return Object.fromEntries([[c.runnel.id, c.runnel.total], ...c.options.map((o) => [o.id, o.total])]);
}

export interface SweepPoint {
  recordsPerSecond: number;
  /** Monthly cost per option id (runnel included). */
  usd: Record<string, number>;
}

/** Monthly cost of every option at rates spread evenly on a log scale around the workload's. */
export function sweep(w: Workload, book: PriceBook, p: RunnelProfile = RUNNEL_PROFILE, points = 61): SweepPoint[] {
  const centre = w.recordsPerSecond > 0 ? w.recordsPerSecond : 10;
  const [lo, hi] = [Math.log10(centre) - 3, Math.log10(centre) + 3];
  return Array.from({ length: points }, (_, i) => {
    const rate = 10 ** (lo + ((hi - lo) * i) / (points - 1));
    return { recordsPerSecond: rate, usd: totals(w, book, rate, p) };
  });
}

export interface BreakEven {
  option: string;
  label: string;
  recordsPerSecond: number;
  /** Monthly cost of both at that rate. */
  usd: number;
  /** Which is cheaper above this rate. */
  cheaperAbove: 'runnel' | string;
}

/** Where Runnel's monthly cost crosses each option's on the sweep, refined by bisection. */
export function breakEvens(w: Workload, book: PriceBook, points: SweepPoint[], labels: Record<string, string>, p: RunnelProfile = RUNNEL_PROFILE): BreakEven[] {
  const found: BreakEven[] = [];
  const ids = Object.keys(points[0]?.usd ?? {}).filter((id) => id !== 'runnel');
  for (const id of ids) {
    const gap = (rate: number) => {
      const t = totals(w, book, rate, p);
      return t.runnel - t[id];
    };
    for (let i = 1; i < points.length; i++) {
      const [a, b] = [points[i - 1], points[i]];
      const [ga, gb] = [a.usd.runnel - a.usd[id], b.usd.runnel - b.usd[id]];
      if (Math.sign(ga) === Math.sign(gb) || ga === 0) continue;
      let [lo, hi] = [a.recordsPerSecond, b.recordsPerSecond];
      for (let k = 0; k < 40; k++) {
        const mid = Math.sqrt(lo * hi);
        if (Math.sign(gap(mid)) === Math.sign(ga)) lo = mid;
        else hi = mid;
      }
      const rate = Math.sqrt(lo * hi);
      found.push({ option: id, label: labels[id] ?? id, recordsPerSecond: rate, usd: totals(w, book, rate, p).runnel, cheaperAbove: gb < 0 ? 'runnel' : id });
    }
  }
  return found.sort((x, y) => x.recordsPerSecond - y.recordsPerSecond);
}
