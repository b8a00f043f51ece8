/**
 * Asynchronous stream settings (mode, encryption, warm throughput): the stream shows UPDATING, then
 * the new settings apply and it is ACTIVE again. The wait is zero in the cloud and
 * `--updateStreamMs` locally.
 */
import { streamKeyOf, type StreamItem, type StreamKey } from '../domain/stream';
import type { Runtime } from '../../runtime/context';
import { taskState, type WorkflowSpec } from '../../workflows/asl';

export const STREAM_UPDATE: WorkflowSpec = {
  name: 'StreamUpdate',
  placeholders: { StreamTasksFunctionArn: 'streamTasks' },
  definition: {
    Comment: 'Runnel stream update: apply new stream settings, then return to ACTIVE',
    StartAt: 'WaitForUpdate',
    States: {
      WaitForUpdate: { Type: 'Wait', Seconds: 0, Next: 'ApplyStreamUpdate' },
      ApplyStreamUpdate: { ...taskState('StreamTasksFunctionArn', 'applyStreamUpdate', { 'stream.$': '$.stream', 'changes.$': '$.changes' }), End: true },
    },
  },
};

export interface StreamUpdateInput {
  stream: StreamKey;
  changes: Partial<StreamItem>;
}

export function startStreamUpdate(rt: Runtime, stream: StreamItem, changes: Partial<StreamItem>, executionName: string): Promise<void> {
  const input: StreamUpdateInput = { stream: streamKeyOf(stream), changes };
  return rt.workflows.start(STREAM_UPDATE.name, `update-${stream.streamId}-${executionName}`, input);
}
