#!/usr/bin/env -S npx tsx
/** The CDK app: `npx cdk synth` / `npx cdk deploy`. */
import { App } from 'aws-cdk-lib';
import { RunnelStack } from '../lib/runnel-stack';

const app = new App();
new RunnelStack(app, app.node.tryGetContext('stackName') ?? 'Runnel', {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  shardLimit: Number(app.node.tryGetContext('shardLimit') ?? 500),
  quotas: String(app.node.tryGetContext('quotas') ?? 'true') !== 'false',
  triggers: String(app.node.tryGetContext('triggers') ?? 'false') === 'true',
});
