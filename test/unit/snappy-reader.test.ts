/** The test-side Snappy readers themselves: they must reject what a real reader rejects. */
import { Compressor, compressSync } from 'snappy';
import { describe, expect, it } from 'vitest';
import { crc32c, maskedCrc32c, readHadoopSnappy, readSnappyFramed } from '../support/snappy-reader';

const text = Buffer.from('framed by someone else, '.repeat(10_000));

async function framedBySnappyPackage(data: Buffer): Promise<Buffer> {
  const c = new Compressor();
  return Buffer.concat([c.update(data), await c.finish()]);
}

function chunk(type: number, data: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header[0] = type;
  header.writeUIntLE(data.length, 1, 3);
  return Buffer.concat([header, data]);
}
const identifier = chunk(0xff, Buffer.from('sNaPpY'));
function withCrc(crc: number, data: Buffer): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(crc, 0);
  return Buffer.concat([b, data]);
}

describe('CRC-32C', () => {
  it('matches the published check value and the framing-format mask', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
    const crc = crc32c(Buffer.from('123456789'));
    expect(maskedCrc32c(Buffer.from('123456789'))).toBe((((crc >>> 15) | (crc << 17)) + 0xa282ead8) >>> 0);
  });
});

describe('Snappy framing reader', () => {
  it('reads what the snappy package frames, across several 64 KiB chunks', async () => {
    const framed = await framedBySnappyPackage(text);
    expect(readSnappyFramed(framed).equals(text)).toBe(true);
  });

  it('reads compressed and uncompressed chunks and skips padding', () => {
    const a = Buffer.from('hello, ');
    const b = Buffer.from('world');
    const stream = Buffer.concat([identifier, chunk(0x00, withCrc(maskedCrc32c(a), compressSync(a))), chunk(0xfe, Buffer.alloc(3)), chunk(0x01, withCrc(maskedCrc32c(b), b))]);
    expect(readSnappyFramed(stream).toString()).toBe('hello, world');
  });

  it('rejects a wrong checksum, a missing stream identifier, reserved chunk types and truncation', async () => {
    const a = Buffer.from('checked');
    expect(() => readSnappyFramed(Buffer.concat([identifier, chunk(0x01, withCrc(maskedCrc32c(a) ^ 1, a))]))).toThrow(/CRC mismatch/);
    expect(() => readSnappyFramed(Buffer.concat([identifier, chunk(0x01, withCrc(crc32c(a), a))]))).toThrow(/CRC mismatch/); // unmasked
    expect(() => readSnappyFramed(chunk(0x01, withCrc(maskedCrc32c(a), a)))).toThrow(/stream identifier/);
    expect(() => readSnappyFramed(Buffer.concat([identifier, chunk(0x02, a)]))).toThrow(/unskippable/);
    const framed = await framedBySnappyPackage(text);
    expect(() => readSnappyFramed(framed.subarray(0, framed.length - 1))).toThrow(/truncated/);
    const corrupted = Buffer.from(framed);
    corrupted[14] ^= 0xff; // the first chunk's stored checksum
    expect(() => readSnappyFramed(corrupted)).toThrow(/CRC mismatch/);
  });
});

describe('Hadoop Snappy reader', () => {
  const block = (parts: Buffer[]) => {
    const header = Buffer.alloc(4);
    header.writeUInt32BE(parts.reduce((n, p) => n + p.length, 0), 0);
    return Buffer.concat([
      header,
      ...parts.flatMap((p) => {
        const c = compressSync(p);
        const len = Buffer.alloc(4);
        len.writeUInt32BE(c.length, 0);
        return [len, c];
      }),
    ]);
  };

  it('reads blocks of one or several compressed chunks', () => {
    const stream = Buffer.concat([block([Buffer.from('one ')]), block([Buffer.from('two '), Buffer.from('three')])]);
    expect(readHadoopSnappy(stream).toString()).toBe('one two three');
  });

  it('rejects a block whose chunks do not add up to its length, and truncation', () => {
    const b = block([Buffer.from('abc')]);
    const lying = Buffer.from(b);
    lying.writeUInt32BE(2, 0);
    expect(() => readHadoopSnappy(lying)).toThrow(/declared 2 bytes/);
    expect(() => readHadoopSnappy(b.subarray(0, b.length - 1))).toThrow(/truncated/);
  });
});
