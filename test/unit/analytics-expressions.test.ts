import { describe, expect, it } from 'vitest';
import { app, at, drain, SOURCE } from '../support/analytics-engine';
import { SqlError } from '../../lambdas/analytics/sql/errors';

/** Evaluate `expr` over one input row (X INTEGER, S VARCHAR(16)) into a column of `type`. */
function value(expr: string, type: string, row: [number | null, string | null] = [7, 'Hello World']): string {
  const e = app(`CREATE STREAM O (R ${type}); CREATE PUMP P AS INSERT INTO O SELECT STREAM ${expr} FROM "${SOURCE}";`, 'X INTEGER, S VARCHAR(16)');
  e.insert(SOURCE, row, at('10:00:00'));
  const out = drain(e);
  return out.length ? out[0].slice(13) : '(no row)';
}

describe('numeric semantics follow Java', () => {
  it.each([
    ['7 / 2', 'INTEGER', '{"R":3}'],
    ['-7 / 2', 'INTEGER', '{"R":-3}'],
    ['-7 % 3', 'INTEGER', '{"R":-1}'],
    ['2147483647 + 1', 'INTEGER', '{"R":-2147483648}'],
    ['CAST(9007199254740993 AS BIGINT) + 2', 'BIGINT', '{"R":9007199254740995}'],
    ['0.1 + 0.2', 'DECIMAL(5, 2)', '{"R":0.30}'],
    ['CAST(2.5 AS DECIMAL(3, 0))', 'DECIMAL(3, 0)', '{"R":3}'],
    ['CAST(X AS DOUBLE) / 2', 'DOUBLE', '{"R":3.5}'],
    ['CAST(174.61 AS REAL)', 'DOUBLE', '{"R":174.61000061035156}'],
    ['CAST(174.61 AS REAL)', 'REAL', '{"R":174.61}'],
    ['CAST(CAST(1.5E7 AS DOUBLE) AS VARCHAR(20))', 'VARCHAR(20)', '{"R":"1.5E7"}'],
    ['CAST(CAST(3 AS DOUBLE) AS VARCHAR(20))', 'VARCHAR(20)', '{"R":"3.0"}'],
    ['STEP(23 BY 5)', 'INTEGER', '{"R":20}'],
    ['ABS(-X)', 'INTEGER', '{"R":7}'],
    ['MOD(X, 4)', 'INTEGER', '{"R":3}'],
  ])('%s as %s → %s', (expr, type, out) => {
    expect(value(expr, type)).toBe(out);
  });

  it('division by zero sends the row to error_stream and writes nothing', () => {
    expect(value('X / 0', 'INTEGER')).toBe('error_stream DivisionByZero');
    expect(value('CAST(X AS DOUBLE) / 0', 'DOUBLE')).toBe('error_stream DivisionByZero');
  });
});

describe('NULL logic', () => {
  it.each([
    ['CASE WHEN CAST(NULL AS BOOLEAN) AND FALSE THEN 1 ELSE 0 END', '{"R":0}'],
    ['CASE WHEN (CAST(NULL AS BOOLEAN) AND FALSE) IS NULL THEN 1 ELSE 0 END', '{"R":0}'],
    ['CASE WHEN (CAST(NULL AS BOOLEAN) OR TRUE) THEN 1 ELSE 0 END', '{"R":1}'],
    ['CASE WHEN (X = NULL) IS NULL THEN 1 ELSE 0 END', '{"R":1}'],
    ['CASE WHEN (X IN (1, NULL)) IS NULL THEN 1 ELSE 0 END', '{"R":1}'],
    ['COALESCE(NULL, X + 1)', '{"R":8}'],
    ['NULLIF(X, 7)', '{"R":null}'],
    ['X + NULL', '{"R":null}'],
  ])('%s → %s', (expr, out) => {
    expect(value(expr, 'INTEGER')).toBe(out);
  });

  it('a WHERE that is UNKNOWN drops the row', () => {
    expect(value('X', 'INTEGER', [null, 'a']).startsWith('{"R":null}')).toBe(true);
    const e = app(`CREATE STREAM O (R INTEGER); CREATE PUMP P AS INSERT INTO O SELECT STREAM X FROM "${SOURCE}" WHERE X > 1;`, 'X INTEGER');
    e.insert(SOURCE, [null], at('10:00:00'));
    e.insert(SOURCE, [2], at('10:00:01'));
    expect(drain(e)).toEqual(['10:00:01.000 {"R":2}']);
  });
});

