/**
 * Hostile requests for every operation of a service model: inputs generated from the operation's
 * shapes (valid-looking values, edge values, wrong types), then mutated as an attacker or a broken
 * client would: dropped or retyped members, truncated and bit-flipped bodies, invalid UTF-8, deep
 * nesting, huge numbers, duplicate keys, declared-huge CBOR lengths, odd content types and targets.
 */
import fc from 'fast-check';
import { Encoder } from 'cbor-x';
import type { ServiceModel, Shape } from '../../lambdas/protocol/service-model';

export interface FuzzRequest {
  operation: string;
  target: string;
  contentType: string | undefined;
  body: Buffer;
  http2: boolean;
  mutation: string;
}

/** Names that exist during the run, so some requests reach real resources. */
export const FUZZ_NAMES = ['fz-a', 'fz-b', 'fz-ds'];
const ACCOUNT = '000000000000';
const cbor = new Encoder({ useRecords: false, tagUint8Array: false });

function stringArb(shape: Shape): fc.Arbitrary<string> {
  const known = [
    ...FUZZ_NAMES,
    ...FUZZ_NAMES.map((n) => `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/${n}`),
    `arn:aws:firehose:us-east-1:${ACCOUNT}:deliverystream/fz-ds`,
    'shardId-000000000000',
    'shardId-000000000001',
    '49590338271490256608559692538361571095921575989136588898',
    '170141183460469231731687303715884105728',
    `arn:aws:iam::${ACCOUNT}:role/r`,
    'arn:aws:s3:::fuzz-bucket',
  ];
  return fc.oneof(
    { weight: 4, arbitrary: shape.enum ? fc.constantFrom(...shape.enum) : fc.constantFrom(...known) },
    { weight: 2, arbitrary: fc.string({ maxLength: 24 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 64 }) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 20_000 }).map((n) => 'x'.repeat(n)) },
    { weight: 1, arbitrary: fc.constantFrom('', '%', '\u0000', '\ud800', '../../etc', '${jndi:x}', '!{timestamp:yyyy}', 'a'.repeat(129)) },
  );
}

function numberArb(shape: Shape): fc.Arbitrary<number> {
  const [lo, hi] = shape.range ?? [null, null];
  const min = Math.max(lo ?? -5, -1e9);
  const inRange = fc.integer({ min, max: Math.max(min, Math.min(hi ?? 1_000, min + 2_000)) });
  const edges = fc.constantFrom(0, -1, 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 1, 1e308, -1e308, 1.5, 5e-324);
  return fc.oneof({ weight: 4, arbitrary: inRange }, { weight: 2, arbitrary: edges }, { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) });
}

const base64Arb = fc.oneof(
  { weight: 4, arbitrary: fc.uint8Array({ maxLength: 256 }).map((b) => Buffer.from(b).toString('base64')) },
  { weight: 1, arbitrary: fc.constantFrom('abc', '@@@@', 'YQ=', 'YQ==YQ==', 'Y Q==', '====', 'YR==') },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

/** An input value for `shape`, as JSON would carry it (base64 blobs, epoch-second timestamps). */
export function valueArb(model: ServiceModel, shapeName: string, depth = 0): fc.Arbitrary<unknown> {
  const shape = model.shapes[shapeName];
  if (depth > 6) return fc.constant(null);
  switch (shape.type) {
    case 'structure': {
      const members = Object.entries(shape.members ?? {});
      const record = Object.fromEntries(members.map(([n, m]) => [n, valueArb(model, m.target, depth + 1)]));
      return fc.record(record, { requiredKeys: members.filter(([, m]) => m.required).map(([n]) => n) });
    }
    case 'list':
      return fc.array(valueArb(model, shape.member!, depth + 1), { maxLength: 4 });
    case 'map':
      return fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('k', 'team', 'aws:x')), valueArb(model, shape.value!, depth + 1), { maxKeys: 4 });
    case 'string':
      return stringArb(shape);
    case 'boolean':
      return fc.boolean();
    case 'integer':
    case 'long':
    case 'double':
      return numberArb(shape);
    case 'timestamp':
      return fc.oneof(fc.integer({ min: 1_600_000_000, max: 1_900_000_000 }), fc.constantFrom(0, -1, 1e20, -1e20, 8.64e12, 1e308, 0.001));
    case 'blob':
      return base64Arb;
  }
}

