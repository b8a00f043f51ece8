/**
 * Rules an application's configuration must satisfy before it is stored: one streaming input and
 * one reference source at most, three outputs, exactly one source or destination each, schemas
 * the engine can type, and code that compiles against them and creates every output's stream.
 * Pure: everything here throws AWS-shaped errors and touches nothing.
 */
import type { Input, Output, ReferenceDataSource, SourceSchema } from '@aws-sdk/client-kinesis-analytics';
import { CodeValidationException, InvalidArgumentException } from '../../protocol/errors';
import { Engine, ERROR_STREAM } from '../sql/engine';
import { SqlError } from '../sql/errors';
import { mapRecord, schemaColumns, type SourceSchema as EngineSchema } from '../sql/input-schema';
import { parseTypeName, type Column, type Value } from '../sql/types';
import { inAppStreamNames, MAX_OUTPUTS } from './application';
import { analyticsMessages as m } from './messages';

export function checkSchema(schema: SourceSchema): Column[] {
  const json = schema.RecordFormat?.RecordFormatType === 'JSON';
  for (const c of schema.RecordColumns ?? []) {
    if (!parseTypeName(c.SqlType!)) throw new InvalidArgumentException(m.badSqlType(c.Name!, c.SqlType!));
    if (json && c.Mapping === undefined) throw new InvalidArgumentException(m.jsonMapping(c.Name!));
  }
  try {
    // Mapping a trivial record parses every JSONPath: a bad one is refused here, not at every run.
    if (json) mapRecord(schema as EngineSchema, '{}');
  } catch (e) {
    throw new InvalidArgumentException((e as Error).message);
  }
  return schemaColumns(schema as EngineSchema);
}

export function checkInputs(inputs: Input[]): void {
  if (inputs.length > 1) throw new InvalidArgumentException(m.oneInput());
  for (const i of inputs) {
    if (!i.KinesisStreamsInput === !i.KinesisFirehoseInput) throw new InvalidArgumentException(m.oneSource(`Input ${i.NamePrefix}`));
    checkSchema(i.InputSchema!);
  }
}

export function checkOutputs(outputs: Output[]): void {
  if (outputs.length > MAX_OUTPUTS) throw new InvalidArgumentException(m.maxOutputs(MAX_OUTPUTS));
  for (const o of outputs) {
    const given = [o.KinesisStreamsOutput, o.KinesisFirehoseOutput, o.LambdaOutput].filter(Boolean).length;
    if (given !== 1) throw new InvalidArgumentException(m.oneDestination(o.Name!));
  }
}

export function checkReferences(references: ReferenceDataSource[]): void {
  if (references.length > 1) throw new InvalidArgumentException(m.oneReference());
  for (const r of references) checkSchema(r.ReferenceSchema!);
}

export interface AppConfiguration {
  code?: string;
  inputs: Input[];
  outputs: Output[];
  references: ReferenceDataSource[];
}

export type TableRows = Map<string, Value[][]>;

/**
 * Compiles the code as the runtime will; SqlError's text names line and column, as the service
 * did. Reference tables are empty unless their rows are given (validation needs only columns).
 */
export function buildEngine(app: AppConfiguration, rows: TableRows = new Map()): Engine {
  return new Engine({
    sql: app.code ?? '',
    inputs: app.inputs.flatMap((i) => inAppStreamNames(i).map((name) => ({ name, columns: checkSchema(i.InputSchema!) }))),
    tables: app.references.map((r) => ({ name: r.TableName!, columns: checkSchema(r.ReferenceSchema!), rows: rows.get(r.TableName!) ?? [] })),
  });
}

function declares(engine: Engine, stream: string): boolean {
  try {
    engine.columnsOf(stream);
    return true;
  } catch {
    return false;
  }
}

/** Validates code against the configuration; code may come later, so an application without any passes. */
export function checkCode(app: AppConfiguration): void {
  if (!app.code?.trim()) return;
  let engine: Engine;
  try {
    engine = buildEngine(app);
  } catch (e) {
    if (e instanceof SqlError) throw new CodeValidationException(e.message);
    throw e;
  }
  for (const o of app.outputs) {
    if (o.Name !== ERROR_STREAM && !declares(engine, o.Name!)) throw new CodeValidationException(m.noStream(o.Name!));
  }
}
