/**
 * A deployment's trigger from its settings, checked once for every way of creating one: `runnel
 * triggers create` (flags) and the RunnelTrigger construct (props, at synth time).
 */
import { parseStreamArn } from '../store/streams';
import { MAX_BATCH_SIZE, TRIGGER_DEFAULTS, type Trigger, type TriggerStartingPosition } from './trigger';

/** The ranges AWS accepts for an event source mapping's integer settings. */
export const TRIGGER_LIMITS = {
  batchSize: { min: 1, max: MAX_BATCH_SIZE },
  batchingWindowSeconds: { min: 0, max: 300 },
  maximumRetryAttempts: { min: -1, max: 10_000 },
} as const;

/** What a deployment's triggers may start from (AT_TIMESTAMP is local only, for now). */
export const DEPLOYED_STARTING_POSITIONS: readonly TriggerStartingPosition[] = ['TRIM_HORIZON', 'LATEST'];

/** Absent settings take TRIGGER_DEFAULTS. */
export interface TriggerSettings {
  id: string;
  streamArn: string;
  functionName: string;
  batchSize?: number;
  batchingWindowSeconds?: number;
  startingPosition?: string;
  maximumRetryAttempts?: number;
  bisectBatchOnFunctionError?: boolean;
  reportBatchItemFailures?: boolean;
}

type Checked = 'streamArn' | 'startingPosition' | keyof typeof TRIGGER_LIMITS;

export interface TriggerCheck {
  /** How the caller spells each setting in a message (a flag, a prop). */
  names: Record<Checked, string>;
  fail(message: string): never;
  /** The stream ARN is a deploy-time reference, so its form cannot be checked yet. */
  streamArnUnresolved?: boolean;
}

/** The trigger the settings describe, or `check.fail` with the first setting AWS (or the dispatcher) would refuse. */
export function deployedTrigger(settings: TriggerSettings, check: TriggerCheck): Trigger {
  const { names, fail } = check;
  if (!settings.id) fail('a trigger needs an id');
  // The dispatcher finds a trigger's stream through its ARN: one it cannot parse would never fire.
  if (!check.streamArnUnresolved && !parseStreamArn(settings.streamArn)) fail(`${names.streamArn} must be a stream ARN (arn:aws:kinesis:REGION:ACCOUNT:stream/NAME), got ${settings.streamArn}`);
  if (!settings.functionName) fail('a trigger needs a function');
  const integer = (setting: keyof typeof TRIGGER_LIMITS, fallback: number): number => {
    const value = settings[setting] ?? fallback;
    const { min, max } = TRIGGER_LIMITS[setting];
    if (!Number.isInteger(value) || value < min || value > max) fail(`${names[setting]} must be an integer from ${min} to ${max}`);
    return value;
  };
  const startingPosition = (settings.startingPosition ?? TRIGGER_DEFAULTS.startingPosition) as TriggerStartingPosition;
  if (!DEPLOYED_STARTING_POSITIONS.includes(startingPosition)) fail(`${names.startingPosition} must be ${DEPLOYED_STARTING_POSITIONS.join(' or ')}`);
  return {
    ...TRIGGER_DEFAULTS,
    id: settings.id,
    streamArn: settings.streamArn,
    functionName: settings.functionName,
    startingPosition,
    batchSize: integer('batchSize', TRIGGER_DEFAULTS.batchSize),
    batchingWindowMs: integer('batchingWindowSeconds', TRIGGER_DEFAULTS.batchingWindowMs / 1000) * 1000,
    maximumRetryAttempts: integer('maximumRetryAttempts', TRIGGER_DEFAULTS.maximumRetryAttempts),
    bisectBatchOnFunctionError: settings.bisectBatchOnFunctionError ?? TRIGGER_DEFAULTS.bisectBatchOnFunctionError,
    reportBatchItemFailures: settings.reportBatchItemFailures ?? TRIGGER_DEFAULTS.reportBatchItemFailures,
  };
}
