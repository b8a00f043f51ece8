/** The key lookup's cache bounds, the local secret box, the first key's custom resource and delivery-role checks. */
import { describe, expect, it } from 'vitest';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { accessKeyLookup } from '../../lambdas/auth/access-keys';
import { localSecretBox } from '../../lambdas/auth/secret-box';
import { handler as bootstrapKey } from '../../lambdas/handlers/bootstrap-key';
import { checkDeliveryRole } from '../../lambdas/handlers/cloud-destinations';

/** A table of one key, counting reads. */
function fakeTable(items: Record<string, Record<string, unknown>>) {
  const reads: string[] = [];
  const ddb = {
    send: async (cmd: { input: { Key: { pk: string } } }) => {
      reads.push(cmd.input.Key.pk);
      return { Item: items[cmd.input.Key.pk] };
    },
  } as unknown as DynamoDBDocumentClient;
  return { ddb, reads };
}

describe('access key lookup', () => {
  const box = localSecretBox();
  const item = { pk: 'K1', secretAccessKey: box.seal('K1', 's3cret'), account: '111111111111' };

  it('serves from cache within the TTL and reads again after it (so revocation lands within the TTL)', async () => {
    let now = 0;
    const table = fakeTable({ K1: item });
    const lookup = accessKeyLookup(table.ddb, 't', box, () => now, { ttlMs: 5_000, maxEntries: 10 });
    expect(await lookup('K1')).toEqual({ secretAccessKey: 's3cret', account: '111111111111' });
    now = 4_999;
    await lookup('K1');
    expect(table.reads).toEqual(['K1']);
    now = 5_000;
    (item as Record<string, unknown>).revokedAt = 1;
    expect(await lookup('K1')).toBeUndefined();
    expect(table.reads).toEqual(['K1', 'K1']);
    delete (item as Record<string, unknown>).revokedAt;
  });

  it('holds at most maxEntries ids, unknown ones included, dropping the oldest', async () => {
    const table = fakeTable({});
    const lookup = accessKeyLookup(table.ddb, 't', box, () => 0, { ttlMs: 60_000, maxEntries: 3 });
    for (const id of ['a', 'b', 'c', 'd']) await lookup(id);
    await lookup('d');
    await lookup('b');
    expect(table.reads).toEqual(['a', 'b', 'c', 'd']);
    await lookup('a');
    expect(table.reads).toEqual(['a', 'b', 'c', 'd', 'a']);
  });

  it('refuses a secret sealed for another key id or by another box', async () => {
    const other = localSecretBox();
    expect(box.open('K2', item.secretAccessKey)).toBeUndefined();
    expect(other.open('K1', item.secretAccessKey)).toBeUndefined();
    expect(box.open('K1', 's3cret')).toBeUndefined();
  });
});

describe('first access key custom resource', () => {
  it('returns AccessKeyId on Update, so outputs that read it survive a stack update', async () => {
    const event = { RequestType: 'Update', PhysicalResourceId: 'RNLEXISTING' } as Parameters<typeof bootstrapKey>[0];
    expect(await bootstrapKey(event)).toEqual({ PhysicalResourceId: 'RNLEXISTING', Data: { AccessKeyId: 'RNLEXISTING' } });
  });
});

describe('delivery roles', () => {
  const trust = { account: '123456789012', externalId: 'runnel-abc' };
  it('accepts only roles of the deployment account under the delivery path', () => {
    expect(() => checkDeliveryRole('arn:aws:iam::123456789012:role/runnel-delivery/orders', trust)).not.toThrow();
    for (const arn of ['arn:aws:iam::123456789012:role/admin', 'arn:aws:iam::999999999999:role/runnel-delivery/orders', 'arn:aws:iam::123456789012:role/runnel-delivery/', 'arn:aws:iam::123456789012:role/runnel-deliveryx/a']) {
      expect(() => checkDeliveryRole(arn, trust), arn).toThrow(/sts:ExternalId runnel-abc/);
    }
  });
});
