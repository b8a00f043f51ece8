import type { AddApplicationOutputRequest, AddApplicationOutputResponse } from '@aws-sdk/client-kinesis-analytics-v2';
import type { ActionContext } from '../../../runtime/context';
import { entityId } from '../../domain/application';
import { v1Output } from '../../domain/application-v2';
import { changeConfiguration } from '../../operations/configure';
import { sqlResult } from './sql-configuration';

export async function addApplicationOutput(input: AddApplicationOutputRequest, ctx: ActionContext): Promise<AddApplicationOutputResponse> {
  const app = await changeConfiguration(
    ctx,
    input.ApplicationName!,
    input.CurrentApplicationVersionId!,
    (current, version) => ({ outputs: [...current.outputs, { ...v1Output(input.Output!, current.serviceExecutionRole ?? ''), OutputId: entityId(version, 1) }] }),
    'v2',
  );
  const { sql, ...result } = sqlResult(app);
  return { ...result, OutputDescriptions: sql.OutputDescriptions };
}
