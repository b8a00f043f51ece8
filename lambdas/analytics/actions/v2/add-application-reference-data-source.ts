import type { AddApplicationReferenceDataSourceRequest, AddApplicationReferenceDataSourceResponse } from '@aws-sdk/client-kinesis-analytics-v2';
import type { ActionContext } from '../../../runtime/context';
import { entityId } from '../../domain/application';
import { v1Reference } from '../../domain/application-v2';
import { changeConfiguration } from '../../operations/configure';
import { sqlResult } from './sql-configuration';

export async function addApplicationReferenceDataSource(input: AddApplicationReferenceDataSourceRequest, ctx: ActionContext): Promise<AddApplicationReferenceDataSourceResponse> {
  const app = await changeConfiguration(
    ctx,
    input.ApplicationName!,
    input.CurrentApplicationVersionId!,
    (current, version) => ({
      references: [...current.references, { ...v1Reference(input.ReferenceDataSource!, current.serviceExecutionRole ?? ''), ReferenceId: entityId(version, 1) }],
    }),
    'v2',
  );
  const { sql, ...result } = sqlResult(app);
  return { ...result, ReferenceDataSourceDescriptions: sql.ReferenceDataSourceDescriptions };
}
