/**
 * Statement and query grammar on top of the expression grammar: CREATE [OR REPLACE] STREAM/PUMP,
 * INSERT INTO … SELECT STREAM with UNION ALL, joins, derived tables, TABLE(fn(CURSOR(…))),
 * GROUP BY, WINDOWED BY STAGGER, HAVING, WINDOW and ORDER BY. `parseSql` is the only entry point.
 */
import type { IRecognitionException } from 'chevrotain';
import type { FromItem, Join, OrderItem, Query, Select, SelectItem, Statement } from './ast';
import { SqlError } from './errors';
import * as L from './lexer';
import { img } from './lexer';
import { ExprParser } from './parser-expr';
import { rangeMs } from './parser-terms';
import type { SqlType } from './types';

const { K } = L;

class SqlParser extends ExprParser {
  constructor() {
    super();
    this.performSelfAnalysis();
  }

  program = this.RULE('program', (): Statement[] => {
    const statements: Statement[] = [];
    this.MANY(() => this.OR([{ ALT: () => statements.push(this.SUBRULE(this.statement)) }, { ALT: () => this.CONSUME(L.Semicolon) }]));
    return statements;
  });

  private statement = this.RULE('statement', (): Statement => {
    const start = this.CONSUME(K.CREATE);
    this.OPTION(() => { this.CONSUME(K.OR); this.CONSUME(K.REPLACE); });
    return this.OR([
      { ALT: () => {
        this.CONSUME(K.STREAM);
        const name = this.SUBRULE(this.name);
        this.CONSUME(L.LParen);
        const columns: { name: string; type: SqlType }[] = [];
        this.AT_LEAST_ONE_SEP({ SEP: L.Comma, DEF: () => {
          const col = this.SUBRULE1(this.name);
          const type = this.SUBRULE(this.dataType);
          this.OPTION1(() => { this.CONSUME(K.NOT); this.CONSUME(K.NULL); });
          columns.push({ name: col, type });
        } });
        this.CONSUME(L.RParen);
        this.OPTION2(() => { this.CONSUME(K.DESCRIPTION); this.CONSUME(L.StringLiteral); });
        return { kind: 'stream', name, columns, span: this.spanFrom(start) } as Statement;
      } },
      { ALT: () => {
        this.CONSUME(K.PUMP);
        const name = this.SUBRULE2(this.name);
        this.CONSUME(K.AS);
        this.CONSUME(K.INSERT);
        this.CONSUME(K.INTO);
        const targetStart = this.LA(1);
        const target = this.SUBRULE3(this.name);
        const targetSpan = this.spanFrom(targetStart);
        const columns = this.OPTION3(() => this.SUBRULE(this.nameList));
        const query = this.SUBRULE(this.query);
        return { kind: 'pump', name, target, columns, query, span: this.spanFrom(start), targetSpan } as Statement;
      } },
    ]);
  });

  private nameList = this.RULE('nameList', (): string[] => {
    const names: string[] = [];
    this.CONSUME(L.LParen);
    this.AT_LEAST_ONE_SEP({ SEP: L.Comma, DEF: () => names.push(this.SUBRULE(this.name)) });
    this.CONSUME(L.RParen);
    return names;
  });

  private query = this.RULE('query', (): Query => {
    const start = this.LA(1);
    const selects = [this.SUBRULE(this.select)];
    this.MANY(() => { this.CONSUME(K.UNION); this.CONSUME(K.ALL); selects.push(this.SUBRULE1(this.select)); });
    const orderBy = this.OPTION(() => this.SUBRULE(this.orderBy));
    return { selects, orderBy, span: this.spanFrom(start) };
  });

