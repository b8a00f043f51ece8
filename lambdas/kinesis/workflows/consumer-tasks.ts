/** Task handlers of the consumer lifecycle (run by the stream task function). */
import type { Runtime } from '../../runtime/context';
import { removeConsumer, updateConsumer } from '../store/consumers';
import { removeLeases } from '../store/subscription-leases';
import type { ConsumerLifecycleInput } from './consumer-lifecycle';

/** CREATING → ACTIVE, unless the consumer was deregistered meanwhile. */
export async function activateConsumer(rt: Runtime, { consumer }: ConsumerLifecycleInput): Promise<{ status: string }> {
  const activated = await updateConsumer(rt, consumer, { status: 'ACTIVE' }, ['CREATING']);
  return { status: activated ? 'ACTIVE' : 'UNCHANGED' };
}

/** Forgets the consumer's subscription leases, then the consumer (each step may be retried). */
export async function deleteConsumer(rt: Runtime, { consumer }: ConsumerLifecycleInput): Promise<{ status: string }> {
  await removeLeases(rt, consumer.arn);
  await removeConsumer(rt, consumer);
  return { status: 'GONE' };
}
