/**
 * Firehose destinations on a laptop: every bucket lives in the embedded S3 (created on first use,
 * since no one created it beforehand), and Lambda processors are functions registered by name.
 */
import { CreateBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import type { DestinationAccess } from '../runtime/context';

/** A local Lambda function: a module's `handler`, called with the event (and a Lambda-like context), returning its response. */
export type LocalFunction = (event: any, context?: object) => Promise<unknown> | unknown;

export function localDestinations(s3: S3Client, functions: Record<string, LocalFunction>): DestinationAccess {
  const buckets = new Map<string, Promise<unknown>>();
  return {
    async s3(_roleArn, bucket) {
      if (!buckets.has(bucket)) {
        const created = s3.send(new CreateBucketCommand({ Bucket: bucket })).catch((e: Error) => {
          if (!/BucketAlready/.test(e.name)) throw e;
        });
        buckets.set(bucket, created);
        created.catch(() => buckets.delete(bucket));
      }
      await buckets.get(bucket);
      return s3;
    },
    async invokeLambda(functionArn, payload) {
      // arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>], or just the name
      const name = functionArn.includes(':function:') ? functionArn.split(':function:')[1].split(':')[0] : functionArn;
      const fn = functions[name];
      if (!fn) throw new Error(`Function not found: ${functionArn}`);
      return fn(payload);
    },
  };
}
