/**
 * `runnel cost` options: a preset, or a workload from flags (flags also override a preset's
 * inputs). Every number is checked by checkWorkload; a bad flag is a UsageError (exit code 2).
 */
import { parseArgs } from 'node:util';
import { EDGE_NAMES, isEdge, unknownEdge } from '../lambdas/cost/edges';
import { ratePerDay, preset } from '../lambdas/cost/presets';
import { checkWorkload, WorkloadError, type Workload } from '../lambdas/cost/workload';

export const USAGE = `usage: runnel cost [--preset NAME] [workload flags] [--items] [--json] [--out DIR] [--measure [--seconds N] [--speedup K]]
presets: streams-small, streams-large, firehose-small, firehose-large, idle, idle-streams
workload: --rate RECORDS_PER_S | --gib-per-day N, --record-bytes N, --key-bytes N, --batch N, --streams N,
  --mode PROVISIONED|ON_DEMAND, --shards N, --consumers N, --poll-interval S, --efo N, --triggers N, --retention HOURS,
  --peak-profile m0,...,m23, --firehose direct|kinesis|off, --buffer-mib N, --buffer-seconds N,
  --compression FORMAT, --compression-ratio R, --transform-ms N, --transform-mb N, --format-conversion,
  --dynamic-partitioning, --analytics-apps N, --kpus N, --analytics-output-ratio R, --hours N, --free-tier, --region NAME
deployment: --edge ${EDGE_NAMES.join('|')} (default cloudfront-api: the front door priced, as deployed with cdk deploy -c edge=…),
  --clients internet|region (where Runnel's clients run; default internet)`;

export class UsageError extends Error {}

const OPTIONS = {
  preset: { type: 'string' },
  rate: { type: 'string' },
  'gib-per-day': { type: 'string' },
  'record-bytes': { type: 'string' },
  'key-bytes': { type: 'string' },
  batch: { type: 'string' },
  streams: { type: 'string' },
  mode: { type: 'string' },
  shards: { type: 'string' },
  consumers: { type: 'string' },
  'poll-interval': { type: 'string' },
  efo: { type: 'string' },
  triggers: { type: 'string' },
  retention: { type: 'string' },
  'peak-profile': { type: 'string' },
  firehose: { type: 'string' },
  'buffer-mib': { type: 'string' },
  'buffer-seconds': { type: 'string' },
  compression: { type: 'string' },
  'compression-ratio': { type: 'string' },
  'transform-ms': { type: 'string' },
  'transform-mb': { type: 'string' },
  'format-conversion': { type: 'boolean' },
  'dynamic-partitioning': { type: 'boolean' },
  'analytics-apps': { type: 'string' },
  kpus: { type: 'string' },
  'analytics-output-ratio': { type: 'string' },
  hours: { type: 'string' },
  'free-tier': { type: 'boolean' },
  region: { type: 'string' },
  edge: { type: 'string' },
  clients: { type: 'string' },
  items: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  out: { type: 'string', default: './runnel-cost' },
  'no-chart': { type: 'boolean', default: false },
  measure: { type: 'boolean', default: false },
  seconds: { type: 'string' },
  speedup: { type: 'string' },
  help: { type: 'boolean', default: false },
} as const;

export interface CostOptions {
  workload: Workload;
  items: boolean;
  json: boolean;
  out?: string;
  measure?: { seconds?: number; speedup?: number };
  help: boolean;
}

