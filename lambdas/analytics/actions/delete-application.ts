import type { DeleteApplicationRequest } from '@aws-sdk/client-kinesis-analytics';
import type { ActionContext } from '../../runtime/context';
import { deleteApp } from '../operations/lifecycle';

export async function deleteApplication(input: DeleteApplicationRequest, ctx: ActionContext): Promise<void> {
  await deleteApp(ctx, input.ApplicationName!, 'v1', input.CreateTimestamp!);
}
