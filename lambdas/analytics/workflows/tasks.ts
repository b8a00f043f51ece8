/** Task handlers of the Analytics workflows (one Lambda in the cloud, in-process locally). */
import type { Runtime } from '../../runtime/context';
import type { ApplicationRef } from '../domain/application';
import { currentApplication, removeApplication, updateApplication } from '../store/applications';

type Event = { application: ApplicationRef };

async function startApplication(rt: Runtime, { application: ref }: Event) {
  const app = await currentApplication(rt, ref);
  if (app?.status === 'STARTING') await updateApplication(rt, app, { status: 'RUNNING' }, { statuses: ['STARTING'] });
  return { status: 'RUNNING' };
}

async function stopApplication(rt: Runtime, { application: ref }: Event) {
  const app = await currentApplication(rt, ref);
  if (app?.status === 'STOPPING') await updateApplication(rt, app, { status: 'READY' }, { statuses: ['STOPPING'] });
  return { status: 'READY' };
}

async function removeApplicationTask(rt: Runtime, { application: ref }: Event) {
  await removeApplication(rt, ref);
  return { status: 'GONE' };
}

const tasks: Record<string, (rt: Runtime, event: any) => Promise<unknown>> = {
  startApplication,
  stopApplication,
  removeApplication: removeApplicationTask,
};

export async function runAnalyticsTask(rt: Runtime, event: { task: string }): Promise<unknown> {
  const task = tasks[event.task];
  if (!task) throw new Error(`unknown analytics task ${event.task}`);
  return task(rt, event);
}
