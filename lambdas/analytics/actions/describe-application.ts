import type { DescribeApplicationRequest, DescribeApplicationResponse } from '@aws-sdk/client-kinesis-analytics';
import type { ActionContext } from '../../runtime/context';
import { detailOf } from '../domain/application';
import { loadApplication } from '../store/applications';

export async function describeApplication(input: DescribeApplicationRequest, ctx: ActionContext): Promise<DescribeApplicationResponse> {
  return { ApplicationDetail: detailOf(await loadApplication(ctx, input.ApplicationName!)) };
}
