import type { StopApplicationRequest, StopApplicationResponse } from '@aws-sdk/client-kinesis-analytics-v2';
import { InvalidArgumentException } from '../../../protocol/errors';
import type { ActionContext } from '../../../runtime/context';
import { analyticsMessages as m } from '../../domain/messages';
import { stopApp } from '../../operations/lifecycle';

export async function stopApplication(input: StopApplicationRequest, ctx: ActionContext): Promise<StopApplicationResponse> {
  if (input.Force) throw new InvalidArgumentException(m.noForceStop());
  await stopApp(ctx, input.ApplicationName!, 'v2');
  return {};
}
