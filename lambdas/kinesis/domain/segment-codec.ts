/**
 * A segment packs the records one request wrote to one shard into one binary value, so DynamoDB
 * bills the request by its bytes rather than per record. Layout per record, no padding:
 *   u16 partition-key length | partition key (UTF-8) | u32 data length | data
 */
export interface PackedRecord {
  partitionKey: string;
  data: Uint8Array;
}

export function encodeSegment(records: PackedRecord[]): Buffer {
  const keys = records.map((r) => Buffer.from(r.partitionKey, 'utf8'));
  const size = records.reduce((n, r, i) => n + 6 + keys[i].length + r.data.byteLength, 0);
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  records.forEach((r, i) => {
    at = out.writeUInt16BE(keys[i].length, at);
    at += keys[i].copy(out, at);
    at = out.writeUInt32BE(r.data.byteLength, at);
    out.set(r.data, at);
    at += r.data.byteLength;
  });
  return out;
}

export function decodeSegment(buf: Uint8Array): PackedRecord[] {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const records: PackedRecord[] = [];
  let at = 0;
  while (at < b.length) {
    const keyLength = b.readUInt16BE(at);
    const partitionKey = b.toString('utf8', at + 2, at + 2 + keyLength);
    at += 2 + keyLength;
    const dataLength = b.readUInt32BE(at);
    at += 4;
    records.push({ partitionKey, data: b.subarray(at, at + dataLength) });
    at += dataLength;
  }
  return records;
}

/** Bytes a record counts against quotas and the record size limit: data plus UTF-8 partition key. */
export function recordSize(r: PackedRecord): number {
  return r.data.byteLength + Buffer.byteLength(r.partitionKey, 'utf8');
}
