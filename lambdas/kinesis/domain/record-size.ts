/** Bytes a record counts against quotas and the record size limit: data plus UTF-8 partition key. */
export function recordSize(r: { data: Uint8Array; partitionKey: string }): number {
  return r.data.byteLength + Buffer.byteLength(r.partitionKey, 'utf8');
}
