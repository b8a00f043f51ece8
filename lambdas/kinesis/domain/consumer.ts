/**
 * Registered stream consumers (enhanced fan-out). A consumer belongs to one incarnation of a stream
 * (its stream id): a consumer of a deleted stream never reappears under a re-created one.
 *
 * Its ARN is the stream's with `/consumer/<name>:<creation epoch seconds>`, as AWS forms it, so a
 * consumer deregistered and registered again (in a later second) gets a new ARN. At most 20 are
 * registered per stream and at most 5 are CREATING at once; when concurrent registrations overshoot
 * a limit, the earliest registrations (by time, then name) are the ones that stay.
 */
import type { Consumer, ConsumerDescription } from '@aws-sdk/client-kinesis';

export type ConsumerStatus = 'CREATING' | 'ACTIVE' | 'DELETING';

export interface ConsumerItem {
  pk: string;
  /** The consumer's name. */
  sk: string;
  arn: string;
  streamArn: string;
  status: ConsumerStatus;
  createdAt: number;
  tags: Record<string, string>;
  /** Resource policy document (JSON text). */
  policy?: string;
}

export const MAX_CONSUMERS = 20;
export const MAX_CREATING_CONSUMERS = 5;

export function consumerArn(streamArn: string, name: string, createdAt: number): string {
  return `${streamArn}/consumer/${name}:${Math.floor(createdAt / 1000)}`;
}

const ARN = /^(arn:aws[^:]*:kinesis:([^:]+):(\d{12}):stream\/([a-zA-Z0-9_.-]+))\/consumer\/([a-zA-Z0-9_.-]+):(\d+)$/;

export interface ParsedConsumerArn {
  streamArn: string;
  region: string;
  account: string;
  stream: string;
  name: string;
  createdSeconds: number;
}

/** The parts of a consumer ARN; undefined for anything else. */
export function parseConsumerArn(arn: string): ParsedConsumerArn | undefined {
  const m = ARN.exec(arn);
  return m ? { streamArn: m[1], region: m[2], account: m[3], stream: m[4], name: m[5], createdSeconds: Number(m[6]) } : undefined;
}

export function isConsumerArn(arn: string): boolean {
  return /:stream\/[^/]+\/consumer\//.test(arn);
}

/** The registration order that decides which consumers a limit keeps. */
function registrationOrder(a: ConsumerItem, b: ConsumerItem): number {
  return a.createdAt - b.createdAt || (a.sk < b.sk ? -1 : a.sk > b.sk ? 1 : 0);
}

/** Which limit, if any, `name`'s registration broke, judged on every consumer now stored (its own included). */
export function brokenLimit(consumers: ConsumerItem[], name: string): 'consumers' | 'creating' | undefined {
  const ordered = [...consumers].sort(registrationOrder);
  if (!ordered.slice(0, MAX_CONSUMERS).some((c) => c.sk === name)) return 'consumers';
  const creating = ordered.filter((c) => c.status === 'CREATING');
  if (creating.some((c) => c.sk === name) && !creating.slice(0, MAX_CREATING_CONSUMERS).some((c) => c.sk === name)) return 'creating';
  return undefined;
}

export function describeConsumer(c: ConsumerItem): Consumer {
  return { ConsumerName: c.sk, ConsumerARN: c.arn, ConsumerStatus: c.status, ConsumerCreationTimestamp: new Date(c.createdAt) };
}

export function describeConsumerWithStream(c: ConsumerItem): ConsumerDescription {
  return { ...describeConsumer(c), StreamARN: c.streamArn };
}
