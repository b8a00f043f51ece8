/**
 * Start, stop and delete for both APIs: each flips the status the API call owns (STARTING,
 * STOPPING, DELETING) and leaves the rest to the lifecycle workflow.
 */
import type { InputStartingPosition } from '@aws-sdk/client-kinesis-analytics';
import { InvalidApplicationConfigurationException, InvalidArgumentException, ResourceInUseException, ResourceNotFoundException } from '../../protocol/errors';
import { closeTap, openTap } from '../../firehose/taps';
import type { ActionContext } from '../../runtime/context';
import type { Api } from '../domain/application';
import { analyticsMessages as m } from '../domain/messages';
import { loadApplication, updateApplication } from '../store/applications';
import { startApplicationLifecycle } from '../workflows';

export interface StartRequest {
  inputId?: string;
  position?: `${InputStartingPosition}`;
}

/** READY → STARTING; the starting position is remembered on the input. */
export async function startApp(ctx: ActionContext, name: string, api: Api, starts: StartRequest[]): Promise<void> {
  const app = await loadApplication(ctx, name, api);
  if (app.status !== 'READY') throw new ResourceInUseException(m.notAvailable(app.name, app.status));
  if (!app.inputs.length) throw new InvalidApplicationConfigurationException(m.noInput(app.name));
  if (!app.code?.trim()) throw new InvalidApplicationConfigurationException(m.noCode(app.name));
  if (starts.length !== 1) throw new InvalidArgumentException(m.startingPositions(app.name));
  const [{ inputId, position }] = starts;
  if (inputId !== app.inputs[0].InputId) throw new InvalidArgumentException(m.unknownInput(app.name, inputId ?? ''));
  const firehose = app.inputs[0].KinesisFirehoseInput?.ResourceARN;
  if (firehose && position === 'TRIM_HORIZON') throw new InvalidArgumentException(m.firehoseTrimHorizon(app.name));
  const inputs = [{ ...app.inputs[0], InputStartingPositionConfiguration: { InputStartingPosition: position ?? 'NOW' } }];
  // A Firehose input's tap is open before the call answers, and NOW is the time after it opened:
  // every record a PutRecord(Batch) begun after StartApplication returned puts is read.
  if (firehose) await openTap(ctx, firehose, app.id);
  const startedAt = ctx.clock();
  if (!(await updateApplication(ctx, app, { status: 'STARTING', inputs, startedAt }, { statuses: ['READY'], versionId: app.versionId }))) {
    const now = await loadApplication(ctx, name, api).catch(() => undefined);
    if (firehose && now?.status !== 'STARTING' && now?.status !== 'RUNNING') await closeTap(ctx, firehose, app.id);
    throw new ResourceInUseException(m.notAvailable(app.name, app.status));
  }
  await startApplicationLifecycle(ctx, 'start', app);
}

/** RUNNING → STOPPING. */
export async function stopApp(ctx: ActionContext, name: string, api: Api): Promise<void> {
  const app = await loadApplication(ctx, name, api);
  if (app.status !== 'RUNNING' || !(await updateApplication(ctx, app, { status: 'STOPPING' }, { statuses: ['RUNNING'] }))) {
    throw new ResourceInUseException(m.notAvailable(app.name, app.status));
  }
  await startApplicationLifecycle(ctx, 'stop', app);
}

/**
 * CreateTimestamp must be the application's own, so a caller cannot delete a namesake created
 * after it looked. A running application is halted and deleted, as the v1 API documents.
 */
export async function deleteApp(ctx: ActionContext, name: string, api: Api, createTimestamp: Date): Promise<void> {
  const app = await loadApplication(ctx, name, api);
  // JSON carries epoch seconds as a float: equal to the millisecond is equal.
  if (Math.abs(createTimestamp.getTime() - app.createdAt) >= 1) throw new ResourceNotFoundException(m.wrongCreateTimestamp(app.name));
  if (app.status === 'DELETING') return;
  if (!(await updateApplication(ctx, app, { status: 'DELETING' }, { statuses: ['READY', 'RUNNING'] }))) {
    throw new ResourceInUseException(m.notAvailable(app.name, app.status));
  }
  await startApplicationLifecycle(ctx, 'delete', app);
}
