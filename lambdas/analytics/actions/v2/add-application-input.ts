import type { AddApplicationInputRequest, AddApplicationInputResponse } from '@aws-sdk/client-kinesis-analytics-v2';
import type { ActionContext } from '../../../runtime/context';
import { entityId } from '../../domain/application';
import { v1Input } from '../../domain/application-v2';
import { changeConfiguration } from '../../operations/configure';
import { sqlResult } from './sql-configuration';

export async function addApplicationInput(input: AddApplicationInputRequest, ctx: ActionContext): Promise<AddApplicationInputResponse> {
  const app = await changeConfiguration(
    ctx,
    input.ApplicationName!,
    input.CurrentApplicationVersionId!,
    (current, version) => ({ inputs: [...current.inputs, { ...v1Input(input.Input!, current.serviceExecutionRole ?? ''), InputId: entityId(version, 1) }] }),
    'v2',
  );
  const { sql, ...result } = sqlResult(app);
  return { ...result, InputDescriptions: sql.InputDescriptions };
}
