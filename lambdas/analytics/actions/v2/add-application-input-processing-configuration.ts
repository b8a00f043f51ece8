import type { AddApplicationInputProcessingConfigurationRequest, AddApplicationInputProcessingConfigurationResponse } from '@aws-sdk/client-kinesis-analytics-v2';
import type { ActionContext } from '../../../runtime/context';
import { v1Processing } from '../../domain/application-v2';
import { setInputProcessing } from '../../domain/updates';
import { changeConfiguration } from '../../operations/configure';
import { sqlResult } from './sql-configuration';

/** v2 has no role per processor: the service execution role is stored as its RoleARN, as for inputs. */
export async function addApplicationInputProcessingConfiguration(
  input: AddApplicationInputProcessingConfigurationRequest,
  ctx: ActionContext,
): Promise<AddApplicationInputProcessingConfigurationResponse> {
  const app = await changeConfiguration(
    ctx,
    input.ApplicationName!,
    input.CurrentApplicationVersionId!,
    (current) => ({
      inputs: setInputProcessing(current.name, current.inputs, input.InputId!, v1Processing(input.InputProcessingConfiguration!, current.serviceExecutionRole ?? '')),
    }),
    'v2',
  );
  const { sql, ...result } = sqlResult(app);
  const description = sql.InputDescriptions?.find((i) => i.InputId === input.InputId)?.InputProcessingConfigurationDescription;
  return { ...result, InputId: input.InputId, InputProcessingConfigurationDescription: description };
}
