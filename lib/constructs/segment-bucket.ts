import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { SEGMENT_RETENTION_DAYS, segmentPrefixForDays } from '../../lambdas/kinesis/store/segment-objects';

/** Holds large segments; each retention prefix expires by lifecycle rule, so deletes cost nothing. */
export class SegmentBucket extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      // KMS (the account's aws/s3 key); the bucket key keeps KMS requests, and their cost, rare.
      encryption: BucketEncryption.KMS_MANAGED,
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: SEGMENT_RETENTION_DAYS.map((days) => ({ id: `segments-${days}d`, prefix: segmentPrefixForDays(days), expiration: Duration.days(days) })),
    });
  }
}
