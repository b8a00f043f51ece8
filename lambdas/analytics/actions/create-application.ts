import type { CreateApplicationRequest, CreateApplicationResponse } from '@aws-sdk/client-kinesis-analytics';
import { InvalidArgumentException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { summaryOf } from '../domain/application';
import { analyticsMessages as m } from '../domain/messages';
import { createApplicationItem } from '../operations/create';

export async function createApplication(input: CreateApplicationRequest, ctx: ActionContext): Promise<CreateApplicationResponse> {
  if (input.CloudWatchLoggingOptions?.length) throw new InvalidArgumentException(m.notSupported('CloudWatchLoggingOptions'));
  const item = await createApplicationItem(ctx, {
    name: input.ApplicationName!,
    description: input.ApplicationDescription,
    code: input.ApplicationCode,
    inputs: input.Inputs ?? [],
    outputs: input.Outputs ?? [],
    tags: input.Tags ?? [],
  });
  return { ApplicationSummary: summaryOf(item) };
}
