/** Delivery stream lifecycle: CREATING → ACTIVE, and DELETING → buffer drained to S3 → gone. */
import type { DeliveryStreamItem } from '../firehose/domain/delivery-stream';
import type { Runtime } from '../runtime/context';
import { TASK_RETRY, type WorkflowSpec } from './asl';

const task = (name: string) => ({
  Type: 'Task',
  Resource: '${FirehoseTasksFunctionArn}',
  Parameters: { task: name, 'deliveryStream.$': '$.deliveryStream' },
  Retry: TASK_RETRY,
});

export const FIREHOSE_LIFECYCLE: WorkflowSpec = {
  name: 'DeliveryStreamLifecycle',
  placeholders: { FirehoseTasksFunctionArn: 'firehoseTasks' },
  definition: {
    Comment: 'Runnel delivery stream lifecycle: provision, or drain and delete',
    StartAt: 'Route',
    States: {
      Route: {
        Type: 'Choice',
        Choices: [
          { Variable: '$.action', StringEquals: 'create', Next: 'WaitForProvisioning' },
          { Variable: '$.action', StringEquals: 'delete', Next: 'DrainBuffer' },
        ],
        Default: 'UnknownAction',
      },
      WaitForProvisioning: { Type: 'Wait', Seconds: 0, Next: 'ActivateDeliveryStream' },
      ActivateDeliveryStream: { ...task('activateDeliveryStream'), End: true },
      DrainBuffer: { ...task('drainBuffer'), ResultPath: '$.drained', Next: 'Drained' },
      Drained: { Type: 'Choice', Choices: [{ Variable: '$.drained.more', BooleanEquals: true, Next: 'DrainBuffer' }], Default: 'RemoveDeliveryStream' },
      RemoveDeliveryStream: { ...task('removeDeliveryStream'), End: true },
      UnknownAction: { Type: 'Fail', Error: 'UnknownAction', Cause: 'action must be create or delete' },
    },
  },
};

export function startDeliveryStreamLifecycle(rt: Runtime, action: 'create' | 'delete', item: DeliveryStreamItem): Promise<void> {
  return rt.workflows.start(FIREHOSE_LIFECYCLE.name, `${action}-${item.id}`, { action, deliveryStream: { pk: item.pk, sk: item.sk, id: item.id } });
}
