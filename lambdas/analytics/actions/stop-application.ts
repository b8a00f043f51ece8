import type { StopApplicationRequest } from '@aws-sdk/client-kinesis-analytics';
import type { ActionContext } from '../../runtime/context';
import { stopApp } from '../operations/lifecycle';

export async function stopApplication(input: StopApplicationRequest, ctx: ActionContext): Promise<void> {
  await stopApp(ctx, input.ApplicationName!, 'v1');
}
