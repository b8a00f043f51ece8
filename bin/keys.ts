/**
 * `runnel keys create|list|revoke`: manages the access keys Runnel verifies signatures against.
 *
 *   --path DIR                    a local store (what `npm start -- --path DIR` uses); while that
 *                                 server runs, add --dynamodb-endpoint (its DynamoDB port) as well
 *   --table NAME [--region R]     a deployment's AccessKeys table (the stack's KeysCommand output),
 *                                 with the AWS credentials of the environment
 *
 * A revoked key stops working within the lookup cache's time (5 s) and stays listed as revoked.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { issueAccessKey, listAccessKeys, revokeAccessKey } from '../lambdas/auth/access-keys';
import { TABLE_ENCRYPTED_AT_REST, LOCAL_KEY_FILE, localSecretBox, type SecretBox } from '../lambdas/auth/secret-box';
import { startDynamo } from '../lambdas/local/dynamodb';
import { ACCESS_KEYS_TABLE, ALL_TABLES } from '../lambdas/runtime/tables';

/** A command line that cannot be carried out: reported, with exit code 2. */
export class KeysUsageError extends Error {}

const USAGE = 'usage: runnel keys create|list|revoke [ACCESS_KEY_ID] (--path DIR [--dynamodb-endpoint URL] | --table NAME [--region REGION])';
const LOCAL_ACCOUNT = '000000000000';

interface Store {
  ddb: DynamoDBDocumentClient;
  table: string;
  box: SecretBox;
  account: () => Promise<string>;
  close(): Promise<void>;
}

async function openStore(values: { path?: string; 'dynamodb-endpoint'?: string; table?: string; region?: string }): Promise<Store> {
  if (values.table) {
    const client = new DynamoDBClient(values.region ? { region: values.region } : {});
    const sts = new STSClient(values.region ? { region: values.region } : {});
    return {
      ddb: DynamoDBDocumentClient.from(client),
      table: values.table,
      box: TABLE_ENCRYPTED_AT_REST,
      account: async () => (await sts.send(new GetCallerIdentityCommand({}))).Account!,
      close: async () => client.destroy(),
    };
  }
  if (!values.path) throw new KeysUsageError(USAGE);
  const box = localSecretBox(join(values.path, LOCAL_KEY_FILE));
  const table = `runnel-${ACCESS_KEYS_TABLE.id}`;
  const account = async () => LOCAL_ACCOUNT;
  if (values['dynamodb-endpoint']) {
    const client = new DynamoDBClient({ endpoint: values['dynamodb-endpoint'], region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    return { ddb: DynamoDBDocumentClient.from(client), table, box, account, close: async () => client.destroy() };
  }
  const dynamo = await startDynamo({ path: join(values.path, 'dynamodb'), tables: ALL_TABLES });
  return { ddb: dynamo.ddb, table, box, account, close: () => dynamo.stop() };
}

export async function keys(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { path: { type: 'string' }, 'dynamodb-endpoint': { type: 'string' }, table: { type: 'string' }, region: { type: 'string' } },
  });
  const [action, id] = positionals;
  if (!['create', 'list', 'revoke'].includes(action) || (action === 'revoke') !== (id !== undefined) || positionals.length > 2) throw new KeysUsageError(USAGE);
  const store = await openStore(values);
  try {
    if (action === 'create') {
      const key = await issueAccessKey(store.ddb, store.table, store.box, await store.account(), Date.now());
      console.log(`AWS_ACCESS_KEY_ID=${key.accessKeyId} AWS_SECRET_ACCESS_KEY=${key.secretAccessKey}`);
    } else if (action === 'list') {
      for (const k of await listAccessKeys(store.ddb, store.table)) {
        const status = k.revokedAt === undefined ? 'active' : `revoked ${new Date(k.revokedAt).toISOString()}`;
        console.log(`${k.accessKeyId}\t${k.account}\tcreated ${new Date(k.createdAt).toISOString()}\t${status}`);
      }
    } else {
      if (!(await revokeAccessKey(store.ddb, store.table, id, Date.now()))) throw new KeysUsageError(`no access key ${id}`);
      console.log(`revoked ${id}`);
    }
  } finally {
    await store.close();
  }
}
