import type { AddApplicationOutputRequest } from '@aws-sdk/client-kinesis-analytics';
import type { ActionContext } from '../../runtime/context';
import { entityId } from '../domain/application';
import { changeConfiguration } from '../operations/configure';

export async function addApplicationOutput(input: AddApplicationOutputRequest, ctx: ActionContext): Promise<void> {
  await changeConfiguration(ctx, input.ApplicationName!, input.CurrentApplicationVersionId!, (app, version) => ({
    outputs: [...app.outputs, { ...input.Output!, OutputId: entityId(version, 1) }],
  }));
}
