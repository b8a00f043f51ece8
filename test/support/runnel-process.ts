/** `bin/runnel.ts` as a user runs it, in a child process on free ports. */
import { spawn, type ChildProcess } from 'node:child_process';

export interface RunnelProcess {
  child: ChildProcess;
  url: string;
  s3Url: string;
  dynamodbUrl: string;
  /** Everything printed to stdout up to and including the listening line. */
  output: string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts Runnel with `args` after the test defaults (free ports, no create delay, quiet logs). */
export async function startRunnelProcess(...args: string[]): Promise<RunnelProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bin/runnel.ts', 'start', '--port', '0', '--s3-port', '0', '--dynamodb-port', '0', '--createStreamMs', '0', '--log-level', 'WARN', ...args],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const started = await new Promise<{ url: string; s3Url: string; dynamodbUrl: string; output: string }>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const m = /listening on (https?:\/\/127\.0\.0\.1:\d+) \(S3 at (http:\/\/[^,)\s]+), DynamoDB at (http:\/\/[^)\s]+)\)/.exec(output);
      if (m) resolve({ url: m[1], s3Url: m[2], dynamodbUrl: m[3], output });
    });
    void exited.then((code) => reject(new Error(`exited with ${code} before listening: ${output}`)));
  });
  return {
    child,
    ...started,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/**
 * A one-shot `runnel` command (apply, triggers, …): its exit code and output. Asynchronous, so a
 * Runnel running inside the test process keeps answering it.
 */
export function runRunnel(args: string[], env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/runnel.ts', ...args], { env: { ...process.env, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  return new Promise((resolve) => child.once('close', (status) => resolve({ status, stdout, stderr })));
}
