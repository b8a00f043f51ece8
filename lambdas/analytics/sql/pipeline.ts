/**
 * The shape every operator shares. Rows are pushed downstream in ROWTIME order with `row`; `bound`
 * says no row earlier than t will follow (a rowtime bound), which is what lets windows close while
 * no rows arrive. A stateful operator can hand out and take back its state as JSON.
 */
import { decode, encode, type Json } from './codec';
import { RowError } from './errors';
import type { Env, Fn } from './compile-expr';
import type { Value } from './types';

export interface Sink {
  row(v: Value[], t: number): void;
  bound(t: number): void;
}

export interface Stateful {
  snapshot(): Json;
  restore(state: Json): void;
}

/** What a pump's operators share: the clock and where row errors go. */
export interface PumpEnv extends Env {
  pump: string;
  rowError(pump: string, error: RowError, v: Value[], t: number): void;
}

/** Run `work`; a RowError sends the row to error_stream instead of stopping the application. */
export function guarded(env: PumpEnv, v: Value[], t: number, work: () => void): void {
  try {
    work();
  } catch (e) {
    if (!(e instanceof RowError)) throw e;
    env.rowError(env.pump, e, v, t);
  }
}

/** WHERE and the select list of a query without aggregation (no items: the row passes as it is). */
export class ProjectOp implements Sink {
  constructor(
    private readonly env: PumpEnv,
    private readonly where: Fn | undefined,
    private readonly items: Fn[] | undefined,
    private readonly next: Sink,
  ) {}

  row(v: Value[], t: number): void {
    let out = v;
    try {
      if (this.where && this.where(v, t) !== true) return;
      const items = this.items;
      if (items) {
        out = new Array(items.length);
        for (let i = 0; i < items.length; i++) out[i] = items[i](v, t);
      }
    } catch (e) {
      if (!(e instanceof RowError)) throw e;
      this.env.rowError(this.env.pump, e, v, t);
      return;
    }
    this.next.row(out, t);
  }

  bound(t: number): void {
    this.next.bound(t);
  }
}

/** Sends every row and bound to several sinks (a stream read by several pumps, UNION ALL inputs). */
export class Fanout implements Sink {
  readonly sinks: Sink[] = [];

  row(v: Value[], t: number): void {
    for (const s of this.sinks) s.row(v, t);
  }

  bound(t: number): void {
    for (const s of this.sinks) s.bound(t);
  }
}

/**
 * Several inputs into one sink (UNION ALL branches): rows pass as they come, but time only moves
 * on to the least bound all inputs have reached, so no input can still send a row behind it.
 */
export class BoundMerge implements Stateful {
  private bounds: number[] = [];
  private sent = -Infinity;

  constructor(private readonly next: Sink) {}

  input(): Sink {
    const i = this.bounds.push(-Infinity) - 1;
    return {
      row: (v, t) => this.next.row(v, t),
      bound: (t) => {
        this.bounds[i] = Math.max(this.bounds[i], t);
        const least = Math.min(...this.bounds);
        if (least > this.sent) { this.sent = least; this.next.bound(least); }
      },
    };
  }

  snapshot(): Json {
    return encode({ bounds: this.bounds, sent: this.sent });
  }

  restore(state: Json): void {
    const s = decode(state);
    this.bounds = s.bounds;
    this.sent = s.sent;
  }
}
