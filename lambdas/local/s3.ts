/** Embedded S3: s3rver on a loopback port, storing objects under a directory. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';

export interface EmbeddedS3 {
  endpoint: string;
  s3: S3Client;
  stop(): Promise<void>;
}

/** s3rver's fixed credentials; it checks signatures, so clients must use these. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export function s3ClientFor(endpoint: string): S3Client {
  return new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: S3RVER_CREDENTIALS,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

export async function startS3(opts: { port: number; path?: string; buckets: string[] }): Promise<EmbeddedS3> {
  const directory = opts.path ?? mkdtempSync(join(tmpdir(), 'runnel-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: opts.port, silent: true, directory, configureBuckets: opts.buckets.map((name) => ({ name })) });
  const address = await server.run();
  const endpoint = `http://127.0.0.1:${address.port}`;
  const s3 = s3ClientFor(endpoint);
  return {
    endpoint,
    s3,
    stop: async () => {
      s3.destroy();
      await server.close();
      if (!opts.path) rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** The keys in `bucket` under `prefix`, sorted (none while the bucket does not exist). */
export async function listKeys(s3: S3Client, bucket: string, prefix = ''): Promise<string[]> {
  const keys: string[] = [];
  let after: string | undefined;
  for (;;) {
    // StartAfter paging: s3rver's continuation tokens need the legacy OpenSSL provider.
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, StartAfter: after })).catch((e: Error) => {
      if (e.name === 'NoSuchBucket') return undefined;
      throw e;
    });
    const contents = page?.Contents ?? [];
    keys.push(...contents.map((o) => o.Key!));
    if (!page?.IsTruncated || !contents.length) break;
    after = contents[contents.length - 1].Key;
  }
  return keys.sort();
}
