import type { DeleteApplicationOutputRequest, DeleteApplicationOutputResponse } from '@aws-sdk/client-kinesis-analytics-v2';
import { ResourceNotFoundException } from '../../../protocol/errors';
import type { ActionContext } from '../../../runtime/context';
import { analyticsMessages as m } from '../../domain/messages';
import { changeConfiguration } from '../../operations/configure';

export async function deleteApplicationOutput(input: DeleteApplicationOutputRequest, ctx: ActionContext): Promise<DeleteApplicationOutputResponse> {
  const app = await changeConfiguration(
    ctx,
    input.ApplicationName!,
    input.CurrentApplicationVersionId!,
    (current) => {
      if (!current.outputs.some((o) => o.OutputId === input.OutputId)) throw new ResourceNotFoundException(m.unknownOutput(current.name, input.OutputId!));
      return { outputs: current.outputs.filter((o) => o.OutputId !== input.OutputId) };
    },
    'v2',
  );
  return { ApplicationARN: app.arn, ApplicationVersionId: app.versionId };
}