  private orderBy = this.RULE('orderBy', (): OrderItem[] => {
    const items: OrderItem[] = [];
    this.CONSUME(K.ORDER);
    this.CONSUME(K.BY);
    this.AT_LEAST_ONE_SEP({ SEP: L.Comma, DEF: () => {
      const expr = this.SUBRULE(this.expression);
      const dir = this.OPTION(() => this.OR([{ ALT: () => this.CONSUME(K.ASC) }, { ALT: () => this.CONSUME(K.DESC) }]));
      items.push({ expr, desc: dir?.tokenType === K.DESC });
    } });
    return items;
  });

  private select = this.RULE('select', (): Select => {
    const start = this.CONSUME(K.SELECT);
    this.OPTION(() => this.CONSUME(K.STREAM));
    this.OPTION1(() => this.CONSUME(K.ALL));
    const items: SelectItem[] = [];
    this.AT_LEAST_ONE_SEP({ SEP: L.Comma, DEF: () => items.push(this.SUBRULE(this.selectItem)) });
    this.CONSUME(K.FROM);
    const from = this.SUBRULE(this.fromItem);
    const joins: Join[] = [];
    this.MANY(() => joins.push(this.SUBRULE(this.join)));
    const where = this.OPTION2(() => { this.CONSUME(K.WHERE); return this.SUBRULE(this.expression); });
    let groupBy: Select['groupBy'];
    let stagger: Select['stagger'];
    this.OPTION3(() => this.OR([
      { ALT: () => { this.CONSUME(K.GROUP); this.CONSUME(K.BY); groupBy = []; this.AT_LEAST_ONE_SEP1({ SEP: L.Comma, DEF: () => groupBy!.push(this.SUBRULE1(this.expression)) }); } },
      { ALT: () => {
        const s = this.CONSUME(K.WINDOWED);
        this.CONSUME1(K.BY);
        this.CONSUME(K.STAGGER);
        this.CONSUME(L.LParen);
        this.CONSUME(K.PARTITION);
        this.CONSUME2(K.BY);
        const partitionBy: Select['items'][number]['expr'][] = [];
        this.AT_LEAST_ONE_SEP2({ SEP: L.Comma, DEF: () => partitionBy.push(this.SUBRULE2(this.expression)) });
        this.CONSUME(K.RANGE);
        const lit = this.SUBRULE(this.interval);
        this.CONSUME(L.RParen);
        stagger = { partitionBy, rangeMs: this.ACTION(() => rangeMs(lit).rangeMs) ?? 0, span: this.spanFrom(s) };
      } },
    ]));
    const having = this.OPTION4(() => { this.CONSUME(K.HAVING); return this.SUBRULE3(this.expression); });
    const windows: Select['windows'] = [];
    this.OPTION5(() => {
      this.CONSUME(K.WINDOW);
      this.AT_LEAST_ONE_SEP3({ SEP: L.Comma, DEF: () => {
        const name = this.SUBRULE(this.name);
        this.CONSUME(K.AS);
        windows.push({ name, spec: this.SUBRULE(this.windowSpec) });
      } });
    });
    return { items, from, joins, where, groupBy, stagger, having, windows, span: this.spanFrom(start) };
  });

  private selectItem = this.RULE('selectItem', (): SelectItem => {
    const expr = this.SUBRULE(this.callArgOrStar);
    const alias = this.OPTION(() => { this.OPTION1(() => this.CONSUME(K.AS)); return this.SUBRULE(this.name); });
    return { expr, alias };
  });

  private callArgOrStar = this.RULE('callArgOrStar', () =>
    this.OR([
      { ALT: () => { const t = this.CONSUME(L.Star); return { kind: 'star', span: this.spanFrom(t) } as SelectItem['expr']; } },
      { ALT: () => this.SUBRULE(this.expression) },
    ]),
  );

  private alias = this.RULE('alias', (): string => {
    this.OPTION(() => this.CONSUME(K.AS));
    return this.SUBRULE(this.name);
  });

