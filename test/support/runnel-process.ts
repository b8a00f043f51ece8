/** `bin/runnel.ts start` as a user runs it, in a child process on free ports. */
import { spawn, type ChildProcess } from 'node:child_process';

export interface RunnelProcess {
  child: ChildProcess;
  url: string;
  s3Url: string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts Runnel with `args` after the test defaults (free ports, no create delay, quiet logs). */
export async function startRunnelProcess(...args: string[]): Promise<RunnelProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/runnel.ts', 'start', '--port', '0', '--s3-port', '0', '--createStreamMs', '0', '--log-level', 'WARN', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const { url, s3Url } = await new Promise<{ url: string; s3Url: string }>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+) \(S3 at (http:\/\/[^)\s]+)\)/.exec(out);
      if (m) resolve({ url: m[1], s3Url: m[2] });
    });
    void exited.then((code) => reject(new Error(`exited with ${code} before listening: ${out}`)));
  });
  return {
    child,
    url,
    s3Url,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
