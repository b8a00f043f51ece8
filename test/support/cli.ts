/** The `runnel` command line as a user runs it, in a child process. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

export interface RunningCli {
  child: ChildProcess;
  url: string;
  /** Everything printed to stdout up to and including the listening line. */
  output: string;
}

/** `runnel start` on free ports; resolves once it prints its listening line. */
export async function startCli(...args: string[]): Promise<RunningCli> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/runnel.ts', 'start', '--port', '0', '--s3-port', '0', '--dynamodb-port', '0', '--createStreamMs', '0', '--log-level', 'WARN', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (m) resolve({ child, url: m[1], output });
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before listening: ${output}`)));
  });
}

export async function stopCli(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

/** A one-shot `runnel` command (apply, cost, …): its exit code and output. */
export function runCli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const res = spawnSync(process.execPath, ['--import', 'tsx', 'bin/runnel.ts', ...args], { encoding: 'utf8', env: { ...process.env, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' } });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}
