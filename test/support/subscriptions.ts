/** Enhanced fan-out with the stock client: registering consumers and reading SubscribeToShard event streams. */
import {
  DescribeStreamConsumerCommand,
  DescribeStreamSummaryCommand,
  RegisterStreamConsumerCommand,
  SubscribeToShardCommand,
  type KinesisClient,
  type StartingPosition,
  type SubscribeToShardEvent,
  type SubscribeToShardEventStream,
} from '@aws-sdk/client-kinesis';
import { expect } from 'vitest';
import { eventually } from './eventually';

export async function streamArnOf(kinesis: KinesisClient, name: string): Promise<string> {
  return (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }))).StreamDescriptionSummary!.StreamARN!;
}

/** Registers a consumer and waits until it is ACTIVE; returns its ARN. */
export async function activeConsumer(kinesis: KinesisClient, streamArn: string, name: string): Promise<string> {
  const { Consumer } = await kinesis.send(new RegisterStreamConsumerCommand({ StreamARN: streamArn, ConsumerName: name }));
  await eventually(async () => {
    const { ConsumerDescription } = await kinesis.send(new DescribeStreamConsumerCommand({ ConsumerARN: Consumer!.ConsumerARN }));
    expect(ConsumerDescription!.ConsumerStatus).toBe('ACTIVE');
  });
  return Consumer!.ConsumerARN!;
}

/** One SubscribeToShard event stream, read an event at a time. */
export class Subscription {
  private constructor(
    private readonly events: AsyncIterator<SubscribeToShardEventStream>,
    private readonly request: AbortController,
  ) {}

  static async open(kinesis: KinesisClient, consumerArn: string, shardId: string, position: StartingPosition): Promise<Subscription> {
    const request = new AbortController();
    const res = await kinesis.send(new SubscribeToShardCommand({ ConsumerARN: consumerArn, ShardId: shardId, StartingPosition: position }), { abortSignal: request.signal });
    return new Subscription(res.EventStream![Symbol.asyncIterator](), request);
  }

  /** The next event, or `end` when the stream ended cleanly; throws what the stream threw. */
  async next(timeoutMs = 15_000): Promise<SubscribeToShardEvent | 'end'> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no event within ${timeoutMs} ms`)), timeoutMs)));
    try {
      const r = await Promise.race([this.events.next(), timeout]);
      return r.done ? 'end' : r.value.SubscribeToShardEvent!;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Events until one satisfies `last` (included) or the stream ends. */
  async until(last: (e: SubscribeToShardEvent) => boolean, timeoutMs?: number): Promise<SubscribeToShardEvent[]> {
    const seen: SubscribeToShardEvent[] = [];
    for (;;) {
      const e = await this.next(timeoutMs);
      if (e === 'end') return seen;
      seen.push(e);
      if (last(e)) return seen;
    }
  }

  /** What the stream throws next, skipping events. */
  async failure(timeoutMs?: number): Promise<Error & { $metadata?: unknown }> {
    for (;;) {
      const e = await this.next(timeoutMs).catch((error: Error) => error);
      if (e instanceof Error) return e;
      if (e === 'end') throw new Error('the stream ended without an error');
    }
  }

  /** Hangs up, as a consumer that is done does: the server's subscription ends with the connection. */
  close(): void {
    this.request.abort();
  }
}

export const dataOf = (events: SubscribeToShardEvent[]) => events.flatMap((e) => e.Records!.map((r) => Buffer.from(r.Data!).toString()));
