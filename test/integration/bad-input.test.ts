/**
 * Every operation of every served API, fed empty, mistyped and out-of-range input: each must answer
 * with a 4xx AWS error body, never a 500, a crash or a hang.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firehoseService } from '../../lambdas/firehose/service';
import { kinesisService } from '../../lambdas/kinesis/service';
import type { ServiceModel, Shape } from '../../lambdas/protocol/service-model';
import { createActiveStream, credentials, startRunnel, type TestRunnel } from '../support/local';
import { signedPost } from '../support/raw';

let t: TestRunnel;
beforeAll(async () => {
  t = await startRunnel({ createDeliveryStreamMs: 0 });
  await createActiveStream(t.kinesis, 'fuzz', 1);
});
afterAll(() => t.stop());

/** A value of the right JSON type but nonsense content, so requests get past type checks. */
function plausible(model: ServiceModel, name: string, depth = 0): unknown {
  const shape: Shape = model.shapes[name];
  switch (shape.type) {
    case 'structure':
      return depth > 3 ? {} : Object.fromEntries(Object.entries(shape.members ?? {}).map(([m, def]) => [m, plausible(model, def.target, depth + 1)]));
    case 'list':
      return depth > 3 ? [] : [plausible(model, shape.member!, depth + 1)];
    case 'map':
      return { k: plausible(model, shape.value!, depth + 1) };
    case 'string':
      return shape.enum ? shape.enum[0] : name.includes('ARN') || name.includes('Arn') ? 'arn:aws:kinesis:us-east-1:000000000000:stream/fuzz' : 'fuzz';
    case 'boolean':
      return true;
    case 'integer':
    case 'long':
    case 'double':
      return shape.range?.[0] ?? 1;
    case 'timestamp':
      return 1_700_000_000;
    case 'blob':
      return 'AAAA';
  }
}

const bodies = (model: ServiceModel, input: string | null): [string, string][] => {
  const good = input ? (plausible(model, input) as Record<string, unknown>) : {};
  const wrongTypes = Object.fromEntries(Object.keys(good).map((k) => [k, { nested: [1, 'x'] }]));
  const huge = Object.fromEntries(Object.keys(good).map((k) => [k, typeof good[k] === 'number' ? 1e15 : typeof good[k] === 'string' ? 'x'.repeat(5000) : good[k]]));
  return [
    ['empty', '{}'],
    ['plausible', JSON.stringify(good)],
    ['wrong types', JSON.stringify(wrongTypes)],
    ['out of range', JSON.stringify(huge)],
    ['not an object', '[1,2,3]'],
    ['truncated', JSON.stringify(good).slice(0, 10)],
  ];
};

describe.each([
  ['Kinesis', kinesisService.model],
  ['Firehose', firehoseService.model],
])('%s', (_, model) => {
  it('answers bad input to every operation with an AWS-shaped 4xx', async () => {
    for (const [operation, { input }] of Object.entries(model.operations)) {
      for (const [label, body] of bodies(model, input)) {
        const res = await signedPost(t.runnel.url, { target: `${model.targetPrefix}.${operation}`, contentType: 'application/x-amz-json-1.1', body, credentials });
        const text = res.body.toString();
        const context = `${operation} with ${label} input: ${res.status} ${text.slice(0, 300)}`;
        expect(res.status, context).toBeLessThan(500);
        if (res.status >= 400) {
          const error = JSON.parse(text);
          expect(typeof error.__type, context).toBe('string');
          expect(res.headers['x-amzn-errortype'], context).toBe(error.__type);
        }
      }
    }
  });
});
