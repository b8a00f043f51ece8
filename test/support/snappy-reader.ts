/**
 * Readers for the two Snappy container formats Firehose writes, independent of Runnel's writer:
 * raw Snappy blocks are decoded by the `snappy` npm package (Rust, napi-rs), and the framing around
 * them is parsed here from the format descriptions, with a CRC-32C of our own.
 *
 * Snappy framing format (https://github.com/google/snappy/blob/main/framing_format.txt): chunks of
 * 1 type byte, 3-byte little-endian length, then data. 0xff is the stream identifier ("sNaPpY",
 * first and possibly repeated), 0x00 a compressed chunk and 0x01 an uncompressed one (both start
 * with the masked CRC-32C of the uncompressed data, little-endian; at most 65,536 bytes once
 * uncompressed), 0x02–0x7f reserved unskippable (an error), 0x80–0xfe skippable.
 *
 * Hadoop's BlockCompressorStream: per block, the 4-byte big-endian uncompressed length, then
 * chunks of 4-byte big-endian compressed length and a raw Snappy block, until the chunks add up to
 * the block's length.
 */
import { uncompressSync } from 'snappy';

const CRC32C_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
    table[i] = c >>> 0;
  }
  return table;
})();

/** CRC-32C (Castagnoli), reflected, init and final xor 0xffffffff. */
export function crc32c(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC32C_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** The framing format's mask: rotate right by 15 bits and add 0xa282ead8. */
export function maskedCrc32c(data: Uint8Array): number {
  const crc = crc32c(data);
  return (((crc >>> 15) | (crc << 17)) + 0xa282ead8) >>> 0;
}

const STREAM_ID = Buffer.from('sNaPpY');
const MAX_CHUNK = 65_536;

function rawBlock(compressed: Buffer): Buffer {
  return Buffer.from(uncompressSync(compressed) as Uint8Array);
}

export function readSnappyFramed(input: Buffer): Buffer {
  const out: Buffer[] = [];
  let at = 0;
  let sawIdentifier = false;
  while (at < input.length) {
    if (at + 4 > input.length) throw new Error(`truncated chunk header at ${at}`);
    const type = input[at];
    const length = input.readUIntLE(at + 1, 3);
    const data = input.subarray(at + 4, at + 4 + length);
    if (data.length !== length) throw new Error(`truncated chunk at ${at}: ${data.length} of ${length} bytes`);
    if (!sawIdentifier && type !== 0xff) throw new Error(`stream does not start with a stream identifier (chunk type 0x${type.toString(16)})`);
    if (type === 0xff) {
      if (!data.equals(STREAM_ID)) throw new Error(`bad stream identifier at ${at}`);
      sawIdentifier = true;
    } else if (type === 0x00 || type === 0x01) {
      if (length < 4) throw new Error(`chunk at ${at} is too short for its checksum`);
      const expected = data.readUInt32LE(0);
      const payload = type === 0x00 ? rawBlock(data.subarray(4)) : Buffer.from(data.subarray(4));
      if (payload.length > MAX_CHUNK) throw new Error(`chunk at ${at} holds ${payload.length} bytes, more than ${MAX_CHUNK}`);
      const actual = maskedCrc32c(payload);
      if (actual !== expected) throw new Error(`CRC mismatch in chunk at ${at}: stored ${expected.toString(16)}, computed ${actual.toString(16)}`);
      out.push(payload);
    } else if (type <= 0x7f) {
      throw new Error(`reserved unskippable chunk type 0x${type.toString(16)} at ${at}`);
    }
    at += 4 + length;
  }
  if (!sawIdentifier) throw new Error('empty stream: no stream identifier');
  return Buffer.concat(out);
}

export function readHadoopSnappy(input: Buffer): Buffer {
  const out: Buffer[] = [];
  let at = 0;
  while (at < input.length) {
    if (at + 4 > input.length) throw new Error(`truncated block header at ${at}`);
    const blockLength = input.readUInt32BE(at);
    at += 4;
    let got = 0;
    while (got < blockLength) {
      if (at + 4 > input.length) throw new Error(`truncated chunk header at ${at}`);
      const compressedLength = input.readUInt32BE(at);
      const compressed = input.subarray(at + 4, at + 4 + compressedLength);
      if (compressed.length !== compressedLength) throw new Error(`truncated chunk at ${at}`);
      const chunk = rawBlock(compressed);
      out.push(chunk);
      got += chunk.length;
      at += 4 + compressedLength;
    }
    if (got !== blockLength) throw new Error(`block declared ${blockLength} bytes but its chunks hold ${got}`);
  }
  return Buffer.concat(out);
}
