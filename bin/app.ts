#!/usr/bin/env -S npx tsx
/** The CDK app: `npx cdk synth` / `npx cdk deploy`. */
import { App } from 'aws-cdk-lib';
import { DEFAULT_EDGE_THROTTLE, DEFAULT_FRONT_CONCURRENCY, edgeFromContext } from '../lib/constructs/edge';
import type { SecretsKey } from '../lambdas/runtime/tables';
import { RunnelStack } from '../lib/runnel-stack';

const app = new App();

/** A context value the stack cannot be built from is reported as such, without a stack trace. */
function context<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    console.error(`runnel: ${(e as Error).message}`);
    process.exit(2);
  }
}

function secretsKeyFromContext(value: unknown): SecretsKey {
  const key = String(value ?? 'aws-owned');
  if (key !== 'aws-owned' && key !== 'customer') throw new Error(`-c secretsKey: must be aws-owned or customer (got "${key}")`);
  return key;
}

new RunnelStack(app, app.node.tryGetContext('stackName') ?? 'Runnel', {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  shardLimit: Number(app.node.tryGetContext('shardLimit') ?? 500),
  quotas: String(app.node.tryGetContext('quotas') ?? 'true') !== 'false',
  triggers: String(app.node.tryGetContext('triggers') ?? 'false') === 'true',
  secretsKey: context(() => secretsKeyFromContext(app.node.tryGetContext('secretsKey'))),
  edge: context(() => edgeFromContext(app.node.tryGetContext('edge'))),
  frontConcurrency: Number(app.node.tryGetContext('frontConcurrency') ?? DEFAULT_FRONT_CONCURRENCY),
  edgeThrottle: {
    rateLimit: Number(app.node.tryGetContext('edgeRateLimit') ?? DEFAULT_EDGE_THROTTLE.rateLimit),
    burstLimit: Number(app.node.tryGetContext('edgeBurstLimit') ?? DEFAULT_EDGE_THROTTLE.burstLimit),
  },
});
