import type { AddApplicationInputProcessingConfigurationRequest } from '@aws-sdk/client-kinesis-analytics';
import type { ActionContext } from '../../runtime/context';
import { setInputProcessing } from '../domain/updates';
import { changeConfiguration } from '../operations/configure';

export async function addApplicationInputProcessingConfiguration(input: AddApplicationInputProcessingConfigurationRequest, ctx: ActionContext): Promise<void> {
  await changeConfiguration(ctx, input.ApplicationName!, input.CurrentApplicationVersionId!, (app) => ({
    inputs: setInputProcessing(app.name, app.inputs, input.InputId!, input.InputProcessingConfiguration),
  }));
}
