/**
 * Every workflow Runnel deploys, the task functions their Task states call, and who may start
 * each one. CDK derives state machines and StartExecution permissions from this list, and the
 * local runner refuses a start the list does not allow, so the integration tests prove it complete.
 */
import { ANALYTICS_RUNNER, APPLICATION_LIFECYCLE } from '../analytics/workflows';
import { runAnalyticsTask } from '../analytics/workflows/tasks';
import { DELIVERY_STREAM_LIFECYCLE, FIREHOSE_FLUSH, FIREHOSE_SOURCES } from '../firehose/workflows';
import { runFirehoseTask } from '../firehose/workflows/tasks';
import { CONSUMER_LIFECYCLE, EXTEND_RETENTION, ON_DEMAND_SCALING, RESHARD, STREAM_LIFECYCLE, STREAM_UPDATE } from '../kinesis/workflows';
import { runStreamTask } from '../kinesis/workflows/tasks';
import type { Runtime } from '../runtime/context';
import type { TaskFunctionName, WorkflowSpec } from './asl';

/** A function that may start workflows: the API front end or a task function. */
export type Starter = 'front' | TaskFunctionName;

export interface RegisteredWorkflow {
  spec: WorkflowSpec;
  /** Who starts it; scheduled workflows are started by their schedule alone. */
  startedBy: Starter[];
}

export const WORKFLOWS: RegisteredWorkflow[] = [
  { spec: STREAM_LIFECYCLE, startedBy: ['front'] },
  { spec: RESHARD, startedBy: ['front', 'streamTasks'] },
  { spec: STREAM_UPDATE, startedBy: ['front'] },
  { spec: EXTEND_RETENTION, startedBy: ['front'] },
  { spec: CONSUMER_LIFECYCLE, startedBy: ['front'] },
  { spec: ON_DEMAND_SCALING, startedBy: [] },
  { spec: DELIVERY_STREAM_LIFECYCLE, startedBy: ['front'] },
  { spec: FIREHOSE_FLUSH, startedBy: ['front', 'firehoseTasks', 'analyticsTasks'] },
  { spec: FIREHOSE_SOURCES, startedBy: [] },
  { spec: APPLICATION_LIFECYCLE, startedBy: ['front'] },
  { spec: ANALYTICS_RUNNER, startedBy: [] },
];

export const TASK_FUNCTIONS: Record<TaskFunctionName, (rt: Runtime, event: { task: string }) => Promise<unknown>> = {
  streamTasks: runStreamTask,
  firehoseTasks: runFirehoseTask,
  analyticsTasks: runAnalyticsTask,
};

/** Names of the workflows `starter` may start. */
export function startableBy(starter: Starter): string[] {
  return WORKFLOWS.filter((w) => w.startedBy.includes(starter)).map((w) => w.spec.name);
}
