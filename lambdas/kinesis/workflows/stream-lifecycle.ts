/**
 * Stream lifecycle: CREATING → ACTIVE after a provisioning wait, and DELETING → gone. The wait is
 * zero in the cloud and `--createStreamMs` locally (a wait-time override), like kinesalite.
 */
import type { Runtime } from '../../runtime/context';
import { streamKeyOf, type StreamItem } from '../domain/stream';
import { actionRoute, taskState, type WorkflowSpec } from '../../workflows/asl';

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

export function startStreamLifecycle(rt: Runtime, action: 'create' | 'delete', stream: StreamItem): Promise<void> {
  return rt.workflows.start(STREAM_LIFECYCLE.name, `${action}-${stream.streamId}`, { action, stream: streamKeyOf(stream) });
}
