import type { StopApplicationRequest } from '@aws-sdk/client-kinesis-analytics';
import { ResourceInUseException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { analyticsMessages as m } from '../domain/messages';
import { loadApplication, updateApplication } from '../store/applications';
import { startApplicationLifecycle } from '../workflows';

/** RUNNING → STOPPING; the lifecycle workflow makes it READY. */
export async function stopApplication(input: StopApplicationRequest, ctx: ActionContext): Promise<void> {
  const app = await loadApplication(ctx, input.ApplicationName!);
  if (app.status !== 'RUNNING' || !(await updateApplication(ctx, app, { status: 'STOPPING' }, { statuses: ['RUNNING'] }))) {
    throw new ResourceInUseException(m.notAvailable(app.name, app.status));
  }
  await startApplicationLifecycle(ctx, 'stop', app);
}
