/** Delivery stream lifecycle: CREATING → ACTIVE, and DELETING → buffer drained to S3 → gone. */
import { deliveryStreamRefOf, type DeliveryStreamItem } from '../domain/delivery-stream';
import type { Runtime } from '../../runtime/context';
import { actionRoute, taskState, type WorkflowSpec } from '../../workflows/asl';

const task = (name: string) => taskState('FirehoseTasksFunctionArn', name, { 'deliveryStream.$': '$.deliveryStream' });

export const DELIVERY_STREAM_LIFECYCLE: WorkflowSpec = {
  name: 'DeliveryStreamLifecycle',
  placeholders: { FirehoseTasksFunctionArn: 'firehoseTasks' },
  definition: {
    Comment: 'Runnel delivery stream lifecycle: provision, or drain and delete',
    StartAt: 'Route',
    States: {
      ...actionRoute('WaitForProvisioning', 'DrainBuffer'),
      WaitForProvisioning: { Type: 'Wait', Seconds: 0, Next: 'ActivateDeliveryStream' },
      ActivateDeliveryStream: { ...task('activateDeliveryStream'), End: true },
      DrainBuffer: { ...task('drainBuffer'), ResultPath: '$.drained', Next: 'Drained' },
      Drained: { Type: 'Choice', Choices: [{ Variable: '$.drained.more', BooleanEquals: true, Next: 'DrainBuffer' }], Default: 'RemoveDeliveryStream' },
      RemoveDeliveryStream: { ...task('removeDeliveryStream'), End: true },
    },
  },
};

export function startDeliveryStreamLifecycle(rt: Runtime, action: 'create' | 'delete', item: DeliveryStreamItem): Promise<void> {
  return rt.workflows.start(DELIVERY_STREAM_LIFECYCLE.name, `${action}-${item.id}`, { action, deliveryStream: deliveryStreamRefOf(item) });
}
