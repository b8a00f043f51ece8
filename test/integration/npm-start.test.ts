/** `npm start` as a user runs it: the listening line, /health, persistence with --path, clean stop. */
import { GetRecordsCommand, GetShardIteratorCommand, KinesisClient, PutRecordCommand } from '@aws-sdk/client-kinesis';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createActiveStream, credentials } from '../support/local';

const dataDir = mkdtempSync(join(tmpdir(), 'runnel-path-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function start(...args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/runnel.ts', 'start', '--port', '0', '--s3-port', '0', '--createStreamMs', '0', '--log-level', 'WARN', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before listening: ${out}`)));
  });
  return { child, url };
}

async function stop(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

describe('npm start', () => {
  it('serves /health, keeps data across restarts with --path, and stops cleanly on SIGTERM', async () => {
    const first = await start('--path', dataDir);
    const health = await fetch(`${first.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    let kinesis = new KinesisClient({ endpoint: first.url, region: 'us-east-1', credentials });
    await createActiveStream(kinesis, 'kept', 1);
    const put = await kinesis.send(new PutRecordCommand({ StreamName: 'kept', PartitionKey: 'k', Data: Buffer.from('still here') }));
    kinesis.destroy();
    expect(await stop(first.child)).toBe(0);

    const second = await start('--path', dataDir);
    kinesis = new KinesisClient({ endpoint: second.url, region: 'us-east-1', credentials });
    const it = await kinesis.send(new GetShardIteratorCommand({ StreamName: 'kept', ShardId: put.ShardId, ShardIteratorType: 'TRIM_HORIZON' }));
    const records = await kinesis.send(new GetRecordsCommand({ ShardIterator: it.ShardIterator }));
    expect(records.Records!.map((r) => Buffer.from(r.Data!).toString())).toEqual(['still here']);
    kinesis.destroy();
    expect(await stop(second.child)).toBe(0);
  });
});
