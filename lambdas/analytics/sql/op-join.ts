/**
 * Joins. A stream joined to a reference table looks each stream row up at once (hash lookup on the
 * equality keys of ON when there are any) and keeps the stream row's ROWTIME; LEFT JOIN pads a
 * row without a match with NULLs.
 *
 * Two streams join over windows: each side keeps the rows its window holds (OVER RANGE/ROWS; a side
 * without a window holds only rows with the current ROWTIME). When a row arrives on one side it is
 * matched against the other side's window and the pairs go out at once with ROWTIME = the later of
 * the two (the arriving row's). Outer joins: an unmatched row of a side without a window goes out
 * at once with NULLs; one with a window goes out when it leaves its window, with ROWTIME = its
 * ROWTIME + the window length. Joined rows are [left…, left ROWTIME, right…, right ROWTIME].
 */
import { decode, encode, type Json } from './codec';
import type { Fn } from './compile-expr';
import { tupleKey } from './op-group';
import { guarded, type PumpEnv, type Sink, type Stateful } from './pipeline';
import type { Value } from './types';

export class TableJoinOp implements Sink {
  private readonly index = new Map<string, Value[][]>();

  constructor(
    private readonly rows: Value[][],
    private readonly leftKeys: Fn[],
    rightKeys: ((r: Value[]) => Value)[],
    private readonly on: Fn | undefined,
    private readonly outer: boolean,
    private readonly env: PumpEnv,
    private readonly next: Sink,
  ) {
    if (leftKeys.length) {
      for (const r of rows) {
        const keys = rightKeys.map((f) => f(r));
        if (keys.includes(null)) continue;
        const k = tupleKey(keys);
        const list = this.index.get(k);
        if (list) list.push(r);
        else this.index.set(k, [r]);
      }
    }
  }

  row(v: Value[], t: number): void {
    guarded(this.env, v, t, () => {
      const candidates = this.leftKeys.length ? (this.index.get(tupleKey(this.leftKeys.map((f) => f(v, t)))) ?? []) : this.rows;
      const width = this.rows[0]?.length ?? 0;
      const matches: Value[][] = [];
      for (const r of candidates) {
        const joined = v.concat(r);
        if (!this.on || this.on(joined, t) === true) matches.push(joined);
      }
      if (matches.length === 0 && this.outer) matches.push(v.concat(new Array(width).fill(null)));
      for (const m of matches) this.next.row(m, t);
    });
  }

  bound(t: number): void {
    this.next.bound(t);
  }
}

export interface JoinSide {
  width: number;
  rangeMs?: number;
  rows?: number;
  /** Unmatched rows of this side are kept (LEFT for the left side, RIGHT for the right, FULL both). */
  preserve: boolean;
}

interface Held {
  v: Value[];
  t: number;
  matched: boolean;
}

export class StreamJoinOp implements Stateful {
  private held: [Held[], Held[]] = [[], []];
  private bounds: [number, number] = [-Infinity, -Infinity];
  readonly left: Sink;
  readonly right: Sink;

  constructor(
    private readonly sides: [JoinSide, JoinSide],
    private readonly on: Fn | undefined,
    private readonly env: PumpEnv,
    private readonly next: Sink,
  ) {
    this.left = { row: (v, t) => this.arrive(0, v, t), bound: (t) => this.advance(0, t) };
    this.right = { row: (v, t) => this.arrive(1, v, t), bound: (t) => this.advance(1, t) };
  }

  private joined(side: 0 | 1, mine: Held | undefined, other: Held | undefined): Value[] {
    const pad = (s: 0 | 1, h: Held | undefined) => (h ? [...h.v, h.t] : new Array(this.sides[s].width + 1).fill(null));
    return side === 0 ? [...pad(0, mine), ...pad(1, other)] : [...pad(0, other), ...pad(1, mine)];
  }

  private arrive(side: 0 | 1, v: Value[], t: number): void {
    this.expire(t);
    const other = (1 - side) as 0 | 1;
    const me: Held = { v, t, matched: false };
    guarded(this.env, v, t, () => {
      for (const h of this.held[other]) {
        const row = this.joined(side, me, h);
        if (this.on && this.on(row, t) !== true) continue;
        me.matched = true;
        h.matched = true;
        this.next.row(row, t);
      }
      const s = this.sides[side];
      if (!me.matched && s.preserve && s.rangeMs === undefined && s.rows === undefined) this.next.row(this.joined(side, me, undefined), t);
    });
    this.held[side].push(me);
    const s = this.sides[side];
    if (s.rows !== undefined) while (this.held[side].length > s.rows + 1) this.leave(side, this.held[side].shift()!, t);
    this.bounds[side] = Math.max(this.bounds[side], t);
  }

  /**
   * Drop rows that left their window (time windows by ROWTIME, current-row sides at once); the
   * unmatched ones of a preserving side go out in ROWTIME order across both sides.
   */
  private expire(t: number): void {
    const leaving: { side: 0 | 1; h: Held }[] = [];
    for (const side of [0, 1] as const) {
      const s = this.sides[side];
      if (s.rows !== undefined) continue;
      const range = s.rangeMs ?? 0;
      const held = this.held[side];
      while (held.length && held[0].t < t - range) leaving.push({ side, h: held.shift()! });
    }
    leaving.sort((a, b) => a.h.t + (this.sides[a.side].rangeMs ?? 0) - (b.h.t + (this.sides[b.side].rangeMs ?? 0)));
    for (const { side, h } of leaving) this.leave(side, h, t);
  }

  private leave(side: 0 | 1, h: Held, now: number): void {
    const s = this.sides[side];
    if (h.matched || !s.preserve || (s.rangeMs === undefined && s.rows === undefined)) return;
    this.next.row(this.joined(side, h, undefined), s.rangeMs !== undefined ? h.t + s.rangeMs : now);
  }

  private advance(side: 0 | 1, t: number): void {
    this.bounds[side] = Math.max(this.bounds[side], t);
    const b = Math.min(...this.bounds);
    if (b === -Infinity) return;
    this.expire(b);
    this.next.bound(b);
  }

  snapshot(): Json {
    return encode({ held: this.held, bounds: this.bounds });
  }

  restore(state: Json): void {
    const s = decode(state);
    this.held = s.held;
    this.bounds = s.bounds;
  }
}
