/**
 * The grammar's building blocks below expressions: names, INTERVAL literals, data types and window
 * specifications. ExprParser adds expressions on top; the two are one chevrotain parser.
 */
import { EmbeddedActionsParser, type IToken, type ParserMethod } from 'chevrotain';
import type { Expr, WindowRef, WindowSpec } from './ast';
import { SqlError, type Span } from './errors';
import * as L from './lexer';
import { img } from './lexer';
import { intervalLiteral } from './literals';
import { T, parseTypeName, typeText, type SqlType, type Value } from './types';

const { K } = L;

export abstract class TermParser extends EmbeddedActionsParser {
  constructor() {
    super(L.allTokens, { maxLookahead: 3 });
  }

  /** Defined by ExprParser; window specifications partition by expressions. */
  abstract readonly expression: ParserMethod<[], Expr>;

  protected spanFrom(start: IToken): Span {
    const end = this.LA(0);
    return { line: start.startLine ?? 0, column: start.startColumn ?? 0, endLine: end.endLine ?? 0, endColumn: end.endColumn ?? 0 };
  }

  protected name = this.RULE('name', (): string => {
    const tok = this.OR([{ ALT: () => this.CONSUME(L.Identifier) }, { ALT: () => this.CONSUME(L.QuotedIdentifier) }]);
    return L.identifierName(img(tok));
  });

  protected literal(tok: IToken, type: SqlType, value: Value): Expr {
    return { kind: 'literal', type, value, span: this.spanFrom(tok) };
  }

  interval = this.RULE('interval', (): Expr => {
    const t = this.CONSUME(K.INTERVAL);
    const sign = this.OPTION(() => this.OR([{ ALT: () => this.CONSUME(L.Minus) }, { ALT: () => this.CONSUME(L.Plus) }]));
    const text = this.CONSUME(L.StringLiteral);
    const unit = this.CONSUME(L.TimeUnit);
    this.OPTION1(() => this.SUBRULE(this.precision));
    const to = this.OPTION2(() => { this.CONSUME(K.TO); const u = this.CONSUME1(L.TimeUnit); this.OPTION3(() => this.SUBRULE1(this.precision)); return u; });
    return this.ACTION(() => {
      const lit = intervalLiteral(L.stringValue(img(text)), img(unit).toUpperCase(), img(to).toUpperCase() || undefined, img(sign) === '-');
      if (!lit) throw new SqlError(`Illegal interval literal '${L.stringValue(img(text))}'`, this.spanFrom(t));
      return this.literal(t, lit.type, lit.value);
    });
  });

  private precision = this.RULE('precision', () => { this.CONSUME(L.LParen); this.CONSUME(L.NumberLiteral); this.CONSUME(L.RParen); });

  dataType = this.RULE('dataType', (): SqlType => {
    const start = this.LA(1);
    const words = [this.OR([{ ALT: () => this.CONSUME(L.Identifier) }, { ALT: () => this.CONSUME(K.TIMESTAMP) }, { ALT: () => this.CONSUME(K.DATE) }, { ALT: () => this.CONSUME(K.TIME) }]).image];
    this.OPTION(() => words.push(img(this.CONSUME1(L.Identifier))));
    this.OPTION1(() => {
      this.CONSUME(L.LParen);
      const nums: string[] = [];
      this.AT_LEAST_ONE_SEP({ SEP: L.Comma, DEF: () => nums.push(img(this.CONSUME(L.NumberLiteral))) });
      this.CONSUME(L.RParen);
      words.push(`(${nums.join(',')})`);
    });
    return this.ACTION(() => {
      const type = parseTypeName(words.join(' '));
      if (!type) throw new SqlError(`Unknown datatype name '${words.join(' ')}'`, this.spanFrom(start));
      return type;
    }) ?? T.NULL;
  });

  windowRef = this.RULE('windowRef', (): WindowRef =>
    this.OR([
      { ALT: () => { const t = this.LA(1); const name = this.SUBRULE(this.name); return { name, span: this.spanFrom(t) }; } },
      { ALT: () => ({ spec: this.SUBRULE(this.windowSpec) }) },
    ]),
  );

  windowSpec = this.RULE('windowSpec', (): WindowSpec => {
    const start = this.CONSUME(L.LParen);
    const partitionBy: Expr[] = [];
    this.OPTION(() => { this.CONSUME(K.PARTITION); this.CONSUME(K.BY); this.AT_LEAST_ONE_SEP({ SEP: L.Comma, DEF: () => partitionBy.push(this.SUBRULE(this.expression)) }); });
    const frame = this.OR([
      { ALT: () => { this.CONSUME(K.RANGE); return this.OR1([
        { ALT: () => { const lit = this.SUBRULE(this.interval); this.CONSUME(K.PRECEDING); return this.ACTION(() => rangeMs(lit)); } },
        { ALT: () => { this.CONSUME(K.CURRENT); this.CONSUME(K.ROW); return { rangeMs: 0 }; } },
      ]); } },
      { ALT: () => { this.CONSUME(K.ROWS); return this.OR2([
        { ALT: () => { const n = this.CONSUME(L.NumberLiteral); this.CONSUME1(K.PRECEDING); return { rows: Number(img(n)) }; } },
        { ALT: () => { this.CONSUME1(K.CURRENT); this.CONSUME1(K.ROW); return { rows: 0 }; } },
      ]); } },
    ]);
    this.CONSUME(L.RParen);
    return { partitionBy, ...frame, span: this.spanFrom(start) };
  });
}

/** RANGE INTERVAL … PRECEDING must be a day-time interval; its length in ms. */
export function rangeMs(lit: Expr): { rangeMs: number } {
  if (lit.kind !== 'literal' || lit.type.name !== 'INTERVAL_DT') throw new SqlError(`Window range must be a day-time interval, not ${lit.kind === 'literal' ? typeText(lit.type) : lit.kind}`, lit.span);
  return { rangeMs: lit.value as number };
}
