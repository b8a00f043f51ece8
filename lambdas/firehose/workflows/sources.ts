/**
 * Every minute while needed: read new records from Kinesis streams that feed delivery streams, and
 * re-arm any buffer whose timed flush was lost (a crashed flush). An Express workflow whose task
 * turns the schedule off when nothing is new or buffered (workflows/tasks.ts).
 */
import { taskState, type WorkflowSpec } from '../../workflows/asl';

export const FIREHOSE_SOURCES: WorkflowSpec = {
  name: 'FirehoseSources',
  placeholders: { FirehoseTasksFunctionArn: 'firehoseTasks' },
  express: true,
  scheduleMinutes: 1,
  definition: {
    Comment: 'Runnel Firehose sources: poll Kinesis sources and re-arm stalled buffers',
    StartAt: 'PollSources',
    States: {
      PollSources: { ...taskState('FirehoseTasksFunctionArn', 'pollSources'), End: true },
    },
  },
};
