/**
 * A running SQL application: in-application streams, the pumps between them, reference tables,
 * and the time they have reached. Nothing here reads a clock or does I/O: the runtime inserts rows
 * with the ROWTIME it assigns (the time each enters the input stream), advances time when no rows
 * come so windows can close, collects what the pumps write, and can snapshot the whole state as
 * JSON and restore it into an engine built from the same code, which then continues exactly as the
 * original would have.
 */
import type { Statement } from './ast';
import { castFn } from './cast';
import type { Json } from './codec';
import { RowError, SqlError } from './errors';
import { parseSql } from './parser';
import { Fanout, type PumpEnv, type Sink, type Stateful } from './pipeline';
import { mapTarget, Planner, type Catalog, type CatalogStream } from './plan';
import { sourcesOf } from './plan-util';
import { T, type Column, type Value } from './types';

export interface OutputRow {
  stream: string;
  rowtime: number;
  values: Value[];
}

export interface EngineInput {
  /** In-application stream name, e.g. SOURCE_SQL_STREAM_001. */
  name: string;
  columns: Column[];
}

export interface EngineOptions {
  sql: string;
  inputs: EngineInput[];
  tables?: { name: string; columns: Column[]; rows: Value[][] }[];
}

export const ERROR_STREAM = 'error_stream';

const ERROR_COLUMNS: Column[] = [
  { name: 'ERROR_TIME', type: T.TIMESTAMP },
  { name: 'ERROR_LEVEL', type: { name: 'VARCHAR', precision: 10 } },
  { name: 'ERROR_NAME', type: { name: 'VARCHAR', precision: 32 } },
  { name: 'MESSAGE', type: { name: 'VARCHAR', precision: 4096 } },
  { name: 'DATA_ROWTIME', type: T.TIMESTAMP },
  { name: 'DATA_ROW', type: { name: 'VARCHAR', precision: 49152 } },
  { name: 'PUMP_NAME', type: { name: 'VARCHAR', precision: 128 } },
];

const hexOf = (text: string) => Buffer.from(text, 'utf8').toString('hex');
const rowText = (v: Value[]) => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));

class Stream implements CatalogStream {
  readonly out = new Fanout();
  lastRowtime = -Infinity;
  /** Each writer's bound; the stream's bound is the least of them. */
  writerBounds: number[] = [];
  bound = -Infinity;

  constructor(
    readonly name: string,
    readonly columns: Column[],
    readonly hidden: Column[],
    readonly input: boolean,
  ) {}
}

/** Pumps feeding their own input (directly or through other pumps) would never stop: refuse them. */
function rejectCycles(statements: Statement[]): void {
  const pumps = statements.filter((s): s is Extract<Statement, { kind: 'pump' }> => s.kind === 'pump');
  const feeds = new Map<string, Set<string>>();
  for (const p of pumps) for (const src of sourcesOf(p.query)) feeds.set(src, (feeds.get(src) ?? new Set()).add(p.target));
  const reaches = (from: string, to: string, seen = new Set<string>()): boolean =>
    [...(feeds.get(from) ?? [])].some((next) => next === to || (!seen.has(next) && (seen.add(next), reaches(next, to, seen))));
  const cyclic = pumps.find((p) => reaches(p.target, p.target));
  if (cyclic) throw new SqlError(`Pump '${cyclic.name}' writes to '${cyclic.target}', which feeds its own input`, cyclic.targetSpan);
}

export class Engine {
  private readonly streams = new Map<string, Stream>();
  private readonly stateful: Stateful[] = [];
  private output: OutputRow[] = [];
  /** Processing time: the latest ROWTIME inserted or time advanced to. */
  now = 0;

  constructor(options: EngineOptions) {
    const statements = parseSql(options.sql);
    for (const input of options.inputs) this.streams.set(input.name, new Stream(input.name, input.columns, [{ name: 'APPROXIMATE_ARRIVAL_TIME', type: T.TIMESTAMP }], true));
    const pumped = new Map<string, string>();
    for (const s of statements) {
      if (s.kind === 'pump') pumped.set(s.target, s.name);
      else if (pumped.has(s.name)) throw new SqlError(`Stream '${s.name}' cannot be redefined: pump '${pumped.get(s.name)}' already writes to it`, s.span);
      else this.declare(s);
    }
    const catalog: Catalog = { streams: this.streams, tables: new Map((options.tables ?? []).map((t) => [t.name, t])) };
    for (const s of statements) if (s.kind === 'pump') this.pump(s, catalog);
    rejectCycles(statements);
  }

  private declare(s: Extract<Statement, { kind: 'stream' }>): void {
    if (s.name.toLowerCase() === ERROR_STREAM) throw new SqlError(`Stream name '${s.name}' is reserved`, s.span);
    if (this.streams.get(s.name)?.input) throw new SqlError(`Stream '${s.name}' is an input stream`, s.span);
    this.streams.set(s.name, new Stream(s.name, s.columns, [], false));
  }

