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
      // S3's own keys (SSE-S3): encrypted at rest, with no KMS request billed per object.
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: SEGMENT_RETENTION_DAYS.map((days) => ({ id: `segments-${days}d`, prefix: segmentPrefixForDays(days), expiration: Duration.days(days) })),
    });
  }
}
