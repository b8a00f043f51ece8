/**
 * Delivery to a LambdaOutput, with KDA's contract (domain/lambda-events.ts). Rows go out in order,
 * in invocations of at most Lambda's 6 MB payload. Records the function answers DeliveryFailed (or
 * does not answer properly), and every record of an invocation that fails, are sent again with
 * `retryHint` one higher, after a pause that doubles: DELIVERY_ATTEMPTS invocations per record
 * within a run (about 15 s). Records still failing then fail the run: its state is not saved, and
 * the next run reads the same input again and delivers its rows again — KDA's "retries until
 * successful", at-least-once (records acknowledged before are sent again, and the retryHint starts
 * over, as KDA's does when an application is disrupted). Nothing is given up.
 */
import { randomUUID } from 'node:crypto';
import type { Runtime } from '../../runtime/context';
import { deliveredIds, deliveryEvent, eventBatches, type DeliveryRecord, type LambdaFunction } from '../domain/lambda-events';

export const DELIVERY_ATTEMPTS = 6;
const DELIVERY_BACKOFF_MS = 500;

/** Size of a record in the event: its JSON with the longest retryHint it will carry. */
const recordBytes = (r: DeliveryRecord) => 90 + r.recordId.length + 4 * Math.ceil(r.data.byteLength / 3);

export async function deliverToLambda(rt: Runtime, destination: LambdaFunction, applicationArn: string, data: Uint8Array[]): Promise<void> {
  let pending: DeliveryRecord[] = data.map((d) => ({ recordId: randomUUID(), data: d, retryHint: 0 }));
  let why = '';
  for (let attempt = 0; pending.length && attempt < DELIVERY_ATTEMPTS; attempt++) {
    if (attempt) await rt.sleep(DELIVERY_BACKOFF_MS * 2 ** (attempt - 1));
    const failed: DeliveryRecord[] = [];
    for (const batch of eventBatches(pending, recordBytes)) {
      try {
        const ok = deliveredIds(await rt.destinations.invokeLambda(destination.functionArn, deliveryEvent(randomUUID(), applicationArn, batch), destination.roleArn));
        const rejected = batch.filter((r) => !ok.has(r.recordId));
        if (rejected.length) why = `${rejected.length} of ${batch.length} records were not acknowledged Ok`;
        failed.push(...rejected);
      } catch (e) {
        why = (e as Error).message;
        failed.push(...batch);
      }
    }
    pending = failed.map((r) => ({ ...r, retryHint: r.retryHint + 1 }));
  }
  if (pending.length) throw new Error(`Lambda output ${destination.functionArn}: ${pending.length} records undelivered after ${DELIVERY_ATTEMPTS} attempts (${why})`);
}
