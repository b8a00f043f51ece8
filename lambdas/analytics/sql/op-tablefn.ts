/**
 * Table functions over a CURSOR, and ORDER BY within time buckets.
 *
 * TOP_K_ITEMS_TUMBLING and COUNT_DISTINCT_ITEMS_TUMBLING count one column over tumbling windows
 * aligned to the epoch (like STEP(ROWTIME BY INTERVAL 'n' SECOND)) and emit at each window's end,
 * with that end as ROWTIME. Counting is exact (the hosted service was exact below 10,000 distinct
 * items); top-k ties keep first-seen order. RANDOM_CUT_FOREST appends ANOMALY_SCORE to every row.
 */
import type { Comparator } from './arith';
import { decode, encode, type Json } from './codec';
import type { Fn } from './compile-expr';
import { tupleKey } from './op-group';
import { guarded, type PumpEnv, type Sink, type Stateful } from './pipeline';
import { RandomCutForest } from './rcf';
import type { Value } from './types';

abstract class TumblingCount implements Sink, Stateful {
  protected window: number | undefined;
  protected counts = new Map<string, { item: Value; n: number }>();

  constructor(
    private readonly column: number,
    private readonly windowMs: number,
    protected readonly next: Sink,
  ) {}

  row(v: Value[], t: number): void {
    this.closeBefore(t);
    this.window ??= Math.floor(t / this.windowMs);
    const item = v[this.column];
    const k = tupleKey([item]);
    const c = this.counts.get(k);
    if (c) c.n++;
    else this.counts.set(k, { item, n: 1 });
  }

  bound(t: number): void {
    this.closeBefore(t);
    this.next.bound(t);
  }

  private closeBefore(t: number): void {
    if (this.window === undefined || Math.floor(t / this.windowMs) === this.window) return;
    const end = (this.window + 1) * this.windowMs;
    this.emit([...this.counts.values()], end);
    this.counts.clear();
    this.window = undefined;
  }

  protected abstract emit(counts: { item: Value; n: number }[], end: number): void;

  snapshot(): Json {
    return encode({ window: this.window, counts: this.counts });
  }

  restore(state: Json): void {
    const s = decode(state);
    this.window = s.window ?? undefined;
    this.counts = s.counts;
  }
}

export class TopKOp extends TumblingCount {
  constructor(column: number, windowMs: number, private readonly k: number, next: Sink) {
    super(column, windowMs, next);
  }

  protected emit(counts: { item: Value; n: number }[], end: number): void {
    const top = counts.map((c, i) => ({ ...c, i })).sort((a, b) => b.n - a.n || a.i - b.i).slice(0, this.k);
    for (const c of top) this.next.row([c.item, BigInt(c.n)], end);
  }
}

export class CountDistinctOp extends TumblingCount {
  protected emit(counts: { item: Value; n: number }[], end: number): void {
    this.next.row([BigInt(counts.length)], end);
  }
}

export class RcfOp implements Sink, Stateful {
  private readonly forest: RandomCutForest;

  constructor(
    private readonly numeric: ((v: Value[]) => number)[],
    params: number[],
    private readonly next: Sink,
  ) {
    this.forest = new RandomCutForest(...params);
  }

  row(v: Value[], t: number): void {
    this.next.row([...v, this.forest.update(this.numeric.map((f) => f(v)))], t);
  }

  bound(t: number): void {
    this.next.bound(t);
  }

  snapshot(): Json {
    return encode(this.forest.state);
  }

  restore(state: Json): void {
    this.forest.state = decode(state);
  }
}

/**
 * ORDER BY whose leading key is a monotonic time expression: rows of one bucket (same leading key)
 * are held until the bucket closes, then go out sorted by the remaining keys, all with the ROWTIME
 * of the bucket's last row so the stream's ROWTIME still never decreases.
 */
export class OrderOp implements Sink, Stateful {
  private held: { v: Value[]; t: number; keys: Value[] }[] = [];
  private bucket: string | undefined;

  constructor(
    private readonly leading: Fn,
    private readonly keys: { fn: Fn; cmp: Comparator; desc: boolean }[],
    private readonly env: PumpEnv,
    private readonly next: Sink,
  ) {}

  row(v: Value[], t: number): void {
    guarded(this.env, v, t, () => {
      const b = tupleKey([this.leading(v, t)]);
      if (this.bucket !== undefined && b !== this.bucket) this.flush();
      this.bucket = b;
      this.held.push({ v, t, keys: this.keys.map((k) => k.fn(v, t)) });
    });
  }

  bound(t: number): void {
    if (this.bucket !== undefined && tupleKey([this.leading([], t)]) !== this.bucket) this.flush();
    this.next.bound(t);
  }

  private flush(): void {
    const rows = this.held;
    this.held = [];
    this.bucket = undefined;
    const last = rows[rows.length - 1].t;
    rows.sort((a, b) => {
      for (let i = 0; i < this.keys.length; i++) {
        const x = a.keys[i];
        const y = b.keys[i];
        const c = x === null ? (y === null ? 0 : -1) : y === null ? 1 : this.keys[i].cmp(x, y);
        if (c !== 0) return this.keys[i].desc ? -c : c;
      }
      return 0;
    });
    for (const r of rows) this.next.row(r.v, last);
  }

  snapshot(): Json {
    return encode({ held: this.held, bucket: this.bucket });
  }

  restore(state: Json): void {
    const s = decode(state);
    this.held = s.held;
    this.bucket = s.bucket ?? undefined;
  }
}
