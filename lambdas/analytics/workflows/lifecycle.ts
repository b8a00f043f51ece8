/**
 * Application lifecycle: STARTING → RUNNING, STOPPING → READY, and DELETING → gone. The action
 * flips the status and starts this workflow; its tasks finish the transition, so a status an API
 * call set is never left behind if the caller goes away.
 */
import { randomBytes } from 'node:crypto';
import type { Runtime } from '../../runtime/context';
import { taskState, type WorkflowSpec } from '../../workflows/asl';
import { refOf, type ApplicationItem } from '../domain/application';

export type LifecycleAction = 'start' | 'stop' | 'delete';

const task = (name: string) => taskState('AnalyticsTasksFunctionArn', name, { 'application.$': '$.application' });
const route = (action: LifecycleAction, next: string) => ({ Variable: '$.action', StringEquals: action, Next: next });

export const APPLICATION_LIFECYCLE: WorkflowSpec = {
  name: 'ApplicationLifecycle',
  placeholders: { AnalyticsTasksFunctionArn: 'analyticsTasks' },
  definition: {
    Comment: 'Runnel analytics application lifecycle: start, stop, or delete',
    StartAt: 'Route',
    States: {
      Route: { Type: 'Choice', Choices: [route('start', 'WaitForStarting'), route('stop', 'StopApplication'), route('delete', 'RemoveApplication')], Default: 'UnknownAction' },
      UnknownAction: { Type: 'Fail', Error: 'UnknownAction', Cause: 'action must be start, stop or delete' },
      WaitForStarting: { Type: 'Wait', Seconds: 0, Next: 'StartApplication' },
      StartApplication: { ...task('startApplication'), End: true },
      StopApplication: { ...task('stopApplication'), End: true },
      RemoveApplication: { ...task('removeApplication'), End: true },
    },
  },
};

export function startApplicationLifecycle(rt: Runtime, action: LifecycleAction, app: ApplicationItem): Promise<void> {
  // An application starts and stops many times: each execution needs a name of its own.
  return rt.workflows.start(APPLICATION_LIFECYCLE.name, `${action}-${app.id}-${rt.clock()}-${randomBytes(4).toString('hex')}`, { action, application: refOf(app) });
}
