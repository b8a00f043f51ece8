/**
 * SigV4 with auth on: the request time is judged by Runnel's clock (no replay after five minutes),
 * the body is hashed as received, session tokens are refused, presigned query strings verified,
 * and the SDK and the AWS CLI work with an issued key and get AWS's errors without one.
 */
import { execFile } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { createHash } from 'node:crypto';
import { Sha256 } from '@aws-crypto/sha256-js';
import { FirehoseClient, ListDeliveryStreamsCommand } from '@aws-sdk/client-firehose';
import { KinesisClient, ListStreamsCommand } from '@aws-sdk/client-kinesis';
import { NoAuthSigner } from '@smithy/core';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatAmzDate } from '../../lambdas/protocol/sigv4';
import { awsCli, awsCliSkipNote } from '../support/aws-cli';
import { expectAwsError, startRunnel, type TestRunnel } from '../support/local';
import { send, type RawResponse } from '../support/raw';

const run = promisify(execFile);
const MISMATCH = 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const JSON_11 = 'application/x-amz-json-1.1';
const LIST_STREAMS = 'Kinesis_20131202.ListStreams';

/** Runnel's clock runs `skew` ms ahead of the machine's, so a test can move it without waiting. */
let skew = 0;
let t: TestRunnel;
beforeAll(async () => {
  t = await startRunnel({ auth: true, clock: () => Date.now() + skew });
});
afterAll(() => t.stop());

const key = () => t.runnel.accessKey!;
const kinesis = (opts: ConstructorParameters<typeof KinesisClient>[0] = {}) => new KinesisClient({ endpoint: t.runnel.url, region: 'us-east-1', credentials: key(), maxAttempts: 1, ...opts });

/** A ListStreams signed now (or at `at`), ready to be sent as often as a replayer likes. */
async function signedListStreams(opts: { at?: Date; body?: string; contentSha?: string } = {}) {
  const { host, hostname } = new URL(t.runnel.url);
  const body = opts.body ?? '{}';
  const headers: Record<string, string> = { host, 'content-type': JSON_11, 'x-amz-target': LIST_STREAMS };
  if (opts.contentSha) headers['x-amz-content-sha256'] = opts.contentSha;
  const signed = await new SignatureV4({ service: 'kinesis', region: 'us-east-1', sha256: Sha256, credentials: key() }).sign(new HttpRequest({ method: 'POST', protocol: 'http:', hostname, path: '/', headers, body }), {
    signingDate: opts.at,
  });
  return { headers: signed.headers, amzDate: signed.headers['x-amz-date'] };
}

function error(res: RawResponse) {
  return { status: res.status, ...JSON.parse(res.body.toString()) };
}

const EXPIRED = /^Signature expired: (\d{8}T\d{6}Z) is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/;
const NOT_YET_CURRENT = /^Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 5 min\.\)$/;

/** Runs `during` with Runnel's clock moved by `ms`. */
async function withSkew<T>(ms: number, during: () => Promise<T>): Promise<T> {
  skew = ms;
  try {
    return await during();
  } finally {
    skew = 0;
  }
}

/**
 * Sends a captured request again, byte for byte, and returns AWS's answer to it. One the JS SDK
 * signed for HTTP/2 carries `:authority`, which goes out as HTTP/2's own pseudo-header.
 */
async function replay(captured: { headers: Record<string, string>; body: string }) {
  const http2 = ':authority' in captured.headers;
  const headers = Object.fromEntries(Object.entries(captured.headers).filter(([k]) => !k.startsWith(':')));
  const res = await send(t.runnel.url, { headers, body: captured.body, http2 });
  return res.status === 200 ? { status: 200 } : error(res);
}

