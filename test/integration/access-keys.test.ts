/**
 * `runnel keys` against a running local store: a created key works at once, a revoked one is
 * refused within the lookup cache's time, and no secret is stored in the clear.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { KinesisClient, ListStreamsCommand } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually';
import { expectAwsError, startRunnel, type TestRunnel } from '../support/local';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'runnel-keys-'));
let t: TestRunnel;
beforeAll(async () => {
  t = await startRunnel({ auth: true, path: dir, dynamodbPort: 0, keyCache: { ttlMs: 1_000, maxEntries: 100 } });
});
afterAll(async () => {
  await t.stop();
  rmSync(dir, { recursive: true, force: true });
});

const keys = (...args: string[]) => run('npx', ['tsx', 'bin/runnel.ts', 'keys', ...args, '--path', dir, '--dynamodb-endpoint', t.runnel.dynamodbUrl], { env: { ...process.env, RUNNEL_LOG_LEVEL: 'WARN' } });

/** Every file under `root`, read whole. */
function filesUnder(root: string): Buffer[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .map((f) => join(root, f))
    .filter((f) => statSync(f).isFile())
    .map((f) => readFileSync(f));
}

describe('runnel keys', () => {
  it('creates a key that works, lists it, and revokes it within the cache time', async () => {
    const created = (await keys('create')).stdout;
    const [, id, secret] = /AWS_ACCESS_KEY_ID=(\S+) AWS_SECRET_ACCESS_KEY=(\S+)/.exec(created)!;
    const client = new KinesisClient({ endpoint: t.runnel.url, region: 'us-east-1', credentials: { accessKeyId: id, secretAccessKey: secret }, maxAttempts: 1 });
    expect((await client.send(new ListStreamsCommand({}))).StreamNames).toEqual([]);

    const listed = (await keys('list')).stdout;
    expect(listed).toMatch(new RegExp(`^${id}\\t000000000000\\tcreated \\S+\\tactive$`, 'm'));
    expect(listed).toContain(t.runnel.accessKey!.accessKeyId);
    expect(listed).not.toContain(secret);

    expect((await keys('revoke', id)).stdout.trim()).toBe(`revoked ${id}`);
    const revokedAt = Date.now();
    await eventually(() => expectAwsError(client.send(new ListStreamsCommand({})), 'UnrecognizedClientException', 'The security token included in the request is invalid.'), { timeoutMs: 5_000 });
    expect(Date.now() - revokedAt).toBeLessThan(2_500);
    expect((await keys('list')).stdout).toMatch(new RegExp(`^${id}\\t.*\\trevoked \\S+$`, 'm'));
    client.destroy();
  });

  it('refuses to revoke a key that does not exist, with exit code 2', async () => {
    const res = await keys('revoke', 'RNLNOSUCHKEY').catch((e: { code: number; stderr: string }) => e);
    expect(res).toMatchObject({ code: 2 });
    expect((res as { stderr: string }).stderr).toContain('no access key RNLNOSUCHKEY');
  });

  it('keeps secrets sealed at rest: no stored file holds one in the clear', async () => {
    const secret = t.runnel.accessKey!.secretAccessKey;
    const files = filesUnder(join(dir, 'dynamodb'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(f.includes(secret)).toBe(false);
    expect(statSync(join(dir, 'access-keys.key')).mode & 0o777).toBe(0o600);
  });
});
