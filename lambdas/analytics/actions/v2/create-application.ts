import type { CreateApplicationRequest, CreateApplicationResponse } from '@aws-sdk/client-kinesis-analytics-v2';
import { InvalidArgumentException } from '../../../protocol/errors';
import type { ActionContext } from '../../../runtime/context';
import { detailV2Of, SQL_RUNTIME, v1Input, v1Output } from '../../domain/application-v2';
import { analyticsMessages as m } from '../../domain/messages';
import { createApplicationItem } from '../../operations/create';

/** SQL applications only: a Flink runtime is refused by name rather than accepted and never run. */
export async function createApplication(input: CreateApplicationRequest, ctx: ActionContext): Promise<CreateApplicationResponse> {
  if (input.RuntimeEnvironment !== SQL_RUNTIME) throw new InvalidArgumentException(m.sqlOnly(input.RuntimeEnvironment!));
  if (input.CloudWatchLoggingOptions?.length) throw new InvalidArgumentException(m.notSupported('CloudWatchLoggingOptions'));
  const config = input.ApplicationConfiguration;
  const sql = config?.SqlApplicationConfiguration;
  if (sql?.ReferenceDataSources?.length) throw new InvalidArgumentException(m.notSupported('ReferenceDataSources'));
  const code = config?.ApplicationCodeConfiguration;
  if (code && code.CodeContentType !== 'PLAINTEXT') throw new InvalidArgumentException(m.notSupported(`CodeContentType ${code.CodeContentType}`));
  const role = input.ServiceExecutionRole ?? '';
  const item = await createApplicationItem(ctx, {
    name: input.ApplicationName!,
    description: input.ApplicationDescription,
    code: code?.CodeContent?.TextContent,
    inputs: (sql?.Inputs ?? []).map((i) => v1Input(i, role)),
    outputs: (sql?.Outputs ?? []).map((o) => v1Output(o, role)),
    tags: input.Tags ?? [],
    serviceExecutionRole: role,
  });
  return { ApplicationDetail: detailV2Of(item) };
}
