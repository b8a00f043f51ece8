import type { UpdateDestinationInput } from '@aws-sdk/client-firehose';
import { ConcurrentModificationException, InvalidArgumentException, ResourceInUseException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { s3Destination } from '../domain/destination-config';
import { refuseUnsupportedUpdateSettings } from '../domain/unsupported-settings';
import { loadDeliveryStream, updateDeliveryStream } from '../store/delivery-streams';
import { firehoseMessages } from '../domain/messages';

const concurrentModification = (name: string, current: number, given: string) =>
  new ConcurrentModificationException(`Cannot update firehose: ${name} since the current version id: ${current} and specified version id: ${given} do not match`);

/** Same destination type: fields given replace, the rest is kept. Each update bumps VersionId. */
export async function updateDestination(input: UpdateDestinationInput, ctx: ActionContext): Promise<void> {
  const ds = await loadDeliveryStream(ctx, input.DeliveryStreamName!);
  if (ds.status !== 'ACTIVE') throw new ResourceInUseException(firehoseMessages.notActive(ds.name, ctx.account, ds.status));
  if (String(ds.versionId) !== input.CurrentDeliveryStreamVersionId) throw concurrentModification(ds.name, ds.versionId, input.CurrentDeliveryStreamVersionId!);
  if (input.DestinationId !== ds.destinationId) throw new InvalidArgumentException(`Destination ${input.DestinationId} does not exist for firehose ${ds.name}.`);
  refuseUnsupportedUpdateSettings(input);
  const update = input.ExtendedS3DestinationUpdate ?? input.S3DestinationUpdate;
  if (!update) throw new InvalidArgumentException('Runnel delivers to S3 only: give ExtendedS3DestinationUpdate or S3DestinationUpdate.');
  const destination = s3Destination(update, ds.destination);
  const updated = await updateDeliveryStream(ctx, ds, { destination, versionId: ds.versionId + 1, updatedAt: ctx.clock() }, { statuses: ['ACTIVE'], versionId: ds.versionId });
  if (!updated) throw concurrentModification(ds.name, ds.versionId, input.CurrentDeliveryStreamVersionId!);
}
