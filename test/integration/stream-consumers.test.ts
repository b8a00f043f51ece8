/**
 * The consumer registry with the stock client: CREATING → ACTIVE → DELETING → gone as a workflow,
 * AWS's ARN form, ConsumerCount, the limits, paging, tags and policies on consumers, and DeleteStream
 * with consumers.
 */
import {
  DeleteStreamCommand,
  DeregisterStreamConsumerCommand,
  DescribeStreamConsumerCommand,
  DescribeStreamSummaryCommand,
  GetResourcePolicyCommand,
  KinesisClient,
  ListStreamConsumersCommand,
  ListTagsForResourceCommand,
  PutResourcePolicyCommand,
  RegisterStreamConsumerCommand,
  TagResourceCommand,
  UntagResourceCommand,
  paginateListStreamConsumers,
} from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSUMER_LIFECYCLE } from '../../lambdas/kinesis/workflows';
import { createActiveStream, credentials, expectAwsError, holdWorkflow, startRunnel, type TestRunnel } from '../support/local';
import { activeConsumer, streamArnOf } from '../support/subscriptions';

let t: TestRunnel;
let once: KinesisClient; // no SDK retries: the SDK retries LimitExceededException as a throttle
let now = Date.now();
beforeAll(async () => {
  t = await startRunnel({ createConsumerMs: 0, clock: () => now });
  once = new KinesisClient({ endpoint: t.runnel.url, region: 'us-east-1', credentials, maxAttempts: 1 });
});
afterAll(async () => {
  once.destroy();
  await t.stop();
});

const register = (StreamARN: string, ConsumerName: string, Tags?: Record<string, string>) => once.send(new RegisterStreamConsumerCommand({ StreamARN, ConsumerName, Tags }));
const consumerCount = async (name: string) => (await t.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }))).StreamDescriptionSummary!.ConsumerCount;

describe('lifecycle', () => {
  it('registers CREATING with AWS ARN form, becomes ACTIVE, counts in ConsumerCount, and goes DELETING then away', async () => {
    await createActiveStream(t.kinesis, 'life', 1);
    const arn = await streamArnOf(t.kinesis, 'life');
    const hold = holdWorkflow(t.runnel, CONSUMER_LIFECYCLE.name);
    const { Consumer } = await register(arn, 'app.v1_x-y');
    expect(Consumer).toEqual({
      ConsumerName: 'app.v1_x-y',
      ConsumerARN: `${arn}/consumer/app.v1_x-y:${Math.floor(now / 1000)}`,
      ConsumerStatus: 'CREATING',
      ConsumerCreationTimestamp: new Date(now),
    });
    expect(await consumerCount('life')).toBe(1);
    await hold.release();
    await t.runnel.workflows.idle();
    const described = (await t.kinesis.send(new DescribeStreamConsumerCommand({ StreamARN: arn, ConsumerName: 'app.v1_x-y' }))).ConsumerDescription;
    expect(described).toEqual({ ...Consumer, ConsumerStatus: 'ACTIVE', StreamARN: arn });

    const deleting = holdWorkflow(t.runnel, CONSUMER_LIFECYCLE.name);
    await t.kinesis.send(new DeregisterStreamConsumerCommand({ ConsumerARN: Consumer!.ConsumerARN }));
    expect((await t.kinesis.send(new DescribeStreamConsumerCommand({ ConsumerARN: Consumer!.ConsumerARN }))).ConsumerDescription!.ConsumerStatus).toBe('DELETING');
    await deleting.release();
    await t.runnel.workflows.idle();
    await expectAwsError(
      t.kinesis.send(new DescribeStreamConsumerCommand({ ConsumerARN: Consumer!.ConsumerARN })),
      'ResourceNotFoundException',
      `Consumer ${Consumer!.ConsumerARN} under account 000000000000 not found.`,
    );
    expect(await consumerCount('life')).toBe(0);
  });

  it('gives a consumer registered again under its name a new ARN; the old ARN is not found', async () => {
    const arn = await streamArnOf(t.kinesis, 'life');
    const first = await activeConsumer(t.kinesis, arn, 'again');
    await t.kinesis.send(new DeregisterStreamConsumerCommand({ StreamARN: arn, ConsumerName: 'again' }));
    await t.runnel.workflows.idle();
    now += 1000;
    const second = await activeConsumer(t.kinesis, arn, 'again');
    expect(second).not.toBe(first);
    await expectAwsError(t.kinesis.send(new DescribeStreamConsumerCommand({ ConsumerARN: first })), 'ResourceNotFoundException', `Consumer ${first} under account 000000000000 not found.`);
  });

  it('refuses a name already registered, and consumer references that are missing or disagree', async () => {
    const arn = await streamArnOf(t.kinesis, 'life');
    await expectAwsError(register(arn, 'again'), 'ResourceInUseException', 'Consumer again under stream life and account 000000000000 already exists.');
    await expectAwsError(t.kinesis.send(new DescribeStreamConsumerCommand({ StreamARN: arn })), 'InvalidArgumentException', 'ConsumerARN or both ConsumerName and StreamARN are required for this request.');
    const consumer = (await t.kinesis.send(new DescribeStreamConsumerCommand({ StreamARN: arn, ConsumerName: 'again' }))).ConsumerDescription!.ConsumerARN!;
    await expectAwsError(
      t.kinesis.send(new DescribeStreamConsumerCommand({ ConsumerARN: consumer, ConsumerName: 'other' })),
      'InvalidArgumentException',
      `ConsumerARN ${consumer} does not match the StreamARN and ConsumerName given with it.`,
    );
    await expectAwsError(register('arn:aws:kinesis:us-east-1:000000000000:stream/nope', 'c'), 'ResourceNotFoundException', 'Stream arn:aws:kinesis:us-east-1:000000000000:stream/nope under account 000000000000 not found.');
  });
});

