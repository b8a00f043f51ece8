/**
 * Lambda triggers on a laptop: each polls its stream a few times a second (a chain of timers, so
 * an idle trigger costs one cheap read per shard per tick) and calls a local module's handler with
 * the event AWS's Kinesis event source mapping would deliver. Checkpoints live in the embedded
 * DynamoDB, so with --path a restart resumes where the handler left off.
 */
import type { Runtime } from '../runtime/context';
import { logger } from '../runtime/logger';
import type { AttemptLog } from '../kinesis/triggers/batch-delivery';
import { runTrigger } from '../kinesis/triggers/run-trigger';
import type { Trigger } from '../kinesis/triggers/trigger';
import type { LocalFunction } from './destinations';

export interface LocalTrigger {
  trigger: Trigger;
  handler: LocalFunction;
}

const LOCAL_ROLE = 'arn:aws:iam::000000000000:role/runnel-local-trigger';

export function startTriggers(rt: Runtime, triggers: LocalTrigger[], pollMs = 100): () => Promise<void> {
  let stopped = false;
  const passes = triggers.map(({ trigger, handler }) => {
    const attempts: AttemptLog = new Map();
    const context = { functionName: trigger.functionName, invokedFunctionArn: `arn:aws:lambda:${rt.config.defaultRegion}:000000000000:function:${trigger.functionName}` };
    const invoke = async (_name: string, event: object) => handler(event, { ...context, awsRequestId: crypto.randomUUID(), getRemainingTimeInMillis: () => 60_000 });
    let current: Promise<unknown> = Promise.resolve();
    const tick = () => {
      if (stopped) return;
      current = runTrigger(rt, trigger, invoke, { region: rt.config.defaultRegion, invokeIdentityArn: LOCAL_ROLE }, attempts)
        .catch((e) => logger.warn(`trigger ${trigger.id} failed`, e as Error))
        .finally(() => setTimeout(tick, pollMs).unref());
    };
    tick();
    return () => current;
  });
  return async () => {
    stopped = true;
    await Promise.all(passes.map((pass) => pass()));
  };
}
