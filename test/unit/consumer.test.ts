import { describe, expect, it } from 'vitest';
import { brokenLimit, consumerArn, parseConsumerArn, type ConsumerItem } from '../../lambdas/kinesis/domain/consumer';

const STREAM = 'arn:aws:kinesis:eu-west-1:123456789012:stream/orders';
const consumer = (name: string, createdAt: number, status: ConsumerItem['status'] = 'ACTIVE'): ConsumerItem => ({
  pk: 'p',
  sk: name,
  arn: consumerArn(STREAM, name, createdAt),
  streamArn: STREAM,
  status,
  createdAt,
  tags: {},
});

describe('consumer ARNs', () => {
  it('are the stream ARN with /consumer/<name>:<creation epoch seconds>, and parse back', () => {
    const arn = consumerArn(STREAM, 'app-1', 1_700_000_123_456);
    expect(arn).toBe('arn:aws:kinesis:eu-west-1:123456789012:stream/orders/consumer/app-1:1700000123');
    expect(parseConsumerArn(arn)).toEqual({ streamArn: STREAM, region: 'eu-west-1', account: '123456789012', stream: 'orders', name: 'app-1', createdSeconds: 1_700_000_123 });
    expect(parseConsumerArn(STREAM)).toBeUndefined();
  });
});

describe('consumer limits', () => {
  it('keeps the 20 earliest registrations (by time, then name) when concurrent ones overshoot', () => {
    const stored = Array.from({ length: 21 }, (_, i) => consumer(`c${String(i).padStart(2, '0')}`, 1000 + i));
    expect(brokenLimit(stored, 'c20')).toBe('consumers');
    expect(brokenLimit(stored, 'c19')).toBeUndefined();
    const tie = [...stored.slice(0, 19), consumer('b', 5000), consumer('a', 5000)];
    expect(brokenLimit(tie, 'b')).toBe('consumers');
    expect(brokenLimit(tie, 'a')).toBeUndefined();
  });

  it('keeps at most 5 CREATING, judged among the CREATING ones only', () => {
    const stored = [consumer('old', 1, 'ACTIVE'), ...Array.from({ length: 6 }, (_, i) => consumer(`new${i}`, 10 + i, 'CREATING'))];
    expect(brokenLimit(stored, 'new4')).toBeUndefined();
    expect(brokenLimit(stored, 'new5')).toBe('creating');
  });
});
