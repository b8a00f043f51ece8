import type { StartApplicationRequest } from '@aws-sdk/client-kinesis-analytics';
import type { ActionContext } from '../../runtime/context';
import { startApp } from '../operations/lifecycle';

export async function startApplication(input: StartApplicationRequest, ctx: ActionContext): Promise<void> {
  const starts = (input.InputConfigurations ?? []).map((c) => ({ inputId: c.Id, position: c.InputStartingPositionConfiguration?.InputStartingPosition }));
  await startApp(ctx, input.ApplicationName!, 'v1', starts);
}
