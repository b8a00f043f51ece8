import type { DeleteApplicationRequest } from '@aws-sdk/client-kinesis-analytics';
import { ResourceInUseException, ResourceNotFoundException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { analyticsMessages as m } from '../domain/messages';
import { loadApplication, updateApplication } from '../store/applications';
import { startApplicationLifecycle } from '../workflows';

/**
 * CreateTimestamp must be the application's own, so a caller cannot delete a namesake created
 * after it looked. A running application is halted and deleted, as the v1 API documents.
 */
export async function deleteApplication(input: DeleteApplicationRequest, ctx: ActionContext): Promise<void> {
  const app = await loadApplication(ctx, input.ApplicationName!);
  // JSON carries epoch seconds as a float: equal to the millisecond is equal.
  if (Math.abs(input.CreateTimestamp!.getTime() - app.createdAt) >= 1) throw new ResourceNotFoundException(m.wrongCreateTimestamp(app.name));
  if (app.status === 'DELETING') return;
  if (!(await updateApplication(ctx, app, { status: 'DELETING' }, { statuses: ['READY', 'RUNNING'] }))) {
    throw new ResourceInUseException(m.notAvailable(app.name, app.status));
  }
  await startApplicationLifecycle(ctx, 'delete', app);
}
