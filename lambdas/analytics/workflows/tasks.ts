/** Task handlers of the Analytics workflows (one Lambda in the cloud, in-process locally). */
import { closeTap, tapPositionAt } from '../../firehose/taps';
import type { StartingPosition } from '../../kinesis/reader';
import type { Runtime } from '../../runtime/context';
import { logger } from '../../runtime/logger';
import type { ApplicationItem, ApplicationRef } from '../domain/application';
import { runApplication } from '../operations/run-application';
import { ANALYTICS_RUNNER } from './runner';
import { currentApplication, removeApplication, runningApplications, updateApplication } from '../store/applications';
import { deleteRuntimeState, loadRuntimeState, saveRuntimeState } from '../store/runtime-state';

type Event = { application: ApplicationRef };

/**
 * TRIM_HORIZON and NOW start over; LAST_STOPPED_POINT keeps checkpoints and windows (NOW if there
 * are none). A Firehose input starts NOW at the moment StartApplication opened its tap (records
 * put while the application was stopped were not copied, so LAST_STOPPED_POINT resumes with those
 * it had not read before it stopped, then what arrived since the start).
 */
async function prepareState(rt: Runtime, app: ApplicationItem): Promise<void> {
  const position = app.inputs[0]?.InputStartingPositionConfiguration?.InputStartingPosition ?? 'NOW';
  if (position === 'LAST_STOPPED_POINT' && (await loadRuntimeState(rt, app.id))) return;
  const now = app.startedAt ?? rt.clock();
  const start: StartingPosition = position === 'TRIM_HORIZON' ? { type: 'TRIM_HORIZON' } : { type: 'AT_TIMESTAMP', timestamp: now };
  const firehose = app.inputs[0]?.KinesisFirehoseInput ? { firehoseAfter: tapPositionAt(now) } : {};
  await saveRuntimeState(rt, app.id, { versionId: app.versionId, start, checkpoints: {}, ...firehose });
}

/** A stopped or deleted application's Firehose input stops copying records for it. */
async function closeInputTap(rt: Runtime, app: ApplicationItem): Promise<void> {
  const firehose = app.inputs[0]?.KinesisFirehoseInput?.ResourceARN;
  if (firehose) await closeTap(rt, firehose, app.id);
}

async function startApplication(rt: Runtime, { application: ref }: Event) {
  const app = await currentApplication(rt, ref);
  if (app?.status !== 'STARTING') return { status: app?.status ?? 'GONE' };
  await prepareState(rt, app);
  await updateApplication(rt, app, { status: 'RUNNING' }, { statuses: ['STARTING'] });
  await rt.workflows.setSchedule(ANALYTICS_RUNNER.name, true);
  return { status: 'RUNNING' };
}

async function stopApplication(rt: Runtime, { application: ref }: Event) {
  const app = await currentApplication(rt, ref);
  if (app?.status === 'STOPPING') {
    await closeInputTap(rt, app);
    await updateApplication(rt, app, { status: 'READY' }, { statuses: ['STOPPING'] });
  }
  return { status: 'READY' };
}

async function removeApplicationTask(rt: Runtime, { application: ref }: Event) {
  const app = await currentApplication(rt, ref);
  if (app) await closeInputTap(rt, app);
  await deleteRuntimeState(rt, ref.id);
  await removeApplication(rt, ref);
  return { status: 'GONE' };
}

/**
 * One application failing (an output missing, say) must not hold up the others: it is retried next
 * run. With no application running the schedule goes off; starting one turns it back on.
 */
async function runApplications(rt: Runtime) {
  let records = 0;
  const running = await runningApplications(rt);
  if (!running.length) await sleepUntilStarted(rt);
  for (const app of running) {
    try {
      records += (await runApplication(rt, app)).records;
    } catch (e) {
      logger.warn(`analytics application ${app.name}: ${(e as Error).message}`);
    }
  }
  return { records };
}

/** Off first, then one more look: an application that started in between turns it back on. */
async function sleepUntilStarted(rt: Runtime): Promise<void> {
  await rt.workflows.setSchedule(ANALYTICS_RUNNER.name, false);
  if ((await runningApplications(rt)).length) await rt.workflows.setSchedule(ANALYTICS_RUNNER.name, true);
}

const tasks: Record<string, (rt: Runtime, event: any) => Promise<unknown>> = {
  startApplication,
  stopApplication,
  removeApplication: removeApplicationTask,
  runApplications,
};

export async function runAnalyticsTask(rt: Runtime, event: { task: string }): Promise<unknown> {
  const task = tasks[event.task];
  if (!task) throw new Error(`unknown analytics task ${event.task}`);
  return task(rt, event);
}
