import type { DeleteApplicationReferenceDataSourceRequest, DeleteApplicationReferenceDataSourceResponse } from '@aws-sdk/client-kinesis-analytics-v2';
import { ResourceNotFoundException } from '../../../protocol/errors';
import type { ActionContext } from '../../../runtime/context';
import { analyticsMessages as m } from '../../domain/messages';
import { changeConfiguration } from '../../operations/configure';

export async function deleteApplicationReferenceDataSource(input: DeleteApplicationReferenceDataSourceRequest, ctx: ActionContext): Promise<DeleteApplicationReferenceDataSourceResponse> {
  const app = await changeConfiguration(
    ctx,
    input.ApplicationName!,
    input.CurrentApplicationVersionId!,
    (current) => {
      if (!current.references.some((r) => r.ReferenceId === input.ReferenceId)) throw new ResourceNotFoundException(m.unknownReference(current.name, input.ReferenceId!));
      return { references: current.references.filter((r) => r.ReferenceId !== input.ReferenceId) };
    },
    'v2',
  );
  return { ApplicationARN: app.arn, ApplicationVersionId: app.versionId };
}
