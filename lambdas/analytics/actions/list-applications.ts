import type { ListApplicationsRequest, ListApplicationsResponse } from '@aws-sdk/client-kinesis-analytics';
import type { ActionContext } from '../../runtime/context';
import { summaryOf } from '../domain/application';
import { listApplicationItems } from '../store/applications';

/** Name order; a caller continues from the last name it was given (ExclusiveStartApplicationName). */
export async function listApplications(input: ListApplicationsRequest, ctx: ActionContext): Promise<ListApplicationsResponse> {
  const limit = input.Limit ?? 50;
  const items = await listApplicationItems(ctx, input.ExclusiveStartApplicationName);
  return { ApplicationSummaries: items.slice(0, limit).map(summaryOf), HasMoreApplications: items.length > limit };
}
