/**
 * What a client makes of the edge's throttling answer. In the cloud the HTTP API stage throttles
 * (lib/constructs/edge.ts): past its rate API Gateway itself answers `429` with
 * `{"message":"Too Many Requests"}` and no `__type` (an HTTP API cannot customise that answer, and
 * CloudFront's custom error responses do not cover 429). These are facts about the clients, so they
 * are tested against a stand-in that answers exactly that, with the stock SDK clients and the CLI:
 *
 * - the JS SDK v3 classifies it as a throttling error by its status alone and retries it with the
 *   throttling back-off (`@smithy/core/retry`, and `@smithy/service-error-classification` for
 *   older clients: `isThrottlingError` is true for any `httpStatusCode === 429`);
 * - botocore's legacy retry mode (the AWS CLI v1's default) retries it (`_retry.json`,
 *   `too_many_requests`); its standard mode (the CLI v2's default) does not: the error code is
 *   the status, "429", which is neither a throttling code nor a transient status.
 */
import { execFile } from 'node:child_process';
import http from 'node:http';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { FirehoseClient, ListDeliveryStreamsCommand } from '@aws-sdk/client-firehose';
import { KinesisClient, ListStreamsCommand } from '@aws-sdk/client-kinesis';
import { isThrottlingError, StandardRetryStrategy } from '@smithy/core/retry';
import { isThrottlingError as legacyIsThrottlingError } from '@smithy/service-error-classification';
import type { RetryErrorInfo, StandardRetryToken } from '@smithy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCli, awsCliSkipNote } from '../support/aws-cli';

const run = promisify(execFile);
/** API Gateway's answer to a throttled request, as an HTTP API sends it. */
const THROTTLED_BODY = '{"message":"Too Many Requests"}';
const THROTTLED_HEADERS = { 'content-type': 'application/json', 'apigw-requestid': 'Yx1ZbhbnIAMEVbQ=' };
const credentials = { accessKeyId: 'AKIDEDGE', secretAccessKey: 'edge' };

let requests = 0;
let h1: http.Server;
let h2: http2.Http2Server;
const url = (server: http.Server | http2.Http2Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

beforeAll(async () => {
  const answer = (res: http.ServerResponse | http2.Http2ServerResponse) => {
    requests++;
    res.writeHead(429, { ...THROTTLED_HEADERS, 'content-length': String(THROTTLED_BODY.length) });
    res.end(THROTTLED_BODY);
  };
  // HTTP/1.1 (the Firehose client, the CLI) and cleartext HTTP/2 (the Kinesis client's default).
  h1 = http.createServer((req, res) => req.resume().on('end', () => answer(res)));
  h2 = http2.createServer((req, res) => req.resume().on('end', () => answer(res)));
  await Promise.all([h1, h2].map((s) => new Promise<void>((r) => s.listen(0, '127.0.0.1', r))));
});
afterAll(async () => {
  await Promise.all([h1, h2].map((s) => new Promise((r) => s.close(r))));
});

/**
 * The SDK's own standard strategy, recording how the retry middleware classified each failed
 * attempt (the last one too: the strategy is asked, and refuses for lack of attempts).
 */
function recordingStrategy(maxAttempts: number, seen: string[]) {
  return new (class extends StandardRetryStrategy {
    override refreshRetryTokenForRetry(token: StandardRetryToken, errorInfo: RetryErrorInfo) {
      seen.push(errorInfo.errorType);
      return super.refreshRetryTokenForRetry(token, errorInfo);
    }
  })(maxAttempts);
}

describe("the edge's 429, as the stock JS SDK sees it", () => {
  it('is a throttling error, retried with the throttling back-off (Kinesis over HTTP/2)', async () => {
    const seen: string[] = [];
    const kinesis = new KinesisClient({ endpoint: url(h2), region: 'us-east-1', credentials, retryStrategy: recordingStrategy(2, seen) });
    requests = 0;
    const error = await kinesis.send(new ListStreamsCommand({})).then(
      () => undefined,
      (e: Error & { $metadata: { httpStatusCode?: number; attempts?: number } }) => e,
    );
    kinesis.destroy();
    expect(error).toBeDefined();
    expect(error!.$metadata.httpStatusCode).toBe(429);
    expect(error!.message).toBe('Too Many Requests');
    // No __type, no x-amzn-ErrorType: the SDK cannot name a modelled exception.
    expect(error!.name).toBe('Unknown');
    expect(isThrottlingError(error! as never)).toBe(true);
    expect(legacyIsThrottlingError(error! as never)).toBe(true);
    expect(seen).toEqual(['THROTTLING', 'THROTTLING']);
    expect(requests).toBe(2);
    expect(error!.$metadata.attempts).toBe(2);
  });

  it('is a throttling error for the Firehose client too (HTTP/1.1)', async () => {
    const seen: string[] = [];
    const firehose = new FirehoseClient({ endpoint: url(h1), region: 'us-east-1', credentials, retryStrategy: recordingStrategy(2, seen) });
    requests = 0;
    const error = await firehose.send(new ListDeliveryStreamsCommand({})).then(
      () => undefined,
      (e: Error & { $metadata: { httpStatusCode?: number } }) => e,
    );
    firehose.destroy();
    expect(error!.$metadata.httpStatusCode).toBe(429);
    expect(isThrottlingError(error! as never)).toBe(true);
    expect(seen).toEqual(['THROTTLING', 'THROTTLING']);
    expect(requests).toBe(2);
  });
});

describe.skipIf(!awsCli.available)(`the edge's 429, as the AWS CLI sees it${awsCliSkipNote()}`, () => {
  const cli = (mode: 'legacy' | 'standard') =>
    run('aws', ['kinesis', 'list-streams', '--endpoint-url', url(h1), '--output', 'json'], {
      env: { ...process.env, AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x', AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '', AWS_RETRY_MODE: mode, AWS_MAX_ATTEMPTS: '2' },
    }).then(
      () => '',
      (e: { stderr: string }) => e.stderr,
    );

  it('is retried in legacy mode (the CLI v1 default), and fails with error code 429', async () => {
    requests = 0;
    const out = await cli('legacy');
    expect(requests).toBe(2);
    expect(out).toContain('An error occurred (429) when calling the ListStreams operation');
    expect(out).toContain('Too Many Requests');
  }, 30_000);

  it('is not retried in standard mode (the CLI v2 default): the code is "429", no throttling code', async () => {
    requests = 0;
    const out = await cli('standard');
    expect(requests).toBe(1);
    expect(out).toContain('An error occurred (429) when calling the ListStreams operation');
  }, 30_000);
});
