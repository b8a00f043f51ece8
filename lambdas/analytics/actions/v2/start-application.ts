import type { StartApplicationRequest, StartApplicationResponse } from '@aws-sdk/client-kinesis-analytics-v2';
import type { ActionContext } from '../../../runtime/context';
import { startApp } from '../../operations/lifecycle';

export async function startApplication(input: StartApplicationRequest, ctx: ActionContext): Promise<StartApplicationResponse> {
  const starts = (input.RunConfiguration?.SqlRunConfigurations ?? []).map((c) => ({ inputId: c.InputId, position: c.InputStartingPositionConfiguration?.InputStartingPosition }));
  await startApp(ctx, input.ApplicationName!, 'v2', starts);
  return {};
}
