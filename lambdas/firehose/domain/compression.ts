/**
 * Object compression for the S3 destination. GZIP uses zlib and ZIP fflate; both Snappy formats
 * use snappyjs (pure JavaScript, so the Lambda bundle carries no native binary) for the blocks
 * and frame them as their readers expect: SNAPPY in the
 * Snappy framing format (stream identifier, CRC32C-checked chunks of up to 64 KiB), HADOOP_SNAPPY
 * in Hadoop's block format (big-endian lengths around each compressed block).
 */
import { gzipSync } from 'node:zlib';
import { crc32c } from '@aws-crypto/crc32c';
import { zipSync } from 'fflate';
import { compress as snappyBlock } from 'snappyjs';
import type { S3Destination } from './delivery-stream';

type Format = S3Destination['CompressionFormat'];

export const EXTENSIONS: Record<Format, string> = {
  UNCOMPRESSED: '',
  GZIP: '.gz',
  ZIP: '.zip',
  Snappy: '.snappy',
  HADOOP_SNAPPY: '.hsnappy',
};

const FRAME_CHUNK = 65_536;
const HADOOP_BLOCK = 256 * 1024;
const STREAM_IDENTIFIER = Buffer.from([0xff, 0x06, 0x00, 0x00, 0x73, 0x4e, 0x61, 0x50, 0x70, 0x59]);

/** The masked CRC32C the framing format stores. */
function maskedCrc(data: Uint8Array): number {
  const crc = crc32c(data) >>> 0;
  return (((crc >>> 15) | (crc << 17)) + 0xa282ead8) >>> 0;
}

function snappyFramed(data: Buffer): Buffer {
  const parts: Buffer[] = [STREAM_IDENTIFIER];
  for (let at = 0; at < data.length; at += FRAME_CHUNK) {
    const chunk = data.subarray(at, at + FRAME_CHUNK);
    const compressed = Buffer.from(snappyBlock(chunk));
    const header = Buffer.alloc(8);
    header[0] = 0x00;
    header.writeUIntLE(compressed.length + 4, 1, 3);
    header.writeUInt32LE(maskedCrc(chunk), 4);
    parts.push(header, compressed);
  }
  return Buffer.concat(parts);
}

function hadoopSnappy(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let at = 0; at < data.length; at += HADOOP_BLOCK) {
    const block = data.subarray(at, at + HADOOP_BLOCK);
    const compressed = Buffer.from(snappyBlock(block));
    const header = Buffer.alloc(8);
    header.writeUInt32BE(block.length, 0);
    header.writeUInt32BE(compressed.length, 4);
    parts.push(header, compressed);
  }
  return Buffer.concat(parts);
}

/** Compresses an object's content; ZIP archives hold one entry named like the object. */
export function compress(format: Format, data: Buffer, entryName: string): Buffer {
  switch (format) {
    case 'GZIP':
      return gzipSync(data);
    case 'ZIP':
      return Buffer.from(zipSync({ [entryName]: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) }));
    case 'Snappy':
      return snappyFramed(data);
    case 'HADOOP_SNAPPY':
      return hadoopSnappy(data);
    default:
      return data;
  }
}