describe('request time', () => {
  it('refuses a replay of a captured request once five minutes have passed, with AWS text', async () => {
    const captured = await signedListStreams();
    expect((await send(t.runnel.url, { headers: captured.headers, body: '{}' })).status).toBe(200);
    skew = 6 * 60_000;
    try {
      const res = await send(t.runnel.url, { headers: captured.headers, body: '{}' });
      const signedAt = Date.parse(captured.amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
      const body = error(res);
      expect(body.status).toBe(400);
      expect(body.__type).toBe('InvalidSignatureException');
      // Runnel's "now" lies between sending and answering; the text names it to the second.
      const m = /^Signature expired: (\d{8}T\d{6}Z) is now earlier than (\d{8}T\d{6}Z) \((\d{8}T\d{6}Z) - 5 min\.\)$/.exec(body.message);
      expect(m, body.message).not.toBeNull();
      expect(m![1]).toBe(formatAmzDate(signedAt));
      const now = Date.parse(m![3].replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
      expect(m![2]).toBe(formatAmzDate(now - 5 * 60_000));
      expect(Math.abs(now - (Date.now() + skew))).toBeLessThan(5_000);
    } finally {
      skew = 0;
    }
  });

  it('refuses a client whose clock runs ten minutes fast (SDK without retries), with AWS text', async () => {
    const c = kinesis({ systemClockOffset: 10 * 60_000 });
    await expectAwsError(c.send(new ListStreamsCommand({})), 'InvalidSignatureException', /^Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 5 min\.\)$/);
    c.destroy();
  });

  it('refuses a client whose clock runs ten minutes slow', async () => {
    const c = kinesis({ systemClockOffset: -10 * 60_000 });
    await expectAwsError(c.send(new ListStreamsCommand({})), 'InvalidSignatureException', /^Signature expired: /);
    c.destroy();
  });
});

describe('payload', () => {
  it('hashes the body it received: a signed x-amz-content-sha256 cannot vouch for another body', async () => {
    const original = '{}';
    const other = '{"Limit":1}';
    const signed = await signedListStreams({ body: original, contentSha: createHash('sha256').update(original).digest('hex') });
    expect((await send(t.runnel.url, { headers: signed.headers, body: original })).status).toBe(200);
    const swapped = await send(t.runnel.url, { headers: { ...signed.headers, 'content-length': String(other.length) }, body: other });
    expect(error(swapped)).toEqual({ status: 400, __type: 'InvalidSignatureException', message: MISMATCH });
  });

  it('refuses a body swapped under a signature that covered the real hash', async () => {
    const signed = await signedListStreams({ body: '{}' });
    const res = await send(t.runnel.url, { headers: { ...signed.headers, 'content-length': '11' }, body: '{"Limit":1}' });
    expect(error(res)).toEqual({ status: 400, __type: 'InvalidSignatureException', message: MISMATCH });
  });
});

describe('session tokens and presigned requests', () => {
  it('refuses a session token: Runnel issues none', async () => {
    const c = kinesis({ credentials: { ...key(), sessionToken: 'FwoGZXIvYXdzEXAMPLE' } });
    await expectAwsError(c.send(new ListStreamsCommand({})), 'UnrecognizedClientException', 'The security token included in the request is invalid.');
    c.destroy();
  });

  async function presigned(expiresIn: number, at?: Date) {
    const { host, hostname } = new URL(t.runnel.url);
    const req = await new SignatureV4({ service: 'kinesis', region: 'us-east-1', sha256: Sha256, credentials: key() }).presign(
      new HttpRequest({ method: 'POST', protocol: 'http:', hostname, path: '/', headers: { host, 'content-type': JSON_11, 'x-amz-target': LIST_STREAMS }, body: '{}' }),
      { expiresIn, signingDate: at, unhoistableHeaders: new Set(['x-amz-target']) },
    );
    return { path: `/?${new URLSearchParams(req.query as Record<string, string>)}`, headers: req.headers };
  }

  it('verifies a presigned query string, and refuses it tampered or expired', async () => {
    const ok = await presigned(60);
    expect((await send(t.runnel.url, { path: ok.path, headers: ok.headers, body: '{}' })).status).toBe(200);
    const tampered = ok.path.replace(/X-Amz-Signature=[0-9a-f]/, (s) => s.slice(0, -1) + (s.endsWith('0') ? '1' : '0'));
    expect(error(await send(t.runnel.url, { path: tampered, headers: ok.headers, body: '{}' }))).toEqual({ status: 400, __type: 'InvalidSignatureException', message: MISMATCH });
    const old = await presigned(60, new Date(Date.now() - 120_000));
    const res = error(await send(t.runnel.url, { path: old.path, headers: old.headers, body: '{}' }));
    expect(res.__type).toBe('InvalidSignatureException');
    expect(res.message).toMatch(/^Signature expired: .* - 60 sec\.\)$/);
  });
});

