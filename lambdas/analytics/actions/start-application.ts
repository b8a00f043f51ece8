import type { StartApplicationRequest } from '@aws-sdk/client-kinesis-analytics';
import { InvalidApplicationConfigurationException, InvalidArgumentException, ResourceInUseException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { analyticsMessages as m } from '../domain/messages';
import { loadApplication, updateApplication } from '../store/applications';
import { startApplicationLifecycle } from '../workflows';

/** READY → STARTING; the lifecycle workflow makes it RUNNING. The starting position is remembered on the input. */
export async function startApplication(input: StartApplicationRequest, ctx: ActionContext): Promise<void> {
  const app = await loadApplication(ctx, input.ApplicationName!);
  if (app.status !== 'READY') throw new ResourceInUseException(m.notAvailable(app.name, app.status));
  if (!app.inputs.length) throw new InvalidApplicationConfigurationException(m.noInput(app.name));
  if (!app.code?.trim()) throw new InvalidApplicationConfigurationException(m.noCode(app.name));
  const configs = input.InputConfigurations ?? [];
  if (configs.length !== 1) throw new InvalidArgumentException(m.startingPositions(app.name));
  const [config] = configs;
  if (config.Id !== app.inputs[0].InputId) throw new InvalidArgumentException(m.unknownInput(app.name, config.Id!));
  const inputs = [{ ...app.inputs[0], InputStartingPositionConfiguration: { InputStartingPosition: config.InputStartingPositionConfiguration!.InputStartingPosition ?? 'NOW' } }];
  if (!(await updateApplication(ctx, app, { status: 'STARTING', inputs }, { statuses: ['READY'], versionId: app.versionId }))) {
    throw new ResourceInUseException(m.notAvailable(app.name, app.status));
  }
  await startApplicationLifecycle(ctx, 'start', app);
}
