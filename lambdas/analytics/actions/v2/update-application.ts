import type { InputUpdate as V1InputUpdate, OutputUpdate as V1OutputUpdate } from '@aws-sdk/client-kinesis-analytics';
import type { UpdateApplicationRequest, UpdateApplicationResponse } from '@aws-sdk/client-kinesis-analytics-v2';
import { InvalidArgumentException } from '../../../protocol/errors';
import type { ActionContext } from '../../../runtime/context';
import { detailV2Of } from '../../domain/application-v2';
import { analyticsMessages as m } from '../../domain/messages';
import { applyInputUpdates, applyOutputUpdates } from '../../domain/updates';
import { changeConfiguration } from '../../operations/configure';

/** Code, inputs and outputs, at CurrentApplicationVersionId (ConditionalToken is Flink's). */
export async function updateApplication(input: UpdateApplicationRequest, ctx: ActionContext): Promise<UpdateApplicationResponse> {
  const update = input.ApplicationConfigurationUpdate;
  const sql = update?.SqlApplicationConfigurationUpdate;
  if (sql?.ReferenceDataSourceUpdates?.length) throw new InvalidArgumentException(m.notSupported('ReferenceDataSourceUpdates'));
  if (input.CloudWatchLoggingOptionUpdates?.length) throw new InvalidArgumentException(m.notSupported('CloudWatchLoggingOptionUpdates'));
  if (input.ServiceExecutionRoleUpdate || input.RunConfigurationUpdate) throw new InvalidArgumentException(m.notSupported('ServiceExecutionRoleUpdate and RunConfigurationUpdate'));
  if (input.CurrentApplicationVersionId === undefined) throw new InvalidArgumentException(m.notSupported('ConditionalToken'));
  const code = update?.ApplicationCodeConfigurationUpdate?.CodeContentUpdate?.TextContentUpdate;
  const app = await changeConfiguration(
    ctx,
    input.ApplicationName!,
    input.CurrentApplicationVersionId,
    (current) => ({
      ...(code !== undefined ? { code } : {}),
      // v2's updates are v1's without roles: the roles already stored stay.
      inputs: applyInputUpdates(current.name, current.inputs, (sql?.InputUpdates ?? []) as V1InputUpdate[]),
      outputs: applyOutputUpdates(current.name, current.outputs, (sql?.OutputUpdates ?? []) as V1OutputUpdate[]),
    }),
    'v2',
  );
  return { ApplicationDetail: detailV2Of(app) };
}
