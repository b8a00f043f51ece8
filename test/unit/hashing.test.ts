import { describe, expect, it } from 'vitest';
import { MAX_HASH_KEY, partitionKeyToHashKey } from '../../lambdas/kinesis/domain/hash-key';
import { uniformRanges } from '../../lambdas/kinesis/domain/shard-ranges';

const vectors: [string, string, number[]][] = [
  ['a', '16955237001963240173058271559858726497', [0, 0, 0, 0]],
  ['1', '261578874264819908609102035485573088411', [0, 1, 2, 3]],
  ['hello', '123957004363873451094272536567338222994', [0, 0, 1, 1]],
  ['partition-key', '171922231538597478840392253176536055210', [0, 1, 1, 2]],
];

describe('partition key hashing', () => {
  it.each(vectors)('hashes %s as AWS does and routes it to the right shard', (key, hash, shards) => {
    const h = partitionKeyToHashKey(key);
    expect(h.toString()).toBe(hash);
    for (let n = 1; n <= 4; n++) {
      const index = uniformRanges(n).findIndex((r) => r.start <= h && h <= r.end);
      expect(index).toBe(shards[n - 1]);
    }
  });

  // Expected values: MD5 of the key's UTF-8 bytes, read as a big-endian integer, computed outside
  // Node (Python's hashlib over str.encode('utf-8')). Hashing Latin-1 or UTF-16 bytes, or
  // normalizing the key first, gives other numbers.
  it.each([
    ['é', 'c3a9', '136732923097551493579404309126273812335'],
    ['e\u0301', '65cc81', '113184407279212601134923159648152365063'],
    ['ключ-€', 'd0bad0bbd18ed1872de282ac', '318382563839109165766287810478971477443'],
    ['日本語', 'e697a5e69cace8aa9e', '88491575051939950596574576699976684'],
  ])('hashes the UTF-8 bytes of the non-ASCII key %s (%s)', (key, utf8Hex, hash) => {
    expect(Buffer.from(key, 'utf8').toString('hex')).toBe(utf8Hex);
    expect(partitionKeyToHashKey(key).toString()).toBe(hash);
  });
});

describe('uniform hash ranges', () => {
  it('lays out 1 to 4 shards exactly as AWS does', () => {
    const str = (n: number) => uniformRanges(n).map((r) => [r.start.toString(), r.end.toString()]);
    expect(str(1)).toEqual([['0', '340282366920938463463374607431768211455']]);
    expect(str(2)).toEqual([
      ['0', '170141183460469231731687303715884105727'],
      ['170141183460469231731687303715884105728', '340282366920938463463374607431768211455'],
    ]);
    expect(str(3)).toEqual([
      ['0', '113427455640312821154458202477256070484'],
      ['113427455640312821154458202477256070485', '226854911280625642308916404954512140969'],
      ['226854911280625642308916404954512140970', '340282366920938463463374607431768211455'],
    ]);
    expect(str(4)).toEqual([
      ['0', '85070591730234615865843651857942052863'],
      ['85070591730234615865843651857942052864', '170141183460469231731687303715884105727'],
      ['170141183460469231731687303715884105728', '255211775190703847597530955573826158591'],
      ['255211775190703847597530955573826158592', '340282366920938463463374607431768211455'],
    ]);
  });

  it('tiles the whole key space without gaps for a large shard count', () => {
    const n = 10_000;
    const ranges = uniformRanges(n);
    const width = (MAX_HASH_KEY + 1n) / BigInt(n);
    expect(ranges[0].start).toBe(0n);
    expect(ranges[n - 1].end).toBe(MAX_HASH_KEY);
    for (let i = 1; i < n; i++) expect(ranges[i].start).toBe(ranges[i - 1].end + 1n);
    for (let i = 0; i < n - 1; i++) expect(ranges[i].end - ranges[i].start + 1n).toBe(width);
    expect(ranges[n - 1].end - ranges[n - 1].start + 1n).toBe(width + ((MAX_HASH_KEY + 1n) % BigInt(n)));
  });
});
