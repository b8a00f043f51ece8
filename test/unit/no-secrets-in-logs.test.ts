/** Whatever a request carries, Runnel's logs never hold a secret, a signature or an Authorization header. */
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDispatcher } from '../../lambdas/protocol/dispatch';
import type { Runtime } from '../../lambdas/runtime/context';
import { logger } from '../../lambdas/runtime/logger';
import { SERVICES } from '../../lambdas/services';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const rt = { config: { accountId: '123456789012', defaultRegion: 'us-east-1' }, clock: Date.now } as unknown as Runtime;

afterEach(() => vi.restoreAllMocks());

function captureLogs(): string[] {
  const lines: string[] = [];
  for (const level of ['debug', 'info', 'warn', 'error'] as const) {
    vi.spyOn(logger, level).mockImplementation((...args: unknown[]) => void lines.push(JSON.stringify(args, (_, v) => (v instanceof Error ? { message: v.message, stack: v.stack } : v))));
  }
  return lines;
}

async function signed(secret: string) {
  const req = await new SignatureV4({ service: 'kinesis', region: 'us-east-1', sha256: Sha256, credentials: { accessKeyId: 'RNLKEY', secretAccessKey: secret } }).sign(
    new HttpRequest({ method: 'POST', protocol: 'https:', hostname: 'runnel.example', path: '/', headers: { host: 'runnel.example', 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Kinesis_20131202.ListStreams' }, body: '{}' }),
  );
  return { method: 'POST', path: '/', headers: req.headers as Record<string, string>, body: Buffer.from('{}') };
}

describe('logs', () => {
  it('hold no secret, signature or Authorization header, for refused and failing requests alike', async () => {
    const lines = captureLogs();
    const refused = createDispatcher(rt, SERVICES, async () => ({ secretAccessKey: SECRET, account: '123456789012' }));
    const wrong = await signed('not-the-secret');
    expect((await refused(wrong)).status).toBe(400);
    // A lookup that breaks (storage down) ends in an internal failure, which is logged with its error.
    const broken = createDispatcher(rt, SERVICES, async () => {
      throw new Error('lookup failed');
    });
    const good = await signed(SECRET);
    expect((await broken(good)).status).toBe(500);
    expect(lines.length).toBeGreaterThan(1);
    const logged = lines.join('\n');
    expect(logged).not.toContain(SECRET);
    for (const req of [wrong, good]) {
      expect(logged).not.toContain(/Signature=([0-9a-f]+)/.exec(req.headers.authorization)![1]);
      expect(logged).not.toContain(req.headers.authorization);
    }
  });
});
