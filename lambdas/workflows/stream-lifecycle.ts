/**
 * Stream lifecycle: CREATING → ACTIVE after a provisioning wait, and DELETING → gone. The wait is
 * zero in the cloud and `--createStreamMs` locally (a wait-time override), like kinesalite.
 */
import type { Runtime } from '../runtime/context';
import type { StreamItem } from '../kinesis/store/stream-item';
import { TASK_RETRY, type WorkflowSpec } from './asl';

export const STREAM_LIFECYCLE: WorkflowSpec = {
  name: 'StreamLifecycle',
  placeholders: { StreamTasksFunctionArn: 'streamTasks' },
  definition: {
    Comment: 'Runnel stream lifecycle: provision or delete a Kinesis stream',
    StartAt: 'Route',
    States: {
      Route: {
        Type: 'Choice',
        Choices: [
          { Variable: '$.action', StringEquals: 'create', Next: 'WaitForProvisioning' },
          { Variable: '$.action', StringEquals: 'delete', Next: 'DeleteStreamData' },
        ],
        Default: 'UnknownAction',
      },
      WaitForProvisioning: { Type: 'Wait', Seconds: 0, Next: 'ActivateStream' },
      ActivateStream: {
        Type: 'Task',
        Resource: '${StreamTasksFunctionArn}',
        Parameters: { task: 'activateStream', 'stream.$': '$.stream' },
        Retry: TASK_RETRY,
        End: true,
      },
      DeleteStreamData: {
        Type: 'Task',
        Resource: '${StreamTasksFunctionArn}',
        Parameters: { task: 'deleteStream', 'stream.$': '$.stream' },
        Retry: TASK_RETRY,
        End: true,
      },
      UnknownAction: { Type: 'Fail', Error: 'UnknownAction', Cause: 'action must be create or delete' },
    },
  },
};

export interface StreamTaskInput {
  pk: string;
  sk: string;
  streamId: string;
}

export function startStreamLifecycle(rt: Runtime, action: 'create' | 'delete', stream: StreamItem): Promise<void> {
  const input: StreamTaskInput = { pk: stream.pk, sk: stream.sk, streamId: stream.streamId };
  return rt.workflows.start(STREAM_LIFECYCLE.name, `${action}-${stream.streamId}`, { action, stream: input });
}
