import type { AddApplicationInputRequest } from '@aws-sdk/client-kinesis-analytics';
import type { ActionContext } from '../../runtime/context';
import { entityId } from '../domain/application';
import { changeConfiguration } from '../operations/configure';

export async function addApplicationInput(input: AddApplicationInputRequest, ctx: ActionContext): Promise<void> {
  await changeConfiguration(ctx, input.ApplicationName!, input.CurrentApplicationVersionId!, (app, version) => ({
    inputs: [...app.inputs, { ...input.Input!, InputId: entityId(version, 1) }],
  }));
}
