/** The on-demand scaler, run every minute (an Express workflow: cents a month when idle). */
import { TASK_RETRY, type WorkflowSpec } from './asl';

export const ON_DEMAND_SCALING: WorkflowSpec = {
  name: 'OnDemandScaling',
  placeholders: { StreamTasksFunctionArn: 'streamTasks' },
  express: true,
  scheduleMinutes: 1,
  definition: {
    Comment: 'Runnel on-demand capacity: split hot shards and merge cold ones',
    StartAt: 'ScaleOnDemandStreams',
    States: {
      ScaleOnDemandStreams: {
        Type: 'Task',
        Resource: '${StreamTasksFunctionArn}',
        Parameters: { task: 'scaleOnDemandStreams' },
        Retry: TASK_RETRY,
        End: true,
      },
    },
  },
};