describe('strings, patterns and time', () => {
  it.each([
    ["S LIKE 'Hello%'", 'BOOLEAN', '{"R":true}'],
    ["S LIKE 'hello%'", 'BOOLEAN', '{"R":false}'],
    ["S SIMILAR TO '(Hello|Bye) W_r%'", 'BOOLEAN', '{"R":true}'],
    ["SUBSTRING(S FROM 7 FOR 3)", 'VARCHAR(8)', '{"R":"Wor"}'],
    ['SUBSTRING(S, 0, 3)', 'VARCHAR(8)', '{"R":"He"}'],
    ["POSITION('o' IN S)", 'INTEGER', '{"R":5}'],
    ["TRIM(BOTH 'Hd' FROM S)", 'VARCHAR(16)', '{"R":"ello Worl"}'],
    ['INITCAP(LOWER(S))', 'VARCHAR(16)', '{"R":"Hello World"}'],
    ['CHAR_LENGTH(S) || \'!\'', 'VARCHAR(4)', '{"R":"11!"}'],
    ["REGEX_REPLACE(S, 'o', '0', 1, 2)", 'VARCHAR(16)', '{"R":"Hello W0rld"}'],
    ["REGEX_REPLACE(S, '(\\w+) (\\w+)', '$2 $1', 1, 0)", 'VARCHAR(16)', '{"R":"World Hello"}'],
    ["CAST(S AS VARCHAR(4))", 'VARCHAR(16)', '{"R":"Hell"}'],
    ["STEP(TIMESTAMP '2004-09-30 13:48:23' BY INTERVAL '10' SECOND)", 'TIMESTAMP', '{"R":"2004-09-30 13:48:20.000"}'],
    ["STEP(TIMESTAMP '2004-09-30 13:48:23' BY INTERVAL '2' HOUR)", 'TIMESTAMP', '{"R":"2004-09-30 12:00:00.000"}'],
    ["STEP(TIMESTAMP '2004-09-30 13:48:23' BY INTERVAL '1' YEAR)", 'TIMESTAMP', '{"R":"2004-01-01 00:00:00.000"}'],
    ["CEIL(TIMESTAMP '2004-09-30 13:48:23' TO HOUR)", 'TIMESTAMP', '{"R":"2004-09-30 14:00:00.000"}'],
    ["TIMESTAMP '2004-09-30 13:48:23' + INTERVAL '59:59.999' MINUTE TO SECOND", 'TIMESTAMP', '{"R":"2004-09-30 14:48:22.999"}'],
    ["TSDIFF(TIMESTAMP '2004-09-30 13:48:23', TIMESTAMP '2004-09-30 13:48:20')", 'BIGINT', '{"R":3000}'],
    ["CHAR_TO_TIMESTAMP('dd/MM/yyyy HH:mm', '24/05/2004 22:01')", 'TIMESTAMP', '{"R":"2004-05-24 22:01:00.000"}'],
    ["TO_TIMESTAMP(1525870241337)", 'TIMESTAMP', '{"R":"2018-05-09 12:50:41.337"}'],
  ])('%s → %s', (expr, type, out) => {
    expect(value(expr, type)).toBe(out);
  });

  it('REGEX_REPLACE with a start position below 1 is a row error', () => {
    expect(value("REGEX_REPLACE(S, 'o', '0', 0, 0)", 'VARCHAR(16)')).toBe('error_stream InvalidArgument');
  });
});

describe('identifiers and code validation', () => {
  const reject = (sql: string) => {
    try {
      app(sql, 'X INTEGER, lower INTEGER');
    } catch (e) {
      expect(e).toBeInstanceOf(SqlError);
      return (e as Error).message;
    }
    throw new Error('accepted');
  };

  it('unquoted names are upper-cased; quoted names keep their case', () => {
    const e = app(`create stream out_s ("lower" INTEGER, upper_col INTEGER); create pump p as insert into "OUT_S" select stream "lower", x from "${SOURCE}";`, 'X INTEGER, lower INTEGER');
    e.insert(SOURCE, [1, 2], at('10:00:00'));
    expect(drain(e)).toEqual(['10:00:00.000 {"lower":2,"UPPER_COL":1}']);
    expect(reject(`CREATE STREAM O (A INTEGER); CREATE PUMP P AS INSERT INTO O SELECT STREAM lower FROM "${SOURCE}";`)).toBe(
      "From line 1, column 75 to line 1, column 79: Column 'LOWER' not found in any table",
    );
  });

  it.each([
    [`CREATE STREAM O (A INTEGER);\nCREATE PUMP P AS INSERT INTO O SELECT STREAM FROM "${SOURCE}";`, 'Encountered "FROM" at line 2, column 46.'],
    [`CREATE STREAM O (A INTEGER); CREATE PUMP P AS INSERT INTO O SELECT STREAM X FROM NOPE;`, "From line 1, column 82 to line 1, column 85: Object 'NOPE' not found"],
    [`CREATE STREAM O (A INTEGER); CREATE PUMP P AS INSERT INTO O SELECT STREAM X, X FROM "${SOURCE}";`, 'Number of INSERT target columns (1) does not equal number of source items (2)'],
    [`CREATE STREAM O (A INTEGER); CREATE PUMP P AS INSERT INTO O SELECT STREAM COUNT(*) FROM "${SOURCE}" GROUP BY X;`, 'Streaming aggregation requires at least one monotonic expression in GROUP BY clause'],
    [`CREATE STREAM O (A VARCHAR(4)); CREATE PUMP P AS INSERT INTO O SELECT STREAM X FROM "${SOURCE}";`, "Cannot assign to target field 'A' of type VARCHAR(4) from source field 'X' of type INTEGER"],
    [`CREATE STREAM error_stream (A INTEGER);`, "Stream name 'ERROR_STREAM' is reserved"],
    [`CREATE STREAM A (X INTEGER); CREATE STREAM B (X INTEGER); CREATE PUMP PA AS INSERT INTO A SELECT STREAM X FROM B; CREATE PUMP PB AS INSERT INTO B SELECT STREAM X FROM A;`, "Pump 'PA' writes to 'A', which feeds its own input"],
    [`CREATE STREAM O (A INTEGER); CREATE PUMP P AS INSERT INTO O SELECT STREAM X FROM "${SOURCE}"; CREATE OR REPLACE STREAM O (A INTEGER);`, "Stream 'O' cannot be redefined: pump 'P' already writes to it"],
    [`CREATE STREAM O (A VARCHAR(4)); CREATE PUMP P AS INSERT INTO O SELECT STREAM TRIM() FROM "${SOURCE}";`, "Invalid number of arguments to function 'TRIM'"],
  ])('%s is rejected: %s', (sql, message) => {
    expect(reject(sql)).toContain(message);
  });
});
