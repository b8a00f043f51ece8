/**
 * The SQL example applications under test/fixtures/analytics with exact expected output: each
 * such folder holds app.sql, an InputSchema, input rows, expected.jsonl and case.json (schema/input overrides, --until, reference tables, which
 * streams the documented output covers, or the validation error the code must produce).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runSql, type Reference } from '../../lambdas/analytics/sql/runner';

export const FIXTURES = fileURLToPath(new URL('../fixtures/analytics', import.meta.url));

interface Case {
  schema?: string;
  input?: string;
  until?: string;
  streams?: string[];
  error?: string;
  references?: { name: string; file: string; schema?: string }[];
}

export interface Example {
  name: string;
  dir: string;
  spec: Case;
  run(): { lines: string[]; errors: string[] };
}

export function examples(): Example[] {
  return readdirSync(FIXTURES)
    .filter((name) => existsSync(join(FIXTURES, name, 'case.json')))
    .sort()
    .map((name) => {
      const dir = join(FIXTURES, name);
      const spec: Case = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8'));
      const read = (file: string) => readFileSync(join(dir, file), 'utf8');
      return {
        name,
        dir,
        spec,
        run: () => {
          const references: Reference[] = (spec.references ?? []).map((r) => ({ name: r.name, data: read(r.file), schema: r.schema ? JSON.parse(read(r.schema)) : undefined }));
          const out = runSql({ sql: read('app.sql'), schema: JSON.parse(read(spec.schema ?? 'schema.json')), input: read(spec.input ?? 'input.jsonl'), references, until: spec.until });
          const keep = (line: string) => !spec.streams || spec.streams.includes(JSON.parse(line).stream);
          return { lines: out.lines.filter(keep), errors: out.errors };
        },
      };
    });
}
