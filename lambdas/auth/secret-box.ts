/**
 * How a secret access key is kept at rest in the access-keys table.
 *
 * In the cloud the item holds the secret as issued: the table is encrypted at rest (with DynamoDB's
 * own key, or with `-c secretsKey=customer` a customer managed KMS key that only Runnel's functions
 * and the account's administrators may use), and only Runnel's functions may read it.
 * Locally there is no KMS: the secret is sealed with AES-256-GCM under a 32-byte key kept in its
 * own file beside the data (mode 0600), bound to its access key id, so a copy of the DynamoDB
 * files alone reveals nothing; whoever can read the whole directory can read the secrets.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export interface SecretBox {
  seal(accessKeyId: string, secret: string): string;
  /** The secret, or undefined when the stored value cannot be opened with this box. */
  open(accessKeyId: string, stored: string): string | undefined;
}

/** The cloud's box: the table's encryption at rest does the encrypting. */
export const TABLE_ENCRYPTED_AT_REST: SecretBox = {
  seal: (_id, secret) => secret,
  open: (_id, stored) => stored,
};

const PREFIX = 'aes256gcm:';

/** The local key's file name under a --path directory (the server and `runnel keys` share it). */
export const LOCAL_KEY_FILE = 'access-keys.key';

/** The local box, its key read from (or created in) `keyFile`; a random key when there is no file. */
export function localSecretBox(keyFile?: string): SecretBox {
  const key = keyFile ? loadOrCreateKey(keyFile) : randomBytes(32);
  return {
    seal(accessKeyId, secret) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(accessKeyId));
      const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64');
    },
    open(accessKeyId, stored) {
      if (!stored.startsWith(PREFIX)) return undefined;
      const raw = Buffer.from(stored.slice(PREFIX.length), 'base64');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12)).setAAD(Buffer.from(accessKeyId));
        decipher.setAuthTag(raw.subarray(12, 28));
        return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      } catch {
        return undefined;
      }
    },
  };
}

function loadOrCreateKey(file: string): Buffer {
  if (!existsSync(file)) {
    try {
      writeFileSync(file, randomBytes(32), { mode: 0o600, flag: 'wx' });
    } catch (e) {
      // Another process (the server, or `runnel keys`) created it first: use theirs.
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  const key = readFileSync(file);
  if (key.length !== 32) throw new Error(`${file} must hold a 32-byte key`);
  return key;
}
