/**
 * Streaming aggregation: tumbling windows (GROUP BY with one monotonic, usually ROWTIME-based, key)
 * and stagger windows (WINDOWED BY STAGGER). Both emit one row per group when its window closes,
 * with ROWTIME = the window's end, groups in order of first appearance.
 *
 * Tumbling: a window is all rows whose monotonic key has the same value. It closes when a row or a
 * rowtime bound arrives whose key differs; the key of a bound is the key expression evaluated at
 * that time, which is only possible when the key depends on ROWTIME alone. The window's end (its
 * output ROWTIME) is the first instant whose key differs, found by searching the key function, so
 * STEP, FLOOR … TO, the `FLOOR((ROWTIME - epoch) SECOND / n TO SECOND)` idiom and any other
 * monotonic ROWTIME expression all get exact ends. A key that also reads columns (MONOTONIC(col))
 * closes at the ROWTIME of the row that changed it.
 *
 * Stagger: one window per partition key, opened by the first row with that key at its ROWTIME t0
 * and closed at t0 + range (half-open: a row at exactly t0 + range opens the next window). Windows
 * all have the same length, so they close in the order they opened.
 */
import type { Agg } from './aggregates';
import { ROW_MARK } from './aggregates';
import { decode, encode, type Json } from './codec';
import type { Fn } from './compile-expr';
import { guarded, type PumpEnv, type Sink, type Stateful } from './pipeline';
import type { Value } from './types';

export interface GroupSpec {
  keys: Fn[];
  aggs: { agg: Agg; arg?: Fn }[];
  /** Evaluated over [...keys, ...aggregate results] with t = window end. */
  having?: Fn;
  outputs: Fn[];
}

interface Group {
  keys: Value[];
  accs: unknown[];
}

/** A collision-free text key of a tuple of values. */
export function tupleKey(values: Value[]): string {
  if (values.length === 1) { const x = values[0]; return typeof x === 'string' ? `s${x}` : `${typeof x}${String(x)}`; }
  let k = '';
  for (const x of values) k += (typeof x === 'string' ? `s${x.length}:${x}` : `${typeof x}${String(x)}`) + '\u0001';
  return k;
}

/** Accumulates rows into groups and emits them; shared by both window kinds. */
class Groups {
  map = new Map<string, Group>();

  constructor(readonly spec: GroupSpec, private readonly env: PumpEnv, readonly next: Sink) {}

  /** Arguments are evaluated before anything changes, so a row error leaves the groups untouched. */
  add(keys: Value[], v: Value[], t: number, key = tupleKey(keys)): void {
    const aggs = this.spec.aggs;
    const xs = aggs.map(({ arg }) => (arg ? arg(v, t) : ROW_MARK));
    let g = this.map.get(key);
    if (!g) {
      g = { keys, accs: aggs.map((a) => a.agg.init()) };
      this.map.set(key, g);
    }
    for (let i = 0; i < aggs.length; i++) if (xs[i] !== null || aggs[i].agg.seesNulls) aggs[i].agg.add(g.accs[i], xs[i]);
  }

  emit(g: Group, end: number): void {
    const { aggs, having, outputs } = this.spec;
    const r = [...g.keys, ...aggs.map((a, i) => a.agg.result(g.accs[i]))];
    guarded(this.env, r, end, () => {
      if (having && having(r, end) !== true) return;
      const out = outputs.map((f) => f(r, end));
      this.next.row(out, end);
    });
  }

  snapshot(): Json {
    return encode([...this.map].map(([k, g]) => [k, g.keys, g.accs]));
  }

  restore(state: Json): void {
    this.map = new Map((decode(state) as [string, Value[], unknown[]][]).map(([k, keys, accs]) => [k, { keys, accs }]));
  }
}

export class TumblingOp implements Sink, Stateful {
  private readonly groups: Groups;
  private current: { keyText: string; firstT: number } | undefined;

  constructor(
    spec: GroupSpec,
    private readonly timeKey: Fn,
    /** The key reads only ROWTIME, so bounds can close windows. */
    private readonly timeOnly: boolean,
    private readonly env: PumpEnv,
    next: Sink,
  ) {
    this.groups = new Groups(spec, env, next);
  }

  row(v: Value[], t: number): void {
    guarded(this.env, v, t, () => {
      const text = tupleKey([this.timeKey(v, t)]);
      if (this.current && this.current.keyText !== text) this.close(this.timeOnly ? this.endOf(this.current) : t);
      this.current ??= { keyText: text, firstT: t };
      this.groups.add(this.groups.spec.keys.map((f) => f(v, t)), v, t);
    });
  }

  bound(t: number): void {
    const current = this.current;
    if (current && this.timeOnly) guarded(this.env, [], t, () => { if (tupleKey([this.timeKey([], t)]) !== current.keyText) this.close(this.endOf(current)); });
    this.groups.next.bound(t);
  }

  /** First instant after the window's first row whose key differs: exponential, then binary search. */
  private endOf(w: { keyText: string; firstT: number }): number {
    const same = (t: number) => tupleKey([this.timeKey([], t)]) === w.keyText;
    let lo = w.firstT;
    let hi = w.firstT + 1;
    // The cap only matters for a key that is not monotonic in ROWTIME; it bounds the search.
    while (same(hi) && hi - w.firstT < 2 ** 50) { lo = hi; hi = w.firstT + (hi - w.firstT) * 2; }
    while (hi - lo > 1) { const mid = Math.floor((lo + hi) / 2); if (same(mid)) lo = mid; else hi = mid; }
    return hi;
  }

  private close(end: number): void {
    const groups = [...this.groups.map.values()];
    this.groups.map.clear();
    this.current = undefined;
    for (const g of groups) this.groups.emit(g, end);
  }

  snapshot(): Json {
    return { current: encode(this.current), groups: this.groups.snapshot() };
  }

  restore(state: Json): void {
    const s = state as { current: Json; groups: Json };
    this.current = decode(s.current) ?? undefined;
    this.groups.restore(s.groups);
  }
}

export class StaggerOp implements Sink, Stateful {
  private readonly groups: Groups;
  private opened = new Map<string, number>();

  constructor(
    spec: GroupSpec,
    private readonly rangeMs: number,
    private readonly env: PumpEnv,
    next: Sink,
  ) {
    this.groups = new Groups(spec, env, next);
  }

  row(v: Value[], t: number): void {
    this.closeUpTo(t);
    guarded(this.env, v, t, () => {
      const keys = this.groups.spec.keys.map((f) => f(v, t));
      const key = tupleKey(keys);
      this.groups.add(keys, v, t, key);
      if (!this.opened.has(key)) this.opened.set(key, t);
    });
  }

  bound(t: number): void {
    this.closeUpTo(t);
    this.groups.next.bound(t);
  }

  private closeUpTo(t: number): void {
    for (const [key, open] of this.opened) {
      if (open + this.rangeMs > t) break;
      this.opened.delete(key);
      const g = this.groups.map.get(key)!;
      this.groups.map.delete(key);
      this.groups.emit(g, open + this.rangeMs);
    }
  }

  snapshot(): Json {
    return { opened: encode(this.opened), groups: this.groups.snapshot() };
  }

  restore(state: Json): void {
    const s = state as { opened: Json; groups: Json };
    this.opened = decode(s.opened);
    this.groups.restore(s.groups);
  }
}