describe('the stock SDK', () => {
  it('works with the issued key and is refused with a wrong secret or an unknown key', async () => {
    const good = kinesis();
    expect((await good.send(new ListStreamsCommand({}))).StreamNames).toEqual([]);
    const wrong = kinesis({ credentials: { accessKeyId: key().accessKeyId, secretAccessKey: 'x'.repeat(40) } });
    await expectAwsError(wrong.send(new ListStreamsCommand({})), 'InvalidSignatureException', MISMATCH);
    const unknown = kinesis({ credentials: { accessKeyId: 'RNLDOESNOTEXIST', secretAccessKey: 'x' } });
    await expectAwsError(unknown.send(new ListStreamsCommand({})), 'UnrecognizedClientException', 'The security token included in the request is invalid.');
    for (const c of [good, wrong, unknown]) c.destroy();
  });

  it('is refused unsigned (the SDK\'s own no-auth scheme) with MissingAuthenticationTokenException', async () => {
    const unsigned = kinesis({
      httpAuthSchemes: [{ schemeId: 'smithy.api#noAuth', identityProvider: () => async () => ({}), signer: new NoAuthSigner() }],
      httpAuthSchemeProvider: () => [{ schemeId: 'smithy.api#noAuth' }],
    });
    await expectAwsError(unsigned.send(new ListStreamsCommand({})), 'MissingAuthenticationTokenException', 'Missing Authentication Token');
    unsigned.destroy();
  });

  it('works for Firehose with the issued key and is refused with a wrong secret', async () => {
    const firehose = (secretAccessKey: string) => new FirehoseClient({ endpoint: t.runnel.url, region: 'us-east-1', credentials: { accessKeyId: key().accessKeyId, secretAccessKey }, maxAttempts: 1 });
    const good = firehose(key().secretAccessKey);
    expect((await good.send(new ListDeliveryStreamsCommand({}))).DeliveryStreamNames).toEqual([]);
    const wrong = firehose('x'.repeat(40));
    await expectAwsError(wrong.send(new ListDeliveryStreamsCommand({})), 'InvalidSignatureException', MISMATCH);
    good.destroy();
    wrong.destroy();
  });

  it('cannot have a request it signed replayed once five minutes have passed', async () => {
    // What the stock client put on the wire (signed, in the deserialize step after signing).
    let captured: { headers: Record<string, string>; body: string } | undefined;
    const c = kinesis();
    c.middlewareStack.add(
      (next) => async (args) => {
        const req = args.request as HttpRequest;
        captured = { headers: { ...req.headers }, body: String(req.body) };
        return next(args);
      },
      { step: 'deserialize', priority: 'low', name: 'captureSigned' },
    );
    await c.send(new ListStreamsCommand({}));
    c.destroy();
    expect(captured!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=/);
    expect(await replay(captured!)).toEqual({ status: 200 }); // a faithful capture: within the window it passes
    const refused = await withSkew(6 * 60_000, () => replay(captured!));
    expect(refused.status).toBe(400);
    expect(refused.__type).toBe('InvalidSignatureException');
    expect(refused.message).toMatch(EXPIRED);
    expect(EXPIRED.exec(refused.message)![1]).toBe(captured!.headers['x-amz-date']);
  });
});

