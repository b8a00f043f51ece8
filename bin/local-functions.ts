/** Local Lambda functions from the command line: Firehose processors (`--function`) and stream triggers (`--trigger`). */
import { basename, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TRIGGER_LIMITS } from '../lambdas/kinesis/triggers/settings';
import { TRIGGER_DEFAULTS, type Trigger, type TriggerStartingPosition } from '../lambdas/kinesis/triggers/trigger';
import type { LocalFunction } from '../lambdas/local/destinations';
import type { LocalTrigger } from '../lambdas/local/triggers';

/** A command line the user must fix: reported, then exit code 2. */
export class UsageError extends Error {}

async function loadHandler(file: string): Promise<LocalFunction> {
  const module = await import(pathToFileURL(resolve(file)).href);
  if (typeof module.handler !== 'function') throw new UsageError(`${file} exports no handler function`);
  return module.handler;
}

/** `--function name=./path/to/module.mjs`: a Firehose Lambda processor, the module's `handler` export. */
export async function loadFunctions(specs: string[]): Promise<Record<string, LocalFunction>> {
  const functions: Record<string, LocalFunction> = {};
  for (const spec of specs) {
    const [name, file] = spec.split('=');
    if (!name || !file) throw new UsageError(`--function expects name=path, got ${spec}`);
    functions[name] = await loadHandler(file);
  }
  return functions;
}

const STARTING_POSITIONS: TriggerStartingPosition[] = ['TRIM_HORIZON', 'LATEST', 'AT_TIMESTAMP'];

function integer(spec: string, key: string, value: string, { min, max }: { min: number; max: number }): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--trigger ${spec}: ${key} must be an integer from ${min} to ${max}`);
  return n;
}

function flag(spec: string, key: string, value: string): boolean {
  if (value !== 'true' && value !== 'false') throw new UsageError(`--trigger ${spec}: ${key} must be true or false`);
  return value === 'true';
}

/**
 * `--trigger STREAM=FILE[,batchSize=N][,startingPosition=TRIM_HORIZON|LATEST|AT_TIMESTAMP][,startingPositionTimestamp=ISO]
 * [,batchingWindowSeconds=N][,maximumRetryAttempts=N][,bisectBatchOnFunctionError=true][,reportBatchItemFailures=true]`
 */
export async function loadTriggers(specs: string[], region: string, account: string): Promise<LocalTrigger[]> {
  const triggers: LocalTrigger[] = [];
  for (const spec of specs) {
    const [target, ...options] = spec.split(',');
    const [stream, file] = target.split('=');
    if (!stream || !file) throw new UsageError(`--trigger expects STREAM=FILE[,option=value…], got ${spec}`);
    const functionName = basename(file, extname(file));
    const trigger: Trigger = { id: `local-${stream}-${functionName}`, streamArn: `arn:aws:kinesis:${region}:${account}:stream/${stream}`, functionName, ...TRIGGER_DEFAULTS };
    for (const option of options) {
      const [key, value = ''] = option.split('=');
      if (key === 'batchSize') trigger.batchSize = integer(spec, key, value, TRIGGER_LIMITS.batchSize);
      else if (key === 'batchingWindowSeconds') trigger.batchingWindowMs = integer(spec, key, value, TRIGGER_LIMITS.batchingWindowSeconds) * 1000;
      else if (key === 'maximumRetryAttempts') trigger.maximumRetryAttempts = integer(spec, key, value, TRIGGER_LIMITS.maximumRetryAttempts);
      else if (key === 'bisectBatchOnFunctionError') trigger.bisectBatchOnFunctionError = flag(spec, key, value);
      else if (key === 'reportBatchItemFailures') trigger.reportBatchItemFailures = flag(spec, key, value);
      else if (key === 'startingPosition' && STARTING_POSITIONS.includes(value as TriggerStartingPosition)) trigger.startingPosition = value as TriggerStartingPosition;
      else if (key === 'startingPositionTimestamp' && !Number.isNaN(Date.parse(value))) trigger.startingPositionTimestamp = Date.parse(value);
      else throw new UsageError(`--trigger ${spec}: unknown or invalid option ${option}`);
    }
    triggers.push({ trigger, handler: await loadHandler(file) });
  }
  return triggers;
}