describe('limits and paging', () => {
  it('allows 5 consumers CREATING at once and 20 per stream, with LimitExceededException beyond', async () => {
    await createActiveStream(t.kinesis, 'many', 1);
    const arn = await streamArnOf(t.kinesis, 'many');
    const hold = holdWorkflow(t.runnel, CONSUMER_LIFECYCLE.name);
    for (let i = 0; i < 5; i++) await register(arn, `c${String(i).padStart(2, '0')}`);
    await expectAwsError(register(arn, 'c05'), 'LimitExceededException', 'Stream many under account 000000000000 already has 5 consumers in CREATING status, the limit.');
    await hold.release();
    await t.runnel.workflows.idle();
    for (let i = 5; i < 20; i++) await register(arn, `c${String(i).padStart(2, '0')}`);
    await expectAwsError(register(arn, 'c20'), 'LimitExceededException', 'Stream many under account 000000000000 already has 20 registered consumers, the limit.');
    expect(await consumerCount('many')).toBe(20);
  });

  it('lists consumers in name order, pages with MaxResults and NextToken (the SDK paginator works), and expires tokens after 300 s', async () => {
    const arn = await streamArnOf(t.kinesis, 'many');
    const page = await t.kinesis.send(new ListStreamConsumersCommand({ StreamARN: arn, MaxResults: 7 }));
    expect(page.Consumers!.map((c) => c.ConsumerName)).toEqual(['c00', 'c01', 'c02', 'c03', 'c04', 'c05', 'c06']);
    const names: string[] = [];
    for await (const p of paginateListStreamConsumers({ client: t.kinesis, pageSize: 6 }, { StreamARN: arn })) names.push(...p.Consumers!.map((c) => c.ConsumerName!));
    expect(names).toEqual(Array.from({ length: 20 }, (_, i) => `c${String(i).padStart(2, '0')}`));
    now += 301_000;
    await expectAwsError(t.kinesis.send(new ListStreamConsumersCommand({ StreamARN: arn, NextToken: page.NextToken })), 'ExpiredNextTokenException', `The token ${page.NextToken} has expired.`);
  });

  it('lists nothing for a StreamCreationTimestamp of another incarnation of the stream', async () => {
    const arn = await streamArnOf(t.kinesis, 'many');
    await expectAwsError(
      t.kinesis.send(new ListStreamConsumersCommand({ StreamARN: arn, StreamCreationTimestamp: new Date(0) })),
      'ResourceNotFoundException',
      `Stream ${arn} under account 000000000000 not found.`,
    );
  });
});

