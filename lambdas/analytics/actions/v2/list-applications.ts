import type { ListApplicationsRequest, ListApplicationsResponse } from '@aws-sdk/client-kinesis-analytics-v2';
import type { ActionContext } from '../../../runtime/context';
import { summaryV2Of } from '../../domain/application-v2';
import { listApplicationItems } from '../../store/applications';

/** v2 pages with NextToken, which (as on AWS) is the last application name returned. */
export async function listApplications(input: ListApplicationsRequest, ctx: ActionContext): Promise<ListApplicationsResponse> {
  const limit = input.Limit ?? 50;
  const items = await listApplicationItems(ctx, input.NextToken);
  const page = items.slice(0, limit);
  return { ApplicationSummaries: page.map(summaryV2Of), ...(items.length > limit ? { NextToken: page[page.length - 1].name } : {}) };
}
