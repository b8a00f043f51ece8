/**
 * Storage faults for the local runtime: an SDK middleware on the DynamoDB and S3 clients that
 * makes a share of calls fail the ways the real services fail: throttling, 5xx and timeouts, some
 * of them *after* the call took effect (the answer lost on the way back, the ambiguous case that
 * breaks naive retries). It sits inside the SDK's retry loop, so retries are exercised exactly as
 * in the cloud; what the retries cannot absorb reaches Runnel's own code.
 *
 * Configured from tests (LocalOptions.storageFaults) and from `npm start -- --faults`.
 */
export interface FaultRates {
  /** Share of DynamoDB calls that fail (0–1). */
  dynamodb?: number;
  /** Share of S3 calls that fail (0–1). */
  s3?: number;
  /** Of the failures, the share that happens after the call took effect. */
  afterShare?: number;
}

export interface FaultStats {
  /** Calls that reached the middleware (every attempt counts). */
  calls: number;
  injected: Record<string, number>;
  /**
   * Injected failures by the table or bucket and the command they hit, `:after` when the call had
   * taken effect: `dynamodb:<table>:<Command>[:after]`, `s3:<bucket>:<Command>[:after]` (a
   * BatchWriteItem is `BatchWriteItemCommand(put)` or `(delete)` by its first request).
   */
  injectedByResource: Record<string, number>;
  /** Failures that got past the SDK's retries into Runnel. */
  surfaced: number;
}

export interface StorageFaults {
  stats: FaultStats;
  /** Changes the rates from now on (0 switches faults off). */
  set(rates: FaultRates): void;
}

type Service = 'dynamodb' | 's3';

const KINDS: Record<Service, Array<{ name: string; status?: number; throttling?: boolean }>> = {
  dynamodb: [{ name: 'ProvisionedThroughputExceededException', status: 400, throttling: true }, { name: 'InternalServerError', status: 500 }, { name: 'TimeoutError' }],
  s3: [{ name: 'SlowDown', status: 503, throttling: true }, { name: 'InternalError', status: 500 }, { name: 'TimeoutError' }],
};

/** Shaped as the SDK shapes service and timeout errors, so its retry rules classify them as usual. */
function fault(kind: { name: string; status?: number; throttling?: boolean }, after: boolean): Error {
  return Object.assign(new Error(`injected ${kind.name}${after ? ' after the call took effect' : ''}`), {
    name: kind.name,
    $fault: kind.status && kind.status >= 500 ? 'server' : 'client',
    $metadata: kind.status ? { httpStatusCode: kind.status } : {},
    ...(kind.throttling ? { $retryable: { throttling: true } } : {}),
  });
}

/** The table (DynamoDB) or bucket (S3) a call is for, from its input, and the command. */
function resourceOf(service: Service, input: unknown, command: string | undefined): string {
  const i = (input ?? {}) as { TableName?: string; Bucket?: string; RequestItems?: Record<string, { PutRequest?: unknown }[]>; TransactItems?: unknown[] };
  const table = Object.keys(i.RequestItems ?? {})[0];
  const name = service === 's3' ? i.Bucket : (i.TableName ?? table ?? (i.TransactItems ? 'transaction' : undefined));
  const kind = table ? (i.RequestItems![table][0]?.PutRequest ? '(put)' : '(delete)') : '';
  return `${service}:${name ?? '?'}:${command ?? '?'}${kind}`;
}

/** A seeded generator (mulberry32), so a fault pattern can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/* eslint-disable @typescript-eslint/no-explicit-any -- the SDK types each step's handlers precisely (one overload per step); these middlewares only pass arguments through. */
type Handler = (args: any) => Promise<any>;

/** The part of an SDK client this module touches. */
interface Stacked {
  middlewareStack: { add(middleware: any, options: any): void };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/**
 * Attaches the middleware to both clients; `random` decides (pass a seeded one for a replayable
 * run). The rates start as given and can be changed later.
 */
export function injectStorageFaults(clients: { dynamodb: Stacked; s3: Stacked }, initial: FaultRates, random: () => number): StorageFaults {
  let rates: FaultRates = { ...initial };
  const stats: FaultStats = { calls: 0, injected: {}, injectedByResource: {}, surfaced: 0 };
  const attach = (service: Service, stack: Stacked['middlewareStack']) => {
    stack.add(
      (next: Handler, context: { commandName?: string }) => async (args: { input?: unknown }) => {
        stats.calls++;
        const rate = rates[service] ?? 0;
        if (rate <= 0 || random() >= rate) return next(args);
        const kind = KINDS[service][Math.floor(random() * KINDS[service].length)];
        const after = random() < (rates.afterShare ?? 0.3);
        const label = `${service}:${kind.name}${after ? ':after' : ''}`;
        stats.injected[label] = (stats.injected[label] ?? 0) + 1;
        const resource = `${resourceOf(service, args.input, context.commandName)}${after ? ':after' : ''}`;
        stats.injectedByResource[resource] = (stats.injectedByResource[resource] ?? 0) + 1;
        if (after) await next(args);
        throw fault(kind, after);
      },
      // Inside the retry loop: every attempt may fail, and the SDK's retry rules apply.
      { step: 'finalizeRequest', priority: 'low', name: `runnelStorageFaults_${service}` },
    );
    stack.add(
      (next: Handler) => async (args: unknown) => {
        try {
          return await next(args);
        } catch (e) {
          if (/^injected /.test((e as Error).message)) stats.surfaced++;
          throw e;
        }
      },
      { step: 'initialize', priority: 'high', name: `runnelStorageFaultsSurfaced_${service}` },
    );
  };
  attach('dynamodb', clients.dynamodb.middlewareStack);
  attach('s3', clients.s3.middlewareStack);
  return { stats, set: (next) => (rates = { ...next }) };
}

/** `dynamodb=0.05,s3=0.05,after=0.3`: the `--faults` option. */
export function parseFaultRates(spec: string): FaultRates {
  const rates: FaultRates = {};
  for (const part of spec.split(',').filter(Boolean)) {
    const [name, value] = part.split('=');
    const n = Number(value);
    if (!(n >= 0 && n <= 1)) throw new Error(`--faults: ${part} must be name=share with a share from 0 to 1`);
    if (name === 'dynamodb' || name === 's3') rates[name] = n;
    else if (name === 'after') rates.afterShare = n;
    else throw new Error(`--faults: unknown ${name} (use dynamodb, s3, after)`);
  }
  return rates;
}
