/**
 * Consumer lifecycle: CREATING → ACTIVE after a provisioning wait, and DELETING → gone. The wait is
 * zero in the cloud and `createConsumerMs` locally (a wait-time override).
 */
import { createHash } from 'node:crypto';
import type { Runtime } from '../../runtime/context';
import type { ConsumerItem } from '../domain/consumer';
import { streamKeyOf, type StreamKey } from '../domain/stream';
import { actionRoute, taskState, type WorkflowSpec } from '../../workflows/asl';

export const CONSUMER_LIFECYCLE: WorkflowSpec = {
  name: 'ConsumerLifecycle',
  placeholders: { StreamTasksFunctionArn: 'streamTasks' },
  definition: {
    Comment: 'Runnel consumer lifecycle: register or deregister an enhanced fan-out consumer',
    StartAt: 'Route',
    States: {
      ...actionRoute('WaitForProvisioning', 'DeleteConsumer'),
      WaitForProvisioning: { Type: 'Wait', Seconds: 0, Next: 'ActivateConsumer' },
      ActivateConsumer: { ...taskState('StreamTasksFunctionArn', 'activateConsumer', { 'stream.$': '$.stream', 'consumer.$': '$.consumer' }), End: true },
      DeleteConsumer: { ...taskState('StreamTasksFunctionArn', 'deleteConsumer', { 'stream.$': '$.stream', 'consumer.$': '$.consumer' }), End: true },
    },
  },
};

export interface ConsumerLifecycleInput {
  stream: StreamKey;
  consumer: Pick<ConsumerItem, 'pk' | 'sk' | 'arn'>;
}

export function startConsumerLifecycle(rt: Runtime, action: 'create' | 'delete', stream: StreamKey, consumer: ConsumerItem): Promise<void> {
  const input: ConsumerLifecycleInput = { stream: streamKeyOf(stream), consumer: { pk: consumer.pk, sk: consumer.sk, arn: consumer.arn } };
  // Execution names allow 80 characters and consumer names 128: name the registration by a digest.
  const registration = createHash('sha256').update(`${consumer.sk}#${consumer.createdAt}`).digest('hex').slice(0, 24);
  return rt.workflows.start(CONSUMER_LIFECYCLE.name, `consumer-${action}-${stream.streamId}-${registration}`, { action, ...input });
}
