/** Starts a real local Runnel (dynalite, s3rver, workflow runner) and a stock SDK client for it. */
import { CreateStreamCommand, DescribeStreamSummaryCommand, KinesisClient } from '@aws-sdk/client-kinesis';
import { expect } from 'vitest';
import { startLocal, type LocalOptions, type LocalRunnel } from '../../lambdas/local/host';
import { eventually } from './eventually';

export const credentials = { accessKeyId: 'AKIDRUNNELTEST', secretAccessKey: 'secret' };

export interface TestRunnel {
  runnel: LocalRunnel;
  kinesis: KinesisClient;
  stop(): Promise<void>;
}

/**
 * Quotas are off unless a test turns them on: tests poll far faster than real consumers, and the
 * quota tests check throttling on purpose.
 */
export async function startRunnel(opts: LocalOptions = {}): Promise<TestRunnel> {
  const runnel = await startLocal({ port: 0, s3Port: 0, createStreamMs: 0, updateStreamMs: 0, quotas: false, ...opts });
  // The stock client, unmodified: HTTP/2 (h2c) to an http:// endpoint.
  const kinesis = new KinesisClient({ endpoint: runnel.url, region: 'us-east-1', credentials });
  return {
    runnel,
    kinesis,
    stop: async () => {
      kinesis.destroy();
      await runnel.stop();
    },
  };
}

export async function waitForStatus(kinesis: KinesisClient, name: string, status: string): Promise<void> {
  await eventually(async () => {
    const s = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name })).catch((e: Error) => ({ error: e.name }));
    const seen = 'error' in s ? s.error : s.StreamDescriptionSummary?.StreamStatus;
    expect(seen, `status of stream ${name}`).toBe(status);
  });
}

export async function createActiveStream(kinesis: KinesisClient, name: string, shardCount = 1): Promise<void> {
  await kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: shardCount }));
  await waitForStatus(kinesis, name, 'ACTIVE');
}

/** Asserts an AWS error with exact `__type` (the SDK's error name), HTTP status and, if given, message. */
export async function expectAwsError(promise: Promise<unknown>, type: string, message?: string | RegExp, status = 400): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: { name: string; message: string; $metadata?: { httpStatusCode?: number } }) => e,
  );
  expect(error, `expected ${type}`).toBeDefined();
  expect(error!.name).toBe(type);
  expect(error!.$metadata?.httpStatusCode).toBe(status);
  if (typeof message === 'string') expect(error!.message).toBe(message);
  else if (message) expect(error!.message).toMatch(message);
}

/**
 * Holds back the executions of one workflow that start from now on, as a slow Step Functions
 * would: the API call that starts one returns at once, and the execution itself (the real ASL, on
 * the local runner) begins only on `release()`. Lets a test observe CREATING, UPDATING or
 * DELETING for as long as it needs, instead of racing a configured delay.
 */
export function holdWorkflow(runnel: LocalRunnel, workflow: string, executionPrefix = ''): { held: () => string[]; release: () => Promise<void> } {
  return runnel.workflows.hold(workflow, executionPrefix);
}
