/**
 * Stream lifecycle: CREATING → ACTIVE after a provisioning wait, and DELETING → gone. The wait is
 * zero in the cloud and `--createStreamMs` locally (a wait-time override), like kinesalite.
 */
import type { Runtime } from '../runtime/context';
import type { StreamItem } from '../kinesis/store/stream-item';
import { actionRoute, taskState, type WorkflowSpec } from './asl';

export const STREAM_LIFECYCLE: WorkflowSpec = {
  name: 'StreamLifecycle',
  placeholders: { StreamTasksFunctionArn: 'streamTasks' },
  definition: {
    Comment: 'Runnel stream lifecycle: provision or delete a Kinesis stream',
    StartAt: 'Route',
    States: {
      ...actionRoute('WaitForProvisioning', 'DeleteStreamData'),
      WaitForProvisioning: { Type: 'Wait', Seconds: 0, Next: 'ActivateStream' },
      ActivateStream: { ...taskState('StreamTasksFunctionArn', 'activateStream', { 'stream.$': '$.stream' }), End: true },
      DeleteStreamData: { ...taskState('StreamTasksFunctionArn', 'deleteStream', { 'stream.$': '$.stream' }), End: true },
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
