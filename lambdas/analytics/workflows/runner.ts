/**
 * Every minute: one run of each RUNNING application (read new input, close due windows, deliver
 * output, save state). An Express workflow of one task, as the Firehose source poller, on while any
 * application is RUNNING; a window closes within a minute of its end.
 */
import { taskState, type WorkflowSpec } from '../../workflows/asl';

export const ANALYTICS_RUNNER: WorkflowSpec = {
  name: 'AnalyticsRunner',
  placeholders: { AnalyticsTasksFunctionArn: 'analyticsTasks' },
  express: true,
  scheduleMinutes: 1,
  definition: {
    Comment: 'Runnel analytics: run every RUNNING application once',
    StartAt: 'RunApplications',
    States: {
      RunApplications: { ...taskState('AnalyticsTasksFunctionArn', 'runApplications'), End: true },
    },
  },
};
