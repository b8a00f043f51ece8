import type { DeregisterStreamConsumerInput } from '@aws-sdk/client-kinesis';
import type { ActionContext } from '../../runtime/context';
import { loadConsumer } from '../operations/consumer-ref';
import { updateConsumer } from '../store/consumers';
import { startConsumerLifecycle } from '../workflows';

/** DELETING at once; subscriptions of the consumer end at their next check, then it is gone. */
export async function deregisterStreamConsumer(input: DeregisterStreamConsumerInput, ctx: ActionContext): Promise<void> {
  const { stream, consumer } = await loadConsumer(ctx, input);
  if (consumer.status === 'DELETING') return;
  if (await updateConsumer(ctx, consumer, { status: 'DELETING' }, ['CREATING', 'ACTIVE'])) await startConsumerLifecycle(ctx, 'delete', stream, consumer);
}
