/**
 * Every workflow Runnel deploys, the task functions their Task states call, who may start each
 * one and who may turn a scheduled one's schedule on or off. CDK derives state machines,
 * StartExecution and EnableRule/DisableRule permissions from this list, and the local runner
 * refuses what the list does not allow, so the integration tests prove it complete.
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
  /**
   * Scheduled workflows: who else may turn the schedule on (whoever creates work for it: a write to
   * a stream that asked to be woken, a buffer that fills). Its own task function may always turn it
   * on (an application that starts, a source's first poll) and off (when it finds nothing to do).
   */
  armedBy?: Starter[];
}

/**
 * Functions that write to Kinesis streams (PutRecords; analytics outputs): a write to a stream that
 * asked to be woken turns on the schedules it names (kinesis/operations/wake-on-write.ts).
 */
const KINESIS_WRITERS: Starter[] = ['front', 'analyticsTasks'];

export const WORKFLOWS: RegisteredWorkflow[] = [
  { spec: STREAM_LIFECYCLE, startedBy: ['front'] },
  { spec: RESHARD, startedBy: ['front', 'streamTasks'] },
  { spec: STREAM_UPDATE, startedBy: ['front'] },
  { spec: EXTEND_RETENTION, startedBy: ['front'] },
  { spec: CONSUMER_LIFECYCLE, startedBy: ['front'] },
  { spec: ON_DEMAND_SCALING, startedBy: [], armedBy: KINESIS_WRITERS },
  { spec: DELIVERY_STREAM_LIFECYCLE, startedBy: ['front'] },
  { spec: FIREHOSE_FLUSH, startedBy: ['front', 'firehoseTasks', 'analyticsTasks'] },
  // Woken by writes to source streams, and by records arriving in empty buffers: the same functions (PutRecordBatch, analytics' Firehose outputs).
  { spec: FIREHOSE_SOURCES, startedBy: [], armedBy: KINESIS_WRITERS },
  { spec: APPLICATION_LIFECYCLE, startedBy: ['front'] },
  { spec: ANALYTICS_RUNNER, startedBy: [] },
];

export const TASK_FUNCTIONS: Record<TaskFunctionName, (rt: Runtime, event: { task: string }) => Promise<unknown>> = {
  streamTasks: runStreamTask,
  firehoseTasks: runFirehoseTask,
  analyticsTasks: runAnalyticsTask,
};

/** Whether `starter` may turn `w`'s schedule on or off: those it names, and its own task function. */
export function maySetSchedule(w: RegisteredWorkflow, starter: Starter): boolean {
  return Boolean(w.spec.scheduleMinutes) && (w.armedBy?.includes(starter) || Object.values(w.spec.placeholders).includes(starter as TaskFunctionName));
}

/** Names of the scheduled workflows whose schedule `starter` may turn on or off. */
export function schedulableBy(starter: Starter): string[] {
  return WORKFLOWS.filter((w) => maySetSchedule(w, starter)).map((w) => w.spec.name);
}

/** Names of the workflows `starter` may start. */
export function startableBy(starter: Starter): string[] {
  return WORKFLOWS.filter((w) => w.startedBy.includes(starter)).map((w) => w.spec.name);
}
