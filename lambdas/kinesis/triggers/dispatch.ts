/**
 * Triggers in the cloud, woken by writes: the shards table's DynamoDB stream tells which streams
 * received records, and each trigger on those streams takes one pass (run-trigger.ts). A trigger
 * whose function failed is left blocked at its checkpoint and asks to be run again after a backoff,
 * so it is retried even when no new record arrives. Nothing runs while nothing is written.
 */
import type { Runtime } from '../../runtime/context';
import { getStreamItem, parseStreamArn } from '../store/streams';
import { listTriggers } from '../store/triggers';
import type { AttemptLog } from './batch-delivery';
import { runTrigger, type InvokeFunction } from './run-trigger';
import type { Trigger } from './trigger';

export interface DispatchPorts {
  invoke: InvokeFunction;
  /** Runs the trigger again after `delaySeconds` (a delayed queue message in the cloud), carrying its failed attempts. */
  retryLater(triggerId: string, delaySeconds: number, attempts: Record<string, number>): Promise<void>;
  region: string;
  invokeIdentityArn: string;
}

const MAX_RETRY_DELAY_S = 900;

async function streamIdOf(rt: Runtime, trigger: Trigger): Promise<string | undefined> {
  const ref = parseStreamArn(trigger.streamArn);
  return ref && (await getStreamItem(rt, ref))?.streamId;
}

/** The triggers on the streams whose shards just took writes (shard keys are `streamId#index`). */
export async function triggersForShards(rt: Runtime, shardKeys: string[]): Promise<Trigger[]> {
  const written = new Set(shardKeys.map((k) => k.slice(0, k.lastIndexOf('#'))));
  const triggers = await listTriggers(rt);
  const ids = await Promise.all(triggers.map((t) => streamIdOf(rt, t)));
  return triggers.filter((_, i) => ids[i] !== undefined && written.has(ids[i]!));
}

/**
 * One pass of each trigger. A trigger left blocked by a failing batch is run again after a
 * backoff that doubles with its attempts (up to 15 minutes); the attempts travel with the retry,
 * since any function instance may serve it.
 */
export async function dispatchTriggers(rt: Runtime, triggers: Trigger[], ports: DispatchPorts, carried: Record<string, number> = {}): Promise<void> {
  for (const trigger of triggers) {
    const attempts: AttemptLog = new Map(Object.entries(carried).filter(([key]) => key.startsWith(`${trigger.id}:`)));
    await runTrigger(rt, trigger, ports.invoke, { region: ports.region, invokeIdentityArn: ports.invokeIdentityArn }, attempts);
    if (attempts.size) {
      const most = Math.max(...attempts.values());
      await ports.retryLater(trigger.id, Math.min(MAX_RETRY_DELAY_S, 2 ** Math.min(most, 10)), Object.fromEntries(attempts));
    }
  }
}
