import type { DeleteApplicationInputProcessingConfigurationRequest, DeleteApplicationInputProcessingConfigurationResponse } from '@aws-sdk/client-kinesis-analytics-v2';
import type { ActionContext } from '../../../runtime/context';
import { setInputProcessing } from '../../domain/updates';
import { changeConfiguration } from '../../operations/configure';

export async function deleteApplicationInputProcessingConfiguration(
  input: DeleteApplicationInputProcessingConfigurationRequest,
  ctx: ActionContext,
): Promise<DeleteApplicationInputProcessingConfigurationResponse> {
  const app = await changeConfiguration(ctx, input.ApplicationName!, input.CurrentApplicationVersionId!, (current) => ({ inputs: setInputProcessing(current.name, current.inputs, input.InputId!, undefined) }), 'v2');
  return { ApplicationARN: app.arn, ApplicationVersionId: app.versionId };
}
