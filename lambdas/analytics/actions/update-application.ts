import type { UpdateApplicationRequest } from '@aws-sdk/client-kinesis-analytics';
import { InvalidArgumentException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { analyticsMessages as m } from '../domain/messages';
import { applyInputUpdates, applyOutputUpdates, applyReferenceUpdates } from '../domain/updates';
import { changeConfiguration } from '../operations/configure';

/** Replaces the code and updates inputs, outputs and reference sources in one new version; a running application keeps running. */
export async function updateApplication(input: UpdateApplicationRequest, ctx: ActionContext): Promise<void> {
  const update = input.ApplicationUpdate!;
  if (update.CloudWatchLoggingOptionUpdates?.length) throw new InvalidArgumentException(m.notSupported('CloudWatchLoggingOptionUpdates'));
  await changeConfiguration(ctx, input.ApplicationName!, input.CurrentApplicationVersionId!, (app) => ({
    ...(update.ApplicationCodeUpdate !== undefined ? { code: update.ApplicationCodeUpdate } : {}),
    inputs: applyInputUpdates(app.name, app.inputs, update.InputUpdates ?? []),
    outputs: applyOutputUpdates(app.name, app.outputs, update.OutputUpdates ?? []),
    references: applyReferenceUpdates(app.name, app.references, update.ReferenceDataSourceUpdates ?? []),
  }));
}
