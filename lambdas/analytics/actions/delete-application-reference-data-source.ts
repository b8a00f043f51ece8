import type { DeleteApplicationReferenceDataSourceRequest } from '@aws-sdk/client-kinesis-analytics';
import { ResourceNotFoundException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { analyticsMessages as m } from '../domain/messages';
import { changeConfiguration } from '../operations/configure';

export async function deleteApplicationReferenceDataSource(input: DeleteApplicationReferenceDataSourceRequest, ctx: ActionContext): Promise<void> {
  await changeConfiguration(ctx, input.ApplicationName!, input.CurrentApplicationVersionId!, (app) => {
    if (!app.references.some((r) => r.ReferenceId === input.ReferenceId)) throw new ResourceNotFoundException(m.unknownReference(app.name, input.ReferenceId!));
    return { references: app.references.filter((r) => r.ReferenceId !== input.ReferenceId) };
  });
}
