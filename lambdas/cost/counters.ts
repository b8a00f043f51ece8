/**
 * The billable quantities Runnel's code causes, named once: the meter counts them per operation,
 * the model predicts them per operation, and the same pricing turns either into dollars.
 */
export const UNITS = {
  /** Times the operation ran (requests, task invocations, workflow executions). */
  calls: 'calls',
  lambdaInvocations: 'lambda.invocations',
  /** Lambda duration summed per invocation after rounding up to the millisecond. */
  lambdaBilledMs: 'lambda.billedMs',
  apiRequests: 'api.requests',
  /** HTTP API requests after 512 KB metering. */
  apiUnits: 'api.units',
  cloudfrontRequests: 'cf.requests',
  cloudfrontFunctions: 'cf.functions',
  cloudfrontBytesToOrigin: 'cf.bytesToOrigin',
  cloudfrontBytesOut: 'cf.bytesOut',
  writeUnits: 'ddb.wru',
  readUnits: 'ddb.rru',
  /** Failed conditional writes among the writes (billed like any write). */
  failedWrites: 'ddb.failedWrites',
  s3Puts: 's3.put',
  s3Gets: 's3.get',
  s3PutBytes: 's3.putBytes',
  /** Objects Firehose deliveries write to destination buckets. */
  destinationPuts: 'dest.put',
  destinationBytes: 'dest.putBytes',
  workflowStarts: 'sfn.starts',
  transitions: 'sfn.transitions',
  expressRequests: 'sfn.express',
  /** Express duration summed per execution after rounding up to 100 ms. */
  expressBilledMs: 'sfn.expressBilledMs',
  logBytes: 'logs.bytes',
  logEvents: 'logs.events',
} as const;

export type Unit = (typeof UNITS)[keyof typeof UNITS];
export type Counters = Partial<Record<Unit, number>>;

export function addTo(target: Counters, more: Counters, times = 1): Counters {
  for (const [k, v] of Object.entries(more) as [Unit, number][]) target[k] = (target[k] ?? 0) + v * times;
  return target;
}

export function sum(list: Counters[]): Counters {
  return list.reduce((total, c) => addTo(total, c), {});
}

/** One operation of the model: how often it runs in a month and what one run causes. */
export interface Operation {
  label: string;
  callsPerMonth: number;
  perCall: Counters;
  /**
   * The operation whose calls make this one run, when the code rather than the workload decides
   * how often it does (flushes happen as writes fill buffers): a measurement counts it per call
   * of that one.
   */
  drivenBy?: string;
}