describe('tags and policies', () => {
  it('tags a consumer at registration and through the ARN-based tag operations', async () => {
    await createActiveStream(t.kinesis, 'tagged', 1);
    const arn = await streamArnOf(t.kinesis, 'tagged');
    const { Consumer } = await register(arn, 'c', { team: 'shop' });
    const tags = async () => (await t.kinesis.send(new ListTagsForResourceCommand({ ResourceARN: Consumer!.ConsumerARN }))).Tags;
    expect(await tags()).toEqual([{ Key: 'team', Value: 'shop' }]);
    await t.kinesis.send(new TagResourceCommand({ ResourceARN: Consumer!.ConsumerARN, Tags: { env: 'prod' } }));
    await t.kinesis.send(new UntagResourceCommand({ ResourceARN: Consumer!.ConsumerARN, TagKeys: ['team'] }));
    expect(await tags()).toEqual([{ Key: 'env', Value: 'prod' }]);
    expect((await t.kinesis.send(new ListTagsForResourceCommand({ ResourceARN: arn }))).Tags).toEqual([]);
  });

  it('keeps a resource policy on an ACTIVE consumer and refuses one while it is CREATING', async () => {
    const arn = await streamArnOf(t.kinesis, 'tagged');
    const hold = holdWorkflow(t.runnel, CONSUMER_LIFECYCLE.name);
    const { Consumer } = await register(arn, 'early');
    await expectAwsError(
      t.kinesis.send(new PutResourcePolicyCommand({ ResourceARN: Consumer!.ConsumerARN, Policy: '{"Version":"2012-10-17"}' })),
      'ResourceInUseException',
      `Consumer early with creation timestamp ${Math.floor(now / 1000)} under stream tagged and account 000000000000 is not in ACTIVE status.`,
    );
    await hold.release();
    await t.runnel.workflows.idle();
    await t.kinesis.send(new PutResourcePolicyCommand({ ResourceARN: Consumer!.ConsumerARN, Policy: '{"Version":"2012-10-17"}' }));
    expect((await t.kinesis.send(new GetResourcePolicyCommand({ ResourceARN: Consumer!.ConsumerARN }))).Policy).toBe('{"Version":"2012-10-17"}');
    expect((await t.kinesis.send(new GetResourcePolicyCommand({ ResourceARN: arn }))).Policy).toBe('{}');
  });
});

describe('DeleteStream with consumers', () => {
  it('refuses without EnforceConsumerDeletion, with AWS text; with it, deletes the stream and its consumers', async () => {
    await createActiveStream(t.kinesis, 'held', 1);
    const arn = await streamArnOf(t.kinesis, 'held');
    const consumer = await activeConsumer(t.kinesis, arn, 'c');
    await expectAwsError(
      t.kinesis.send(new DeleteStreamCommand({ StreamName: 'held' })),
      'ResourceInUseException',
      "DeleteStream can't delete 000000000000:held because there are consumers associated with this data stream. To delete held anyway, set the EnforceConsumerDeletion parameter to true to force the deletion of all the consumers that are associated with it.",
    );
    await t.kinesis.send(new DeleteStreamCommand({ StreamARN: arn, EnforceConsumerDeletion: true }));
    await t.runnel.workflows.idle();
    await createActiveStream(t.kinesis, 'held', 1);
    expect(await consumerCount('held')).toBe(0);
    await expectAwsError(t.kinesis.send(new DescribeStreamConsumerCommand({ ConsumerARN: consumer })), 'ResourceNotFoundException', `Consumer ${consumer} under account 000000000000 not found.`);
  });
});