  private fromItem = this.RULE('fromItem', (): FromItem => {
    const start = this.LA(1);
    return this.OR([
      { ALT: () => {
        this.CONSUME(K.TABLE);
        this.CONSUME(L.LParen);
        const name = this.SUBRULE(this.name);
        this.CONSUME1(L.LParen);
        this.CONSUME(K.CURSOR);
        this.CONSUME2(L.LParen);
        const cursor = this.SUBRULE(this.query);
        this.CONSUME(L.RParen);
        const args: SelectItem['expr'][] = [];
        this.MANY(() => { this.CONSUME(L.Comma); args.push(this.SUBRULE(this.expression)); });
        this.CONSUME1(L.RParen);
        this.CONSUME2(L.RParen);
        const alias = this.OPTION(() => this.SUBRULE(this.alias));
        return { kind: 'tablefn', name, cursor, args, alias, span: this.spanFrom(start) } as FromItem;
      } },
      { ALT: () => {
        this.CONSUME3(L.LParen);
        const query = this.SUBRULE1(this.query);
        this.CONSUME3(L.RParen);
        const over = this.OPTION1(() => { this.CONSUME(K.OVER); return this.SUBRULE(this.windowRef); });
        const alias = this.OPTION2(() => this.SUBRULE1(this.alias));
        const columns = this.OPTION3(() => this.SUBRULE(this.nameList));
        return { kind: 'subquery', query, over, alias, columns, span: this.spanFrom(start) } as FromItem;
      } },
      { ALT: () => {
        const name = this.SUBRULE1(this.name);
        const over = this.OPTION4(() => { this.CONSUME1(K.OVER); return this.SUBRULE1(this.windowRef); });
        const alias = this.OPTION5(() => this.SUBRULE2(this.alias));
        return { kind: 'stream', name, over, alias, span: this.spanFrom(start) } as FromItem;
      } },
    ]);
  });

  private join = this.RULE('join', (): Join => {
    const type = this.OPTION(() => this.OR([
      { ALT: () => { this.CONSUME(K.INNER); return 'INNER' as const; } },
      { ALT: () => { this.CONSUME(K.LEFT); this.OPTION1(() => this.CONSUME(K.OUTER)); return 'LEFT' as const; } },
      { ALT: () => { this.CONSUME(K.RIGHT); this.OPTION2(() => this.CONSUME1(K.OUTER)); return 'RIGHT' as const; } },
      { ALT: () => { this.CONSUME(K.FULL); this.OPTION3(() => this.CONSUME2(K.OUTER)); return 'FULL' as const; } },
      { ALT: () => { this.CONSUME(K.CROSS); return 'CROSS' as const; } },
    ])) ?? 'INNER';
    this.CONSUME(K.JOIN);
    const item = this.SUBRULE(this.fromItem);
    const on = this.OPTION4(() => { this.CONSUME(K.ON); return this.SUBRULE(this.expression); });
    return { type, item, on };
  });
}

let shared: SqlParser | undefined;

/** Application code → statements, or a SqlError that says where the code is wrong. */
export function parseSql(text: string): Statement[] {
  const lexed = L.sqlLexer.tokenize(text);
  if (lexed.errors.length) {
    const e = lexed.errors[0];
    throw new SqlError(`Lexical error at line ${e.line}, column ${e.column}.  Encountered: "${text.substr(e.offset, e.length)}"`, { line: e.line ?? 0, column: e.column ?? 0, endLine: e.line ?? 0, endColumn: e.column ?? 0 }, true);
  }
  shared ??= new SqlParser();
  shared.input = lexed.tokens;
  const statements = shared.program();
  if (shared.errors.length) throw parseError(shared.errors[0]);
  return statements;
}

function parseError(e: IRecognitionException): SqlError {
  const tok = e.token;
  const span = { line: tok.startLine ?? 0, column: tok.startColumn ?? 0, endLine: tok.endLine ?? 0, endColumn: tok.endColumn ?? 0 };
  if (tok.tokenType.name === 'EOF') return new SqlError('Incorrect syntax near the end of the application code', span, true);
  return new SqlError(`Encountered "${img(tok)}" at line ${span.line}, column ${span.column}.`, span, true);
}
