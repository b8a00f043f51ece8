/**
 * Two kinds of failure. A SqlError is a fault in the application code, found before any row flows;
 * its text names the place the way the KDA (SQLstream/Calcite) validator did — "From line 3,
 * column 18 to line 3, column 20: Column 'OID' not found in any table" — and the API reports it
 * as a CodeValidationException. A RowError is a fault while processing one row (division by zero, a
 * bad function argument): that row goes to error_stream and the application keeps running.
 */

export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export class SqlError extends Error {
  /** `located`: the detail already says where (parser messages do, as Calcite's did). */
  constructor(
    readonly detail: string,
    readonly span?: Span,
    located = false,
  ) {
    super(span && !located ? `From line ${span.line}, column ${span.column} to line ${span.endLine}, column ${span.endColumn}: ${detail}` : detail);
    this.name = 'SqlError';
  }
}

export class RowError extends Error {
  constructor(
    readonly errorName: string,
    message: string,
  ) {
    super(message);
    this.name = 'RowError';
  }
}

export const divisionByZero = () => new RowError('DivisionByZero', 'Division by zero');
export const badArgument = (fn: string, why: string) => new RowError('InvalidArgument', `${fn}: ${why}`);
export const castFailed = (text: string, target: string) => new RowError('CastError', `Cannot convert '${text}' to ${target}`);
