/**
 * One pass of a trigger over its stream: every shard's new records (parents before children, in
 * order, KPL aggregates whole as AWS delivers them) go to the function in batches; checkpoints
 * advance only past what the function processed.
 */
import type { Runtime } from '../../runtime/context';
import { readNewRecords, type StartingPosition } from '../reader';
import { triggerCheckpoints } from '../store/triggers';
import { deliverBatches, type AttemptLog } from './batch-delivery';
import { kinesisEvent, type KinesisEventContext } from './event';
import type { Trigger } from './trigger';

/** Calls the trigger's function with an event; resolves with its response, rejects on a function error. */
export type InvokeFunction = (functionName: string, event: object) => Promise<unknown>;

function startOf(trigger: Trigger): StartingPosition {
  if (trigger.startingPosition === 'AT_TIMESTAMP') return { type: 'AT_TIMESTAMP', timestamp: trigger.startingPositionTimestamp ?? 0 };
  return { type: trigger.startingPosition };
}

/** Returns how many records the function processed in this pass. */
export function runTrigger(rt: Runtime, trigger: Trigger, invoke: InvokeFunction, context: Omit<KinesisEventContext, 'streamArn'>, attempts: AttemptLog): Promise<number> {
  return readNewRecords(rt, {
    streamArn: trigger.streamArn,
    start: startOf(trigger),
    deaggregate: false,
    checkpoints: triggerCheckpoints(rt, trigger.id),
    deliver: async (records) => {
      // A short batch waits out the batching window, counted from its oldest record.
      if (records.length < trigger.batchSize && rt.clock() - records[0].arrival < trigger.batchingWindowMs) return 0;
      return deliverBatches(trigger, records, (batch) => invoke(trigger.functionName, kinesisEvent(batch, { ...context, streamArn: trigger.streamArn })), attempts);
    },
  });
}