type Mutation = (body: Buffer, rand: number) => Buffer;
const at = (b: Buffer, r: number) => Math.floor(r * Math.max(b.length, 1));
const MUTATIONS: Record<string, Mutation> = {
  none: (b) => b,
  truncate: (b, r) => b.subarray(0, at(b, r)),
  flip: (b, r) => {
    const c = Buffer.from(b);
    if (c.length) c[at(c, r)] ^= 1 << Math.floor(r * 8);
    return c;
  },
  invalidUtf8: (b, r) => Buffer.concat([b.subarray(0, at(b, r)), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), b.subarray(at(b, r))]),
  deepArray: (_b, r) => Buffer.from('['.repeat(1 + Math.floor(r * 200_000)) + ']'.repeat(1 + Math.floor(r * 200_000))),
  deepMember: (b, r) => {
    const n = 1 + Math.floor(r * 100_000);
    return Buffer.from(b.toString().replace(/^\{/, `{"StreamName":${'{"a":'.repeat(n)}1${'}'.repeat(n)},`));
  },
  hugeNumber: (b, r) => Buffer.from(b.toString().replace(/\d+/, r < 0.5 ? '1' + '0'.repeat(400) : '1e999999')),
  duplicateKeys: (b) => Buffer.from(b.toString().replace(/^\{/, '{"StreamName":"fz-a","StreamName":"fz-b","DeliveryStreamName":"x",')),
  hugeCborLength: (_b, r) => Buffer.from([0xbf, 0x63, 0x61, 0x62, 0x63, r < 0.5 ? 0x9b : 0x5b, 0, 0, 0, 1, 0, 0, 0, 0, 0xff]),
};

/** A request for one of the model's operations, mutated or not. */
export function requestArb(model: ServiceModel): fc.Arbitrary<FuzzRequest> {
  const operations = Object.keys(model.operations);
  return fc
    .constantFrom(...operations)
    .chain((operation) => {
      const input = model.operations[operation].input;
      return fc.record({
        operation: fc.constant(operation),
        value: input ? valueArb(model, input) : fc.constant({}),
        retype: fc.option(fc.tuple(fc.nat(), fc.jsonValue({ maxDepth: 3 })), { freq: 4 }),
        mutation: fc.constantFrom(...Object.keys(MUTATIONS)),
        rand: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        cbor: fc.boolean(),
        contentType: fc.oneof({ weight: 8, arbitrary: fc.constant('own') }, { weight: 1, arbitrary: fc.constantFrom('application/json', 'text/plain', 'application/x-amz-json-1.0', undefined) }),
        target: fc.oneof({ weight: 8, arbitrary: fc.constant(`${model.targetPrefix}.${operation}`) }, { weight: 1, arbitrary: fc.constantFrom(`${model.targetPrefix}.`, `${model.targetPrefix}.${operation.toLowerCase()}`, 'Nope.PutRecord', '') }),
        http2: fc.boolean(),
      });
    })
    .map(({ operation, value, retype, mutation, rand, cbor: useCbor, contentType, target, http2 }) => {
      const fields = { ...(value as Record<string, unknown>) };
      const keys = Object.keys(fields);
      if (retype && keys.length) {
        const key = keys[retype[0] % keys.length];
        if (retype[0] % 3 === 0) delete fields[key];
        else fields[key] = retype[1];
      }
      // Kinesis also speaks CBOR; blobs there are byte strings.
      const asCbor = useCbor && model.targetPrefix.startsWith('Kinesis');
      const encoded = asCbor ? Buffer.from(cbor.encode(fields)) : Buffer.from(JSON.stringify(fields));
      const ownType = asCbor ? 'application/x-amz-cbor-1.1' : 'application/x-amz-json-1.1';
      return { operation, target, contentType: contentType === 'own' ? ownType : contentType, body: MUTATIONS[mutation](encoded, rand), http2, mutation };
    });
}