  private pump(s: Extract<Statement, { kind: 'pump' }>, catalog: Catalog): void {
    const target = this.streams.get(s.target);
    if (!target) throw new SqlError(`Object '${s.target}' not found`, s.targetSpan);
    if (target.input) throw new SqlError(`Pump '${s.name}' cannot write to the input stream '${s.target}'`, s.targetSpan);
    const engine = this;
    const env: PumpEnv = {
      pump: s.name,
      get now() { return engine.now; },
      rowError: (pump, e, v, t) => this.rowError(pump, e, v, t),
    };
    const rel = new Planner(catalog, env, this.stateful).planQuery(s.query);
    const { sources, rowtime } = mapTarget(s, target.columns, rel.columns);
    const casts = sources.map((src, i) => (src < 0 ? undefined : castFn(rel.columns[src].type, target.columns[i].type)));
    const writer = target.writerBounds.push(-Infinity) - 1;
    const sink: Sink = {
      row: (v, t) => {
        let out: Value[];
        let rt = t;
        try {
          out = sources.map((src, i) => (src < 0 || v[src] === null ? null : casts[i]!(v[src])));
          if (rowtime >= 0) rt = v[rowtime] as number;
        } catch (e) {
          if (!(e instanceof RowError)) throw e;
          return this.rowError(s.name, e, v, t);
        }
        this.write(target, out, rt, s.name);
      },
      bound: (t) => {
        target.writerBounds[writer] = Math.max(target.writerBounds[writer], t);
        this.advanceStream(target, Math.min(...target.writerBounds));
      },
    };
    rel.out.sinks.push(sink);
  }

  private write(stream: Stream, v: Value[], t: number, pump: string): void {
    if (t < stream.lastRowtime) return this.rowError(pump, new RowError('RowtimeOutOfOrder', `ROWTIME ${t} is earlier than the last ROWTIME ${stream.lastRowtime} of stream ${stream.name}`), v, t);
    stream.lastRowtime = t;
    if (!stream.input) this.output.push({ stream: stream.name, rowtime: t, values: v });
    stream.out.row(v, t);
  }

  private advanceStream(stream: Stream, t: number): void {
    if (t <= stream.bound) return;
    stream.bound = t;
    stream.out.bound(t);
  }

  private rowError(pump: string, e: RowError, v: Value[], t: number): void {
    this.output.push({ stream: ERROR_STREAM, rowtime: this.now, values: [this.now, 'ERROR', e.errorName, e.message, t, hexOf(rowText(v)), pump] });
  }

  /** Record that could not become a row (it did not fit the input schema, or its preprocessor failed it). */
  rejectRecord(raw: Uint8Array, message: string, rowtime: number, errorName = 'CoercionError'): void {
    this.now = Math.max(this.now, rowtime);
    this.output.push({ stream: ERROR_STREAM, rowtime: this.now, values: [this.now, 'ERROR', errorName, message, rowtime, Buffer.from(raw).toString('hex'), null] });
  }

  /**
   * A row enters an input stream at `rowtime` (ms). ROWTIME never goes backwards: an earlier time
   * than the stream has seen is raised to it.
   */
  insert(stream: string, values: Value[], rowtime: number, approximateArrivalTime: number = rowtime): void {
    const s = this.streams.get(stream);
    if (!s?.input) throw new Error(`${stream} is not an input stream`);
    const t = Math.max(rowtime, s.lastRowtime, s.bound);
    this.now = Math.max(this.now, t);
    this.write(s, [...values, approximateArrivalTime], t, '');
  }

  /** Time passes with no new rows: windows whose end is at or before `t` close. */
  advanceTime(t: number): void {
    this.now = Math.max(this.now, t);
    for (const s of this.streams.values()) if (s.input) this.advanceStream(s, t);
  }

  /** Rows written by pumps (and error_stream rows) since the last call, in emission order. */
  takeOutput(): OutputRow[] {
    const out = this.output;
    this.output = [];
    return out;
  }

  columnsOf(stream: string): Column[] {
    if (stream === ERROR_STREAM) return ERROR_COLUMNS;
    const s = this.streams.get(stream);
    if (!s) throw new Error(`No stream ${stream}`);
    return s.columns;
  }

  /** Streams that pumps write (what an application can send to destinations, besides error_stream). */
  pumpStreams(): string[] {
    return [...this.streams.values()].filter((s) => s.writerBounds.length > 0).map((s) => s.name);
  }

  /** The whole state as JSON. Take the output first: rows not yet taken are not part of it. */
  snapshot(): Json {
    return {
      now: this.now,
      streams: Object.fromEntries([...this.streams].map(([n, s]) => [n, [s.lastRowtime, s.bound, ...s.writerBounds].map((x) => (Number.isFinite(x) ? x : null))])),
      operators: this.stateful.map((op) => op.snapshot()),
    };
  }

  restore(state: Json): void {
    const s = state as { now: number; streams: Record<string, (number | null)[]>; operators: Json[] };
    if (s.operators.length !== this.stateful.length) throw new Error('The snapshot was taken from different application code');
    this.now = s.now;
    for (const [name, [last, bound, ...writers]] of Object.entries(s.streams)) {
      const stream = this.streams.get(name);
      if (!stream) continue;
      stream.lastRowtime = last ?? -Infinity;
      stream.bound = bound ?? -Infinity;
      stream.writerBounds = writers.map((w) => w ?? -Infinity);
    }
    s.operators.forEach((o, i) => this.stateful[i].restore(o));
  }
}
