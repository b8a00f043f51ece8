import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { examples, FIXTURES } from '../support/analytics-fixtures';

const lines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);

describe('reference example applications through the SQL test runner', () => {
  for (const ex of examples()) {
    if (ex.spec.error) {
      it(`${ex.name}: the code is rejected with "${ex.spec.error}"`, () => {
        expect(() => ex.run()).toThrow(ex.spec.error);
      });
      continue;
    }
    it(`${ex.name}: emits exactly the expected rows (documented or derived from the documented rules), in order`, () => {
      const { lines: out, errors } = ex.run();
      expect(out).toEqual(lines(join(ex.dir, 'expected.jsonl')));
      expect(errors).toEqual(lines(join(ex.dir, 'expected-errors.jsonl')));
    });
  }
});

describe('npm run sql -- test', () => {
  const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'bin/sql.ts', 'test', ...args], { encoding: 'utf8' });
  const dir = join(FIXTURES, 'e04-tumbling-rowtime-minmax');

  it('prints one JSON line per output row and exits 0; --until closes the window still open', () => {
    const r = cli('--sql', join(dir, 'app.sql'), '--schema', join(dir, 'schema.json'), '--input', join(dir, 'input.jsonl'), '--until', '2024-01-01T10:02:00Z');
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([
      ...lines(join(dir, 'expected.jsonl')),
      '{"stream":"DESTINATION_SQL_STREAM","ROWTIME":"2024-01-01 10:02:00.000","TICKER":"AMZN","MIN_PRICE":27.9,"MAX_PRICE":27.9}',
    ]);
  });

  it('reports a SQL error with its line and column on stderr and exits 2', () => {
    const bad = join(FIXTURES, 'e10b-unquoted-columns-rejected');
    const r = cli('--sql', join(bad, 'app.sql'), '--schema', join(FIXTURES, 'e10-two-record-types', 'schema.json'), '--input', join(FIXTURES, 'e10-two-record-types', 'input.jsonl'));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("From line 4, column 18 to line 4, column 20: Column 'OID' not found in any table");
  });
});
