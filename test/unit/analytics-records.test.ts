import { describe, expect, it } from 'vitest';
import { mapRecord, type SourceSchema } from '../../lambdas/analytics/sql/input-schema';
import { formatRow } from '../../lambdas/analytics/sql/output-format';
import { Dec } from '../../lambdas/analytics/sql/decimal';
import { T } from '../../lambdas/analytics/sql/types';

const json = (columns: [string, string, string][], rowPath = '$'): SourceSchema => ({
  RecordFormat: { RecordFormatType: 'JSON', MappingParameters: { JSONMappingParameters: { RecordRowPath: rowPath } } },
  RecordColumns: columns.map(([Name, Mapping, SqlType]) => ({ Name, Mapping, SqlType })),
});

describe('InputSchema record mapping', () => {
  it('maps JSONPath columns, coerces per SqlType, truncates VARCHAR, and gives NULL for absent fields', () => {
    const schema = json([['id', '$.id', 'INTEGER'], ['name', '$.who.name', 'VARCHAR(3)'], ['ok', '$.ok', 'BOOLEAN'], ['n', '$.n', 'BIGINT'], ['at', '$.at', 'TIMESTAMP'], ['tags', '$.tags[0:]', 'VARCHAR(32)'], ['gone', '$.nope', 'DOUBLE']]);
    expect(mapRecord(schema, '{"id":"42","who":{"name":"Alice"},"ok":"TRUE","n":7,"at":"2018-06-13T14:11:05.766191","tags":["a","b"]}')).toEqual({
      rows: [[42, 'Ali', true, 7n, Date.UTC(2018, 5, 13, 14, 11, 5, 766), '["a","b"]', null]],
    });
  });

  it('flattens one array: a row per element, other columns repeated; an empty array still gives one row', () => {
    const schema = json([['order', '$.order', 'INTEGER'], ['sku', '$.items[0:].sku', 'VARCHAR(8)'], ['qty', '$.items[0:].qty', 'SMALLINT']]);
    expect(mapRecord(schema, '{"order":1,"items":[{"sku":"A","qty":2},{"sku":"B"}]}{"order":2,"items":[]}')).toEqual({
      rows: [[1, 'A', 2], [1, 'B', null], [2, null, null]],
    });
  });

  it('a RecordRowPath with [0:] makes each element of that array a row, its mappings relative to it', () => {
    const schema = json([['x', '$.records[0:].x', 'INTEGER'], ['y', '$.records[0:].y.z', 'VARCHAR(4)']], '$.records[0:]');
    expect(mapRecord(schema, '{"records":[{"x":1,"y":{"z":"a"}},{"x":2}]}')).toEqual({ rows: [[1, 'a'], [2, null]] });
  });

  it('rejects a record whose value cannot be coerced (fraction into INTEGER, 300 into TINYINT, text into a number)', () => {
    expect(mapRecord(json([['x', '$.x', 'INTEGER']]), '{"x":123.4}')).toHaveProperty('error');
    expect(mapRecord(json([['x', '$.x', 'TINYINT']]), '{"x":300}')).toHaveProperty('error');
    expect(mapRecord(json([['x', '$.x', 'DOUBLE']]), '{"x":"abc"}')).toHaveProperty('error');
    expect(mapRecord(json([['x', '$.x', 'DECIMAL(5,2)']]), '{"x":1.005}')).toEqual({ rows: [[new Dec(101n, 2)]] });
  });

  it('splits CSV by its row and column delimiters, taking columns by position', () => {
    const schema: SourceSchema = {
      RecordFormat: { RecordFormatType: 'CSV', MappingParameters: { CSVMappingParameters: { RecordRowDelimiter: '|', RecordColumnDelimiter: ';' } } },
      RecordColumns: [{ Name: 'a', SqlType: 'VARCHAR(4)' }, { Name: 'b', SqlType: 'INTEGER' }],
    };
    expect(mapRecord(schema, 'x;1|y;|z;3;extra|')).toEqual({ rows: [['x', 1], ['y', null], ['z', 3]] });
  });
});

describe('DestinationSchema output formats', () => {
  const cols = [{ name: 'TICKER', type: T.VARCHAR }, { name: 'PRICE', type: T.REAL }, { name: 'N', type: T.BIGINT }, { name: 'AT', type: T.TIMESTAMP }, { name: 'NOTE', type: T.VARCHAR }];
  const values = ['A,B', Math.fround(174.61), 9007199254740993n, Date.UTC(2024, 0, 1, 10, 0, 1, 5), null];

  it('JSON: one object keyed by column name; REAL as its float digits, BIGINT exact, timestamps as text, NULL as null', () => {
    expect(formatRow('JSON', cols, values)).toBe('{"TICKER":"A,B","PRICE":174.61,"N":9007199254740993,"AT":"2024-01-01 10:00:01.005","NOTE":null}');
  });

  it('CSV: values in column order, quoted when they hold a comma, NULL empty', () => {
    expect(formatRow('CSV', cols, values)).toBe('"A,B",174.61,9007199254740993,2024-01-01 10:00:01.005,');
  });
});
