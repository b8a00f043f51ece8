import type { DeleteApplicationRequest } from '@aws-sdk/client-kinesis-analytics-v2';
import type { ActionContext } from '../../../runtime/context';
import { deleteApp } from '../../operations/lifecycle';

export async function deleteApplication(input: DeleteApplicationRequest, ctx: ActionContext): Promise<void> {
  await deleteApp(ctx, input.ApplicationName!, 'v2', input.CreateTimestamp!);
}
