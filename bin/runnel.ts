#!/usr/bin/env -S npx tsx
/** Runnel's command line: `start` serves the local endpoint, `bench` measures it, `cost` prices a workload. */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LocalFunction } from '../lambdas/local/destinations';
import { startLocal } from '../lambdas/local/host';
import { logger } from '../lambdas/runtime/logger';

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
      updateStreamMs: { type: 'string', default: '500' },
      scaleIntervalMs: { type: 'string', default: '60000' },
      's3-port': { type: 'string', default: '4569' },
      shardLimit: { type: 'string', default: '500' },
      quotas: { type: 'string', default: 'true' },
      auth: { type: 'boolean', default: false },
      function: { type: 'string', multiple: true, default: [] },
      'log-level': { type: 'string', default: 'INFO' },
    },
  });
  logger.setLogLevel(values['log-level']!.toUpperCase() as 'INFO');
  const runnel = await startLocal({
    port: Number(values.port),
    s3Port: Number(values['s3-port']),
    path: values.path,
    createStreamMs: Number(values.createStreamMs),
    updateStreamMs: Number(values.updateStreamMs),
    scheduleIntervalMs: Number(values.scaleIntervalMs),
    shardLimit: Number(values.shardLimit),
    quotas: values.quotas !== 'false',
    auth: values.auth,
    functions: await loadFunctions(values.function!),
  });
  console.log(`Runnel listening on ${runnel.url} (S3 at ${runnel.s3Url})`);
  if (runnel.accessKey) console.log(`SigV4 required: AWS_ACCESS_KEY_ID=${runnel.accessKey.accessKeyId} AWS_SECRET_ACCESS_KEY=${runnel.accessKey.secretAccessKey}`);
  const stop = async () => {
    await runnel.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (command === 'start') {
  await start(rest);
} else if (command === 'bench') {
  const { bench } = await import('./bench');
  await bench(rest);
} else if (command === 'cost') {
  const { cost } = await import('./cost');
  process.exitCode = await cost(rest);
} else {
  console.error(`unknown command ${command}: use start, bench or cost`);
  process.exit(2);
}
