/** `npx cdk synth` as a user runs it: offline, no AWS credentials, with real esbuild bundling. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('cdk synth', () => {
  it('produces a deployable template without AWS access', async () => {
    const out = mkdtempSync(join(tmpdir(), 'runnel-synth-'));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, CDK_DISABLE_VERSION_CHECK: '1' };
      for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE']) delete env[name];
      await run('npx', ['cdk', 'synth', '--quiet', '--output', out], { env, timeout: 180_000 });
      const template = JSON.parse(readFileSync(join(out, 'Runnel.template.json'), 'utf8'));
      const types = Object.values(template.Resources).map((r) => (r as { Type: string }).Type);
      expect(types).toEqual(expect.arrayContaining(['AWS::DynamoDB::Table', 'AWS::S3::Bucket', 'AWS::StepFunctions::StateMachine', 'AWS::ApiGatewayV2::Api', 'AWS::CloudFront::Distribution', 'AWS::Lambda::Function']));
      const assets = JSON.parse(readFileSync(join(out, 'Runnel.assets.json'), 'utf8'));
      expect(Object.keys(assets.files).length).toBeGreaterThanOrEqual(3);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 240_000);
});
