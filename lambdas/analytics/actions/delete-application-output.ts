import type { DeleteApplicationOutputRequest } from '@aws-sdk/client-kinesis-analytics';
import { ResourceNotFoundException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { analyticsMessages as m } from '../domain/messages';
import { changeConfiguration } from '../operations/configure';

export async function deleteApplicationOutput(input: DeleteApplicationOutputRequest, ctx: ActionContext): Promise<void> {
  await changeConfiguration(ctx, input.ApplicationName!, input.CurrentApplicationVersionId!, (app) => {
    if (!app.outputs.some((o) => o.OutputId === input.OutputId)) throw new ResourceNotFoundException(m.unknownOutput(app.name, input.OutputId!));
    return { outputs: app.outputs.filter((o) => o.OutputId !== input.OutputId) };
  });
}
