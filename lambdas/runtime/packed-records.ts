/**
 * Packs many keyed records into one binary value, so DynamoDB bills a request by its bytes rather
 * than per record. Kinesis segments key records by partition key, Firehose buffer items by record
 * id. Layout per record, no padding:
 *   u16 key length | key (UTF-8) | u32 data length | data
 */
export interface PackedRecord {
  key: string;
  data: Uint8Array;
}

export function encodePacked(records: PackedRecord[]): Buffer {
  const keys = records.map((r) => Buffer.from(r.key, 'utf8'));
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

export function decodePacked(buf: Uint8Array): PackedRecord[] {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const records: PackedRecord[] = [];
  let at = 0;
  while (at < b.length) {
    const keyLength = b.readUInt16BE(at);
    const key = b.toString('utf8', at + 2, at + 2 + keyLength);
    at += 2 + keyLength;
    const dataLength = b.readUInt32BE(at);
    at += 4;
    records.push({ key, data: b.subarray(at, at + dataLength) });
    at += dataLength;
  }
  return records;
}
