/**
 * Every configuration change (UpdateApplication, Add*, Delete*) goes through here: it is allowed
 * from READY or RUNNING, only at the caller's CurrentApplicationVersionId, and the whole resulting
 * configuration is validated (code included) before it is written with the next version. The
 * write is conditional on the version read, so of two concurrent changes one fails.
 */
import { ConcurrentModificationException, ResourceInUseException } from '../../protocol/errors';
import { closeTap, openTap } from '../../firehose/taps';
import type { ActionContext } from '../../runtime/context';
import type { Api, ApplicationItem } from '../domain/application';
import { checkCode, checkInputs, checkOutputs, checkReferences } from '../domain/configuration';
import { analyticsMessages as m } from '../domain/messages';
import { loadApplication, updateApplication } from '../store/applications';

type Configuration = Pick<ApplicationItem, 'code' | 'inputs' | 'outputs' | 'references'>;

/** `change` gets the application and the version the change creates (entity ids carry it). */
export async function changeConfiguration(
  ctx: ActionContext,
  name: string,
  currentVersion: number,
  change: (app: ApplicationItem, nextVersion: number) => Partial<Configuration>,
  api: Api = 'v1',
): Promise<ApplicationItem> {
  const app = await loadApplication(ctx, name, api);
  if (app.status !== 'READY' && app.status !== 'RUNNING') throw new ResourceInUseException(m.notAvailable(name, app.status));
  if (currentVersion !== app.versionId) throw new ConcurrentModificationException(m.staleVersion(currentVersion, app.versionId));
  const next = { code: app.code, inputs: app.inputs, outputs: app.outputs, references: app.references, ...change(app, app.versionId + 1) };
  checkInputs(next.inputs);
  checkOutputs(next.outputs);
  checkReferences(next.references);
  checkCode(next);
  // An application without code keeps none: DynamoDB cannot SET an undefined value.
  const configuration = Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)) as Partial<Configuration>;
  const changes = { ...configuration, versionId: app.versionId + 1, updatedAt: ctx.clock(), ...(api === 'v2' ? { v2: true as const } : {}) };
  if (!(await updateApplication(ctx, app, changes, { versionId: app.versionId, statuses: [app.status] }))) {
    throw new ConcurrentModificationException(m.staleVersion(currentVersion, app.versionId + 1));
  }
  await moveTap(ctx, app, next.inputs);
  return { ...app, ...changes };
}

/** A running application whose Firehose input changed reads the new delivery stream from now on, and no longer taps the old one. */
async function moveTap(ctx: ActionContext, app: ApplicationItem, inputs: ApplicationItem['inputs']): Promise<void> {
  const before = app.inputs[0]?.KinesisFirehoseInput?.ResourceARN;
  const after = inputs[0]?.KinesisFirehoseInput?.ResourceARN;
  if (app.status !== 'RUNNING' || before === after) return;
  if (after) await openTap(ctx, after, app.id);
  if (before) await closeTap(ctx, before, app.id);
}
