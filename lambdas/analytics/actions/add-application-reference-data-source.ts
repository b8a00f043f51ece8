import type { AddApplicationReferenceDataSourceRequest } from '@aws-sdk/client-kinesis-analytics';
import type { ActionContext } from '../../runtime/context';
import { entityId } from '../domain/application';
import { changeConfiguration } from '../operations/configure';

export async function addApplicationReferenceDataSource(input: AddApplicationReferenceDataSourceRequest, ctx: ActionContext): Promise<void> {
  await changeConfiguration(ctx, input.ApplicationName!, input.CurrentApplicationVersionId!, (app, version) => ({
    references: [...app.references, { ...input.ReferenceDataSource!, ReferenceId: entityId(version, 1) }],
  }));
}
