/**
 * Metering: the running code counts what AWS would bill it for, per operation. A scope stands for
 * one call of an operation (an API request, a workflow task, a workflow execution); everything
 * that happens in its async context (DynamoDB and S3 calls through the metered clients, bytes
 * logged) is added to it, and its counters join the operation's totals when it closes. Scopes nest:
 * a task run in-process by a request counts as the task's, not the request's.
 *
 * In the cloud a sink receives each closed Lambda invocation's counters (one log line, see
 * handlers); locally the totals are served at GET /metering.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';
import { addTo, UNITS, type Counters } from './counters';

interface Scope {
  counters: Counters;
}

const active = new AsyncLocalStorage<Scope>();

/** Adds to the scope the caller runs in; false when it runs in none. */
export function countInScope(counters: Counters): boolean {
  const scope = active.getStore();
  if (scope) addTo(scope.counters, counters);
  return scope !== undefined;
}

export interface OpenScope {
  /** Runs `fn` inside the scope (what it starts, synchronously or later, counts here). */
  run<T>(fn: () => T): T;
  /** Ends the call: its counters, plus `extra`, join the operation's totals. */
  close(extra?: Counters): void;
}

export type MeteringSink = (label: string, counters: Counters) => void;

/** Work done outside any operation (local housekeeping, start-up) is kept apart under this label. */
export const OUTSIDE = '(outside operations)';

export class Meter {
  private totals = new Map<string, Counters>();

  constructor(private readonly sink?: MeteringSink) {}

  /**
   * Opens a scope for one call of `label`. With `invocation`, the call is a Lambda invocation:
   * it counts one, and its duration rounded up to the millisecond.
   */
  open(label: string, opts: { invocation?: boolean } = {}): OpenScope {
    const scope: Scope = { counters: { [UNITS.calls]: 1 } };
    const started = performance.now();
    return {
      run: (fn) => active.run(scope, fn),
      close: (extra = {}) => {
        addTo(scope.counters, extra);
        if (opts.invocation) addTo(scope.counters, { [UNITS.lambdaInvocations]: 1, [UNITS.lambdaBilledMs]: Math.ceil(performance.now() - started) });
        this.record(label, scope.counters);
        if (opts.invocation) this.sink?.(label, scope.counters);
      },
    };
  }

  /** Runs `fn` as one call of `label`. */
  async scope<T>(label: string, fn: () => Promise<T>, opts: { invocation?: boolean } = {}): Promise<T> {
    const scope = this.open(label, opts);
    try {
      return await scope.run(fn);
    } finally {
      scope.close();
    }
  }

  /** Counts in the caller's scope, or under OUTSIDE when there is none. */
  count(counters: Counters): void {
    if (!countInScope(counters)) this.record(OUTSIDE, counters);
  }

  private record(label: string, counters: Counters): void {
    const total = this.totals.get(label) ?? {};
    this.totals.set(label, addTo(total, counters));
  }

  /** Totals per operation label since the last reset. */
  snapshot(): Record<string, Counters> {
    return Object.fromEntries([...this.totals].map(([label, c]) => [label, { ...c }]));
  }

  reset(): void {
    this.totals.clear();
  }
}

let logCounting: { silent: boolean } | undefined;

/**
 * Counts the bytes and lines written to stdout and stderr inside scopes (what CloudWatch Logs
 * would ingest from a Lambda). Installed once per process; `silent` swallows scoped output (a
 * measuring run logs at INFO, as the cloud does, without flooding the terminal).
 */
export function countLogs(opts: { silent?: boolean } = {}): void {
  if (logCounting) {
    logCounting.silent = opts.silent ?? logCounting.silent;
    return;
  }
  logCounting = { silent: opts.silent ?? false };
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      const counted = countInScope({ [UNITS.logBytes]: Buffer.byteLength(text), [UNITS.logEvents]: text.split('\n').filter(Boolean).length });
      if (counted && logCounting!.silent) {
        const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
        callback?.();
        return true;
      }
      return write(chunk, ...rest);
    }) as typeof stream.write;
  }
}