describe.skipIf(!awsCli.available)(`the AWS CLI with auth on${awsCliSkipNote()}`, () => {
  const cli = (env: Record<string, string>, ...extra: string[]) =>
    run('aws', ['kinesis', 'list-streams', '--endpoint-url', t.runnel.url, '--output', 'json', ...extra], {
      env: { ...process.env, AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '', AWS_MAX_ATTEMPTS: '1', AWS_RETRY_MODE: 'standard', ...env },
    }).then(
      (r) => ({ ok: true, out: r.stdout }),
      (e: { stderr: string }) => ({ ok: false, out: e.stderr }),
    );

  it('works with the issued key and is refused without one or with a wrong one', async () => {
    const good = await cli({ AWS_ACCESS_KEY_ID: key().accessKeyId, AWS_SECRET_ACCESS_KEY: key().secretAccessKey });
    expect(good).toMatchObject({ ok: true });
    expect(JSON.parse(good.out).StreamNames).toEqual([]);
    const wrong = await cli({ AWS_ACCESS_KEY_ID: key().accessKeyId, AWS_SECRET_ACCESS_KEY: 'wrong' });
    expect(wrong.ok).toBe(false);
    expect(wrong.out).toContain('(InvalidSignatureException)');
    expect(wrong.out).toContain('does not match the signature you provided');
    const none = await cli({ AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x' }, '--no-sign-request');
    expect(none.ok).toBe(false);
    expect(none.out).toMatch(/An error occurred \(MissingAuthenticationTokenException\) when calling the ListStreams operation( \(reached max retries: \d+\))?: Missing Authentication Token/);
  });

  it('is refused when its clock runs ten minutes ahead of Runnel’s', async () => {
    const skewed = await withSkew(-10 * 60_000, () => cli({ AWS_ACCESS_KEY_ID: key().accessKeyId, AWS_SECRET_ACCESS_KEY: key().secretAccessKey }));
    expect(skewed.ok).toBe(false);
    expect(skewed.out).toContain('(InvalidSignatureException)');
    expect(skewed.out).toMatch(new RegExp(NOT_YET_CURRENT.source.slice(1, -1)));
  });

  it('cannot have a request it signed replayed once five minutes have passed', async () => {
    // The CLI talks to Runnel through a recording proxy, which passes everything on unchanged.
    const captured: { headers: Record<string, string>; body: string }[] = [];
    const target = new URL(t.runnel.url);
    const proxy = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
        const body = Buffer.concat(chunks).toString();
        captured.push({ headers, body });
        const out = http.request({ hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent: false }, (answer) => {
          res.writeHead(answer.statusCode!, answer.headers);
          answer.pipe(res);
        });
        out.end(body);
      });
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    try {
      const via = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
      const good = await run('aws', ['kinesis', 'list-streams', '--endpoint-url', via, '--output', 'json'], {
        env: { ...process.env, AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '', AWS_MAX_ATTEMPTS: '1', AWS_ACCESS_KEY_ID: key().accessKeyId, AWS_SECRET_ACCESS_KEY: key().secretAccessKey },
      });
      expect(JSON.parse(good.stdout).StreamNames).toEqual([]);
    } finally {
      await new Promise((r) => proxy.close(r));
    }
    expect(captured).toHaveLength(1);
    expect(captured[0].headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=/);
    expect(await replay(captured[0])).toEqual({ status: 200 });
    const refused = await withSkew(6 * 60_000, () => replay(captured[0]));
    expect(refused.status).toBe(400);
    expect(refused.__type).toBe('InvalidSignatureException');
    expect(refused.message).toMatch(EXPIRED);
    expect(EXPIRED.exec(refused.message)![1]).toBe(captured[0].headers['x-amz-date']);
  });

  it('is refused when its clock and Runnel’s are ten minutes apart', async () => {
    skew = 10 * 60_000;
    try {
      const skewed = await cli({ AWS_ACCESS_KEY_ID: key().accessKeyId, AWS_SECRET_ACCESS_KEY: key().secretAccessKey });
      expect(skewed.ok).toBe(false);
      expect(skewed.out).toContain('(InvalidSignatureException)');
      expect(skewed.out).toMatch(/Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)/);
    } finally {
      skew = 0;
    }
  });
});
