/** The on-demand scaler, run every minute while on-demand streams are written to (on-demand-scaler.ts turns it off). */
import { taskState, type WorkflowSpec } from '../../workflows/asl';

export const ON_DEMAND_SCALING: WorkflowSpec = {
  name: 'OnDemandScaling',
  placeholders: { StreamTasksFunctionArn: 'streamTasks' },
  express: true,
  scheduleMinutes: 1,
  definition: {
    Comment: 'Runnel on-demand capacity: split hot shards and merge cold ones',
    StartAt: 'ScaleOnDemandStreams',
    States: {
      ScaleOnDemandStreams: { ...taskState('StreamTasksFunctionArn', 'scaleOnDemandStreams'), End: true },
    },
  },
};
