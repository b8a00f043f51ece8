import type { DescribeApplicationRequest, DescribeApplicationResponse } from '@aws-sdk/client-kinesis-analytics-v2';
import type { ActionContext } from '../../../runtime/context';
import { detailV2Of } from '../../domain/application-v2';
import { loadApplication } from '../../store/applications';

export async function describeApplication(input: DescribeApplicationRequest, ctx: ActionContext): Promise<DescribeApplicationResponse> {
  return { ApplicationDetail: detailV2Of(await loadApplication(ctx, input.ApplicationName!, 'v2')) };
}