/** A number flag: anything that is not a plain number is refused here, ranges by checkWorkload. */
function number(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--${name} must be a number (got ${text})`);
  return n;
}

export function parseCostArgs(args: string[]): CostOptions {
  let values: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS }>>['values'];
  try {
    values = parseArgs({ args, options: OPTIONS, allowPositionals: false }).values;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const n = (name: keyof typeof OPTIONS) => number(name, values[name] as string | undefined);
  const w: Workload = values.preset ? preset(values.preset) : { ...preset('streams-small'), name: 'custom', description: 'a workload given by flags', shards: undefined };
  const set = <K extends keyof Workload>(key: K, value: Workload[K] | undefined) => value !== undefined && (w[key] = value);
  set('recordBytes', n('record-bytes'));
  set('partitionKeyBytes', n('key-bytes'));
  set('recordsPerSecond', n('rate'));
  const gibPerDay = n('gib-per-day');
  if (gibPerDay !== undefined) w.recordsPerSecond = ratePerDay(gibPerDay, w.recordBytes);
  set('batchSize', n('batch'));
  set('streams', n('streams'));
  if (values.mode !== undefined) w.streamMode = values.mode.toUpperCase() as Workload['streamMode'];
  if (!['PROVISIONED', 'ON_DEMAND'].includes(w.streamMode)) throw new UsageError(`--mode must be PROVISIONED or ON_DEMAND (got ${values.mode})`);
  set('shards', n('shards'));
  set('retentionHours', n('retention'));
  set('triggers', n('triggers'));
  set('hoursPerMonth', n('hours'));
  if (values['free-tier']) w.freeTier = true;
  set('region', values.region);
  if (values.edge !== undefined) {
    if (!isEdge(values.edge)) throw new UsageError(`--edge: ${unknownEdge(values.edge)}`);
    w.edge = values.edge;
  }
  if (values.clients !== undefined) {
    if (values.clients !== 'internet' && values.clients !== 'region') throw new UsageError(`--clients must be internet or region (got ${values.clients})`);
    w.clients = values.clients;
  }
  const polling = n('consumers');
  const interval = n('poll-interval');
  const efo = n('efo');
  if (polling !== undefined || interval !== undefined || efo !== undefined) {
    const every = interval ?? w.consumers[0]?.pollIntervalSeconds ?? 1;
    w.consumers = [
      { count: polling ?? w.consumers.filter((c) => c.mode === 'polling').reduce((s, c) => s + c.count, 0), mode: 'polling', pollIntervalSeconds: every },
      { count: efo ?? 0, mode: 'efo', pollIntervalSeconds: every },
    ];
  }
  if (values['peak-profile']) w.dailyProfile = values['peak-profile'].split(',').map((m) => number('peak-profile', m)!);
  firehoseFlags(w, values, n);
  const apps = n('analytics-apps');
  if (apps !== undefined) w.analytics = { applications: apps, kpus: n('kpus') ?? 1 };
  const ratio = n('analytics-output-ratio');
  if (ratio !== undefined) {
    if (!w.analytics) throw new UsageError('--analytics-output-ratio needs --analytics-apps');
    w.analytics.outputRatio = ratio;
  }
  try {
    checkWorkload(w);
  } catch (e) {
    if (e instanceof WorkloadError) throw new UsageError(e.message);
    throw e;
  }
  return {
    workload: w,
    items: values.items!,
    json: values.json!,
    out: values['no-chart'] ? undefined : values.out,
    measure: values.measure ? { seconds: n('seconds'), speedup: n('speedup') } : undefined,
    help: values.help!,
  };
}

function firehoseFlags(w: Workload, values: Record<string, unknown>, n: (name: keyof typeof OPTIONS) => number | undefined): void {
  if (values.firehose === 'off') {
    delete w.firehose;
    return;
  }
  if (values.firehose !== undefined) {
    if (values.firehose !== 'direct' && values.firehose !== 'kinesis') throw new UsageError(`--firehose must be direct, kinesis or off (got ${values.firehose})`);
    w.firehose = { ...(w.firehose ?? preset('firehose-small').firehose!), source: values.firehose };
  }
  const f = w.firehose;
  if (!f) return;
  f.bufferMiB = n('buffer-mib') ?? f.bufferMiB;
  f.bufferSeconds = n('buffer-seconds') ?? f.bufferSeconds;
  if (values.compression !== undefined) f.compression = values.compression as typeof f.compression;
  f.compressionRatio = n('compression-ratio') ?? f.compressionRatio;
  const ms = n('transform-ms');
  if (ms !== undefined) f.transform = { durationMs: ms, memoryMB: n('transform-mb') ?? 128 };
  if (values['format-conversion']) f.formatConversion = true;
  if (values['dynamic-partitioning']) f.dynamicPartitioning = true;
}
