#!/usr/bin/env -S npx tsx
/** Runnel's command line: `start` serves the local endpoint, `apply` creates declared resources, `keys` manages access keys, `triggers` manages cloud Lambda triggers, `bench` measures, `cost` prices a workload. */
import { FirehoseClient } from '@aws-sdk/client-firehose';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { selfSignedIdentity, writeCertificate } from '../lambdas/local/certificate';
import type { TlsIdentity } from '../lambdas/local/server';
import { startLocal } from '../lambdas/local/host';
import { parseFaultRates } from '../lambdas/local/storage-faults';
import { logger } from '../lambdas/runtime/logger';
import { applyResources, readResourceFile, ResourceFileError } from './apply';
import { loadFunctions, loadTriggers, UsageError } from './local-functions';

const [command = 'start', ...rest] = process.argv.slice(2);

/** `--ssl` (a certificate generated at start) or `--cert FILE --key FILE`: HTTPS only, as the KPL needs. */
async function tlsIdentity(values: { ssl?: boolean; cert?: string; key?: string; path?: string }): Promise<TlsIdentity | undefined> {
  if (!values.ssl && !values.cert && !values.key) return undefined;
  if (values.cert || values.key) {
    if (!values.cert || !values.key) throw new UsageError('--cert and --key go together');
    return { cert: readFileSync(values.cert, 'utf8'), key: readFileSync(values.key, 'utf8') };
  }
  const identity = await selfSignedIdentity();
  const file = writeCertificate(identity, values.path ?? mkdtempSync(join(tmpdir(), 'runnel-tls-')));
  console.log(`TLS with a self-signed certificate: ${file}`);
  console.log(`  trust it: AWS_CA_BUNDLE=${file} (AWS CLI), NODE_EXTRA_CA_CERTS=${file} (Node), or import it into the JVM's trust store for the KPL/KCL`);
  return identity;
}

async function start(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '4567' },
      path: { type: 'string' },
      createStreamMs: { type: 'string', default: '500' },
      createConsumerMs: { type: 'string', default: '500' },
      updateStreamMs: { type: 'string', default: '500' },
      scaleIntervalMs: { type: 'string', default: '60000' },
      's3-port': { type: 'string', default: '4569' },
      'dynamodb-port': { type: 'string', default: '4568' },
      shardLimit: { type: 'string', default: '500' },
      quotas: { type: 'string', default: 'true' },
      auth: { type: 'boolean', default: false },
      function: { type: 'string', multiple: true, default: [] },
      trigger: { type: 'string', multiple: true, default: [] },
      'log-level': { type: 'string', default: 'INFO' },
      init: { type: 'string' },
      ssl: { type: 'boolean', default: false },
      cert: { type: 'string' },
      key: { type: 'string' },
      'flush-interval-ms': { type: 'string' },
      faults: { type: 'string' },
      'analytics-interval-ms': { type: 'string', default: '1000' },
    },
  });
  const resources = values.init ? readResourceFile(values.init) : undefined;
  logger.setLogLevel(values['log-level']!.toUpperCase() as 'INFO');
  const runnel = await startLocal({
    port: Number(values.port),
    s3Port: Number(values['s3-port']),
    dynamodbPort: Number(values['dynamodb-port']),
    path: values.path,
    createStreamMs: Number(values.createStreamMs),
    createConsumerMs: Number(values.createConsumerMs),
    updateStreamMs: Number(values.updateStreamMs),
    scheduleIntervalMs: Number(values.scaleIntervalMs),
    analyticsIntervalMs: Number(values['analytics-interval-ms']),
    shardLimit: Number(values.shardLimit),
    quotas: values.quotas !== 'false',
    auth: values.auth,
    tls: await tlsIdentity(values),
    functions: await loadFunctions(values.function!),
    triggers: await loadTriggers(values.trigger!, 'us-east-1', '000000000000'),
    ...(values['flush-interval-ms'] !== undefined ? { bufferIntervalMs: Number(values['flush-interval-ms']) } : {}),
    ...(values.faults !== undefined ? { storageFaults: parseFaultRates(values.faults) } : {}),
  });
  if (resources) {
    const credentials = runnel.accessKey ?? { accessKeyId: 'local', secretAccessKey: 'local' };
    const clients = { kinesis: new KinesisClient({ endpoint: runnel.url, region: 'us-east-1', credentials }), firehose: new FirehoseClient({ endpoint: runnel.url, region: 'us-east-1', credentials }) };
    for (const line of await applyResources(resources, clients)) console.log(line);
  }
  if (values['flush-interval-ms'] !== undefined) console.log(`Firehose buffers flush every ${values['flush-interval-ms']} ms (--flush-interval-ms)`);
  console.log(`Runnel listening on ${runnel.url} (S3 at ${runnel.s3Url}, DynamoDB at ${runnel.dynamodbUrl})`);
  if (values.faults !== undefined) console.log(`Injecting storage faults: ${values.faults} (--faults)`);
  if (runnel.accessKey) console.log(`SigV4 required: AWS_ACCESS_KEY_ID=${runnel.accessKey.accessKeyId} AWS_SECRET_ACCESS_KEY=${runnel.accessKey.secretAccessKey}`);
  const stop = async () => {
    await runnel.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** `runnel apply FILE [--endpoint URL] [--region R]`: the same resource file, against any endpoint (credentials from the environment). */
async function apply(args: string[]) {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { endpoint: { type: 'string' }, region: { type: 'string' } } });
  if (positionals.length !== 1) throw new ResourceFileError('usage: runnel apply FILE [--endpoint URL] [--region REGION]');
  const resources = readResourceFile(positionals[0]);
  const config = { ...(values.endpoint ? { endpoint: values.endpoint } : {}), ...(values.region ? { region: values.region } : {}) };
  for (const line of await applyResources(resources, { kinesis: new KinesisClient(config), firehose: new FirehoseClient(config) })) console.log(line);
}

async function runOrExplain(run: () => Promise<void>) {
  try {
    await run();
  } catch (e) {
    if (!(e instanceof ResourceFileError || e instanceof UsageError)) throw e;
    console.error(e.message);
    process.exit(2);
  }
}

if (command === 'start') {
  await runOrExplain(() => start(rest));
} else if (command === 'apply') {
  await runOrExplain(() => apply(rest));
} else if (command === 'triggers') {
  const { triggersCommand } = await import('./triggers');
  await runOrExplain(() => triggersCommand(rest));
} else if (command === 'keys') {
  const { keys, KeysUsageError } = await import('./keys');
  await keys(rest).catch((e: Error) => {
    if (!(e instanceof KeysUsageError)) throw e;
    console.error(e.message);
    process.exit(2);
  });
} else if (command === 'bench') {
  const { bench } = await import('./bench');
  await bench(rest);
} else if (command === 'cost') {
  const { cost } = await import('./cost');
  process.exitCode = await cost(rest);
} else {
  console.error(`unknown command ${command}: use start, apply, keys, triggers, bench or cost`);
  process.exit(2);
}
