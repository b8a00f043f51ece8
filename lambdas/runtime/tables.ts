/**
 * Table specs, declared once: CDK creates the cloud tables from them and the local host creates
 * the same tables in dynalite.
 */
/** The partition key of resources kept per account and region (streams, delivery streams, applications). */
export function accountPartition(account: string, region: string): string {
  return `${account}#${region}`;
}

/** The key a secrets table is encrypted with in the cloud: DynamoDB's own (free) or a customer managed KMS key. */
export type SecretsKey = 'aws-owned' | 'customer';

export interface TableSpec {
  /** Logical id (CDK construct id and local table name). */
  id: string;
  partitionKey: { name: string; type: 'S' | 'N' | 'B' };
  sortKey?: { name: string; type: 'S' | 'N' | 'B' };
  /** Attribute holding the epoch-seconds expiry DynamoDB TTL deletes by. */
  ttlAttribute?: string;
  /** Holds secrets: encrypted in the cloud with a key of its own rather than the account's shared one. */
  secrets?: true;
}

/** One item per stream (pk = account#region, sk = stream name), plus Runnel's own settings. */
export const STREAMS_TABLE: TableSpec = {
  id: 'Streams',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
};

/** Per shard (pk = streamId#shardIndex): the head item at sk 0 and the segments at sk = first counter. */
export const SHARDS_TABLE: TableSpec = {
  id: 'Shards',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'N' },
  ttlAttribute: 'exp',
};

/** Credentials Runnel issued (pk = access key id). */
export const ACCESS_KEYS_TABLE: TableSpec = {
  id: 'AccessKeys',
  partitionKey: { name: 'pk', type: 'S' },
  secrets: true,
};

/** One item per Firehose delivery stream (pk = account#region, sk = name). */
export const DELIVERY_STREAMS_TABLE: TableSpec = {
  id: 'DeliveryStreams',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
};

/**
 * Firehose buffers: records waiting for delivery (pk = deliveryStreamId#slot, sk = r#arrival#id),
 * a size counter per slot (sk = head), one control item per delivery stream (pk = id), and the
 * copies taps keep for analytics applications (pk = deliveryStreamId#tap#tapId), which expire by TTL.
 */
export const BUFFERS_TABLE: TableSpec = {
  id: 'Buffers',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  ttlAttribute: 'exp',
};

/** Lambda triggers: their settings (pk = trigger, sk = id) and their checkpoints (pk = id, sk = cp#shard). */
export const TRIGGERS_TABLE: TableSpec = {
  id: 'Triggers',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
};

/**
 * Kinesis Analytics applications (pk = account#region, sk = name) and each running application's
 * engine state and input checkpoints (pk = application id, sk = state or cp#shard).
 */
export const APPLICATIONS_TABLE: TableSpec = {
  id: 'Applications',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
};

export const ALL_TABLES = [STREAMS_TABLE, SHARDS_TABLE, ACCESS_KEYS_TABLE, DELIVERY_STREAMS_TABLE, BUFFERS_TABLE, TRIGGERS_TABLE, APPLICATIONS_TABLE];
