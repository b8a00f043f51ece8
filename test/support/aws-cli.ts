/**
 * The AWS CLI is optional for `npm test`: tests that drive it run only when `aws` is on PATH (CI
 * installs it and sets RUNNEL_REQUIRE_AWS_CLI=1), and are reported as skipped, with the reason
 * printed once, when it is not.
 */
import { spawnSync } from 'node:child_process';

function probe(): { available: true; version: string } | { available: false; reason: string } {
  const res = spawnSync('aws', ['--version'], { encoding: 'utf8', timeout: 60_000 });
  if (res.error) return { available: false, reason: `the AWS CLI (aws) is not on PATH (${(res.error as NodeJS.ErrnoException).code ?? res.error.message})` };
  if (res.status !== 0) return { available: false, reason: `\`aws --version\` exited with ${res.status}: ${(res.stderr || res.stdout).trim()}` };
  return { available: true, version: (res.stdout + res.stderr).trim() };
}

export const awsCli = probe();
// CI sets this so a broken install fails the run instead of quietly skipping.
if (!awsCli.available && process.env.RUNNEL_REQUIRE_AWS_CLI === '1') throw new Error(`RUNNEL_REQUIRE_AWS_CLI=1, but ${awsCli.reason}`);

let reported = false;
/** Describe-block title suffix; prints why the AWS CLI tests are skipped, once per run of a file. */
export function awsCliSkipNote(): string {
  if (awsCli.available) return '';
  if (!reported) {
    reported = true;
    console.warn(`Skipping the AWS CLI tests: ${awsCli.reason}. Install the AWS CLI (v1 or v2) to run them.`);
  }
  return ` (skipped: ${awsCli.reason})`;
}
