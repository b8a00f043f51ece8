/**
 * Sliding windows (`f(x) OVER w`): for every input row, at once, the row's partition window is
 * brought up to the row's ROWTIME and each windowed function is evaluated; the row goes on with the
 * results appended. RANGE INTERVAL n PRECEDING holds rows with ROWTIME in [t − n, t] (both ends
 * inclusive); ROWS n PRECEDING holds the row and the n before it; a row that arrives later with the
 * same ROWTIME is not in an earlier row's window. Rows leave a window oldest first, so every
 * aggregate is maintained incrementally (see aggregates.ts).
 */
import { ROW_MARK, type Agg } from './aggregates';
import { decode, encode, type Json } from './codec';
import type { Fn } from './compile-expr';
import { tupleKey } from './op-group';
import { guarded, type PumpEnv, type Sink, type Stateful } from './pipeline';
import type { Value } from './types';

export interface WindowCalc {
  agg: Agg;
  arg?: Fn;
  /** Where in the outgoing row the result goes (after the input row's columns). */
  slot: number;
}

export interface SlidingWindow {
  partition: Fn[];
  rangeMs?: number;
  rows?: number;
  calcs: WindowCalc[];
}

interface Partition {
  ts: number[];
  args: Value[][];
  h: number;
  accs: unknown[];
}

export class SlidingOp implements Sink, Stateful {
  private parts: Map<string, Partition>[];
  private readonly width: number;

  constructor(
    private readonly windows: SlidingWindow[],
    private readonly env: PumpEnv,
    private readonly next: Sink,
  ) {
    this.parts = windows.map(() => new Map());
    this.width = Math.max(0, ...windows.flatMap((w) => w.calcs.map((c) => c.slot + 1)));
  }

  row(v: Value[], t: number): void {
    guarded(this.env, v, t, () => {
      // Everything that can fail is evaluated before any window changes.
      const inputs = this.windows.map((win) => ({
        key: win.partition.length ? tupleKey(win.partition.map((f) => f(v, t))) : '',
        args: win.calcs.map((c) => (c.arg ? c.arg(v, t) : ROW_MARK)),
      }));
      const out = v.slice();
      out.length = this.width;
      for (let w = 0; w < this.windows.length; w++) this.slide(w, inputs[w].key, inputs[w].args, t, out);
      this.next.row(out, t);
    });
  }

  private slide(w: number, key: string, args: Value[], t: number, out: Value[]): void {
    const win = this.windows[w];
    const parts = this.parts[w];
    let p = parts.get(key);
    if (p) parts.delete(key);
    else p = { ts: [], args: [], h: 0, accs: win.calcs.map((c) => c.agg.init()) };
    // Re-inserting keeps the map ordered by each partition's latest row, so expired partitions are
    // found at its front (see prune).
    parts.set(key, p);
    const calcs = win.calcs;
    const evict = () => {
      const old = p.args[p.h];
      for (let i = 0; i < calcs.length; i++) if (old[i] !== null || calcs[i].agg.seesNulls) calcs[i].agg.remove(p.accs[i], old[i]);
      p.h++;
    };
    if (win.rangeMs !== undefined) while (p.h < p.ts.length && p.ts[p.h] < t - win.rangeMs) evict();
    else while (p.ts.length - p.h > win.rows!) evict();
    if (p.h > 1024 && p.h * 2 > p.ts.length) {
      p.ts = p.ts.slice(p.h);
      p.args = p.args.slice(p.h);
      p.h = 0;
    }
    p.ts.push(t);
    p.args.push(args);
    for (let i = 0; i < calcs.length; i++) {
      if (args[i] !== null || calcs[i].agg.seesNulls) calcs[i].agg.add(p.accs[i], args[i]);
      out[calcs[i].slot] = calcs[i].agg.result(p.accs[i]);
    }
  }

  bound(t: number): void {
    this.prune(t);
    this.next.bound(t);
  }

  /**
   * Forget partitions whose every row has left a RANGE window (keys such as STEP(ROWTIME …) would
   * otherwise pile up forever). ROWS windows keep their last rows however old they are.
   */
  private prune(t: number): void {
    this.windows.forEach((win, w) => {
      if (win.rangeMs === undefined) return;
      for (const [key, p] of this.parts[w]) {
        if (p.ts[p.ts.length - 1] >= t - win.rangeMs) break;
        this.parts[w].delete(key);
      }
    });
  }

  snapshot(): Json {
    return encode(this.parts.map((m) => [...m].map(([k, p]) => [k, { ...p, ts: p.ts.slice(p.h), args: p.args.slice(p.h), h: 0 }])));
  }

  restore(state: Json): void {
    this.parts = (decode(state) as [string, Partition][][]).map((entries) => new Map(entries));
  }
}
