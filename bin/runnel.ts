#!/usr/bin/env -S npx tsx
/** Runnel's command line: `start` serves the local endpoint, `apply` creates declared resources, `bench` measures. */
import { FirehoseClient } from '@aws-sdk/client-firehose';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LocalFunction } from '../lambdas/local/destinations';
import { startLocal } from '../lambdas/local/host';
import { logger } from '../lambdas/runtime/logger';
import { applyResources, readResourceFile, ResourceFileError } from './apply';

const [command = 'start', ...rest] = process.argv.slice(2);

/** `--function name=./path/to/module.mjs`: a Firehose Lambda processor, the module's `handler` export. */
async function loadFunctions(specs: string[]): Promise<Record<string, LocalFunction>> {
  const functions: Record<string, LocalFunction> = {};
  for (const spec of specs) {
    const [name, file] = spec.split('=');
    if (!name || !file) throw new Error(`--function expects name=path, got ${spec}`);
    const module = await import(pathToFileURL(resolve(file)).href);
    if (typeof module.handler !== 'function') throw new Error(`${file} exports no handler function`);
    functions[name] = module.handler;
  }
  return functions;
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
      'log-level': { type: 'string', default: 'INFO' },
      init: { type: 'string' },
      'flush-interval-ms': { type: 'string' },
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
    shardLimit: Number(values.shardLimit),
    quotas: values.quotas !== 'false',
    auth: values.auth,
    functions: await loadFunctions(values.function!),
    ...(values['flush-interval-ms'] !== undefined ? { bufferIntervalMs: Number(values['flush-interval-ms']) } : {}),
  });
  if (resources) {
    const credentials = runnel.accessKey ?? { accessKeyId: 'local', secretAccessKey: 'local' };
    const clients = { kinesis: new KinesisClient({ endpoint: runnel.url, region: 'us-east-1', credentials }), firehose: new FirehoseClient({ endpoint: runnel.url, region: 'us-east-1', credentials }) };
    for (const line of await applyResources(resources, clients)) console.log(line);
  }
  if (values['flush-interval-ms'] !== undefined) console.log(`Firehose buffers flush every ${values['flush-interval-ms']} ms (--flush-interval-ms)`);
  console.log(`Runnel listening on ${runnel.url} (S3 at ${runnel.s3Url}, DynamoDB at ${runnel.dynamodbUrl})`);
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
    if (!(e instanceof ResourceFileError)) throw e;
    console.error(e.message);
    process.exit(2);
  }
}

if (command === 'start') {
  await runOrExplain(() => start(rest));
} else if (command === 'apply') {
  await runOrExplain(() => apply(rest));
} else if (command === 'bench') {
  const { bench } = await import('./bench');
  await bench(rest);
} else {
  console.error(`unknown command ${command}: use start, apply or bench`);
  process.exit(2);
}
