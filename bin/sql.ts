#!/usr/bin/env -S npx tsx
/**
 * `npm run sql -- test --sql APP.sql --schema SCHEMA.json --input ROWS.jsonl
 *   [--reference NAME=FILE.csv] [--reference-schema NAME=SCHEMA.json] [--until ISO-TIME]`
 * Runs a Kinesis Analytics SQL application with no servers and prints one JSON line per row its
 * pumps write; error_stream rows and errors go to stderr (errors exit with code 2).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runSql, type Reference } from '../lambdas/analytics/sql/runner';

const USAGE = 'usage: npm run sql -- test --sql APP.sql --schema SCHEMA.json --input ROWS.jsonl [--reference NAME=FILE.csv] [--reference-schema NAME=SCHEMA.json] [--until ISO-TIME]';

function pairs(specs: string[], option: string): Map<string, string> {
  return new Map(specs.map((spec) => {
    const at = spec.indexOf('=');
    if (at <= 0) throw new Error(`${option} expects NAME=FILE, got ${spec}`);
    return [spec.slice(0, at), spec.slice(at + 1)];
  }));
}

export function main(argv: string[]): number {
  try {
    const [command, ...args] = argv;
    if (command !== 'test') throw new Error(USAGE);
    const { values } = parseArgs({
      args,
      options: {
        sql: { type: 'string' },
        schema: { type: 'string' },
        input: { type: 'string' },
        reference: { type: 'string', multiple: true, default: [] },
        'reference-schema': { type: 'string', multiple: true, default: [] },
        until: { type: 'string' },
      },
    });
    if (!values.sql || !values.schema || !values.input) throw new Error(USAGE);
    const schemas = pairs(values['reference-schema']!, '--reference-schema');
    const references: Reference[] = [...pairs(values.reference!, '--reference')].map(([name, file]) => ({
      name,
      data: readFileSync(file, 'utf8'),
      schema: schemas.has(name) ? JSON.parse(readFileSync(schemas.get(name)!, 'utf8')) : undefined,
    }));
    const { lines, errors } = runSql({
      sql: readFileSync(values.sql, 'utf8'),
      schema: JSON.parse(readFileSync(values.schema, 'utf8')),
      input: readFileSync(values.input, 'utf8'),
      references,
      until: values.until,
    });
    for (const line of lines) process.stdout.write(`${line}\n`);
    for (const line of errors) process.stderr.write(`${line}\n`);
    return 0;
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
