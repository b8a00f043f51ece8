/** The delivery-streams-table item. */
export type DeliveryStreamStatus = 'CREATING' | 'ACTIVE' | 'DELETING';

export interface ProcessorConfig {
  Type: string;
  Parameters?: { ParameterName: string; ParameterValue: string }[];
}

/** An S3 destination as Runnel keeps it: the Extended S3 shape with Firehose's defaults applied. */
export interface S3Destination {
  RoleARN: string;
  BucketARN: string;
  Prefix?: string;
  ErrorOutputPrefix?: string;
  BufferingHints: { SizeInMBs: number; IntervalInSeconds: number };
  CompressionFormat: 'UNCOMPRESSED' | 'GZIP' | 'ZIP' | 'Snappy' | 'HADOOP_SNAPPY';
  EncryptionConfiguration: { NoEncryptionConfig?: string; KMSEncryptionConfig?: { AWSKMSKeyARN: string } };
  CloudWatchLoggingOptions?: { Enabled?: boolean; LogGroupName?: string; LogStreamName?: string };
  ProcessingConfiguration?: { Enabled?: boolean; Processors?: ProcessorConfig[] };
  S3BackupMode: 'Disabled' | 'Enabled';
  S3BackupConfiguration?: Omit<S3Destination, 'S3BackupMode' | 'S3BackupConfiguration' | 'ProcessingConfiguration'>;
  FileExtension?: string;
  CustomTimeZone?: string;
}

export interface DeliveryStreamItem {
  pk: string;
  sk: string;
  name: string;
  arn: string;
  /** Creation-unique id: buffers and checkpoints are keyed by it. */
  id: string;
  status: DeliveryStreamStatus;
  type: 'DirectPut' | 'KinesisStreamAsSource';
  versionId: number;
  createdAt: number;
  updatedAt?: number;
  destinationId: string;
  destination: S3Destination;
  source?: { KinesisStreamARN: string; RoleARN: string; DeliveryStartTimestamp: number };
  encryption?: { status: 'ENABLED' | 'DISABLED'; keyType?: string; keyArn?: string };
  tags: Record<string, string>;
  /** Readers copying its records, by tap id, with the epoch ms their registration lasts until (store/tap-records.ts). */
  taps?: Record<string, number>;
}

/** What a workflow carries to find its delivery stream again: the item's key and incarnation id. */
export interface DeliveryStreamRef {
  pk: string;
  sk: string;
  id: string;
}

export function deliveryStreamRefOf(ds: DeliveryStreamRef): DeliveryStreamRef {
  return { pk: ds.pk, sk: ds.sk, id: ds.id };
}

/** Why a flush runs: the buffering interval elapsed, the size threshold was crossed, or the stream is being deleted. */
export type FlushReason = 'interval' | 'size' | 'drain';

export function deliveryStreamArn(region: string, account: string, name: string): string {
  return `arn:aws:firehose:${region}:${account}:deliverystream/${name}`;
}

const ARN = /^arn:aws[\w-]*:firehose:([\w-]+):(\d{12}):deliverystream\/(.+)$/;

/** The region, account and name a delivery-stream ARN names; anything else is taken as a name in the default region and account. */
export function parseDeliveryStreamArn(arn: string, defaults: { region: string; account: string }): { region: string; account: string; name: string } {
  const m = ARN.exec(arn);
  return m ? { region: m[1], account: m[2], name: m[3] } : { region: defaults.region, account: defaults.account, name: arn };
}

export function bucketName(bucketArn: string): string {
  return bucketArn.slice(bucketArn.lastIndexOf(':') + 1);
}
