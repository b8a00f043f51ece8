/**
 * Expression grammar (chevrotain, embedded actions → AST). Precedence, loosest first: OR, AND,
 * NOT, predicates (comparison, IS, LIKE, SIMILAR TO, BETWEEN, IN), + - ||, * / %, unary sign.
 * Function calls take their arguments with any of the SQL separator words (`FLOOR(t TO MINUTE)`,
 * `SUBSTRING(s FROM 2 FOR 3)`, `POSITION(a IN b)`, `EXTRACT(SECOND FROM t)`, `STEP(t BY i)`,
 * `TRIM(BOTH ' ' FROM s)`), recorded as written; the planner gives each function its meaning.
 */
import type { TokenType } from 'chevrotain';
import type { Expr } from './ast';
import { SqlError, type Span } from './errors';
import { TermParser } from './parser-terms';
import * as L from './lexer';
import { img } from './lexer';
import { binaryLiteral, numberLiteral, typedLiteral, unicodeLiteral } from './literals';
import { T } from './types';

const { K } = L;
const SEPARATORS = [L.Comma, K.FROM, K.FOR, K.IN, K.BY, K.TO, K.PLACING];
const COMPARISONS = [L.Equals, L.NotEquals, L.LessEq, L.GreaterEq, L.Less, L.Greater];

export class ExprParser extends TermParser {
  expression = this.RULE('expression', (): Expr => this.SUBRULE(this.orExpr));

  /** `first` and `rest` parse the same operand rule (chevrotain needs distinct SUBRULE indices). */
  private binaryChain(first: () => Expr, rest: () => Expr, ops: TokenType[]): Expr {
    let left = first();
    this.MANY(() => {
      const op = this.OR(ops.map((t) => ({ ALT: () => this.CONSUME(t) })));
      const right = rest();
      left = { kind: 'binary', op: img(op).toUpperCase(), left, right, span: this.ACTION(() => joinSpan(left.span, right.span)) };
    });
    return left;
  }

  private orExpr = this.RULE('orExpr', (): Expr => this.binaryChain(() => this.SUBRULE(this.andExpr), () => this.SUBRULE1(this.andExpr), [K.OR]));
  private andExpr = this.RULE('andExpr', (): Expr => this.binaryChain(() => this.SUBRULE(this.notExpr), () => this.SUBRULE1(this.notExpr), [K.AND]));

  private notExpr = this.RULE('notExpr', (): Expr =>
    this.OR([
      { ALT: () => { const t = this.CONSUME(K.NOT); const operand = this.SUBRULE(this.notExpr); return { kind: 'unary', op: 'NOT', operand, span: this.spanFrom(t) } as Expr; } },
      { ALT: () => this.SUBRULE(this.predicate) },
    ]),
  );

  private predicate = this.RULE('predicate', (): Expr => {
    const start = this.LA(1);
    let expr = this.SUBRULE(this.additive);
    this.OPTION({
      GATE: () => this.LA(1).tokenType !== K.IN || this.LA(2).tokenType === L.LParen,
      DEF: () => {
        expr = this.OR([
          { ALT: () => { const op = this.OR1(COMPARISONS.map((t) => ({ ALT: () => this.CONSUME(t) }))); const right = this.SUBRULE1(this.additive); return { kind: 'binary', op: img(op) === '!=' ? '<>' : img(op), left: expr, right, span: this.spanFrom(start) } as Expr; } },
          { ALT: () => {
            this.CONSUME(K.IS);
            const not = this.OPTION1(() => this.CONSUME1(K.NOT)) !== undefined;
            return this.OR2([
              { ALT: () => { this.CONSUME(K.NULL); return { kind: 'isnull', not, operand: expr, span: this.spanFrom(start) } as Expr; } },
              { ALT: () => { const tok = this.OR3([{ ALT: () => this.CONSUME(K.TRUE) }, { ALT: () => this.CONSUME(K.FALSE) }, { ALT: () => this.CONSUME(K.UNKNOWN) }]); const truth = tok.tokenType === K.TRUE ? true : tok.tokenType === K.FALSE ? false : null; return { kind: 'istruth', not, truth, operand: expr, span: this.spanFrom(start) } as Expr; } },
            ]);
          } },
          { ALT: () => {
            const not = this.OPTION2(() => this.CONSUME2(K.NOT)) !== undefined;
            return this.OR4([
              { ALT: () => {
                const similar = this.OR5([{ ALT: () => { this.CONSUME(K.LIKE); return false; } }, { ALT: () => { this.CONSUME(K.SIMILAR); this.CONSUME(K.TO); return true; } }]);
                const pattern = this.SUBRULE2(this.additive);
                const escape = this.OPTION3(() => { this.CONSUME(K.ESCAPE); return this.SUBRULE3(this.additive); });
                return { kind: 'like', similar, not, operand: expr, pattern, escape, span: this.spanFrom(start) } as Expr;
              } },
              { ALT: () => {
                this.CONSUME(K.BETWEEN);
                const low = this.SUBRULE4(this.additive);
                this.CONSUME(K.AND);
                const high = this.SUBRULE5(this.additive);
                return { kind: 'between', not, operand: expr, low, high, span: this.spanFrom(start) } as Expr;
              } },
              { ALT: () => {
                this.CONSUME3(K.IN);
                this.CONSUME(L.LParen);
                const list: Expr[] = [];
                this.AT_LEAST_ONE_SEP({ SEP: L.Comma, DEF: () => list.push(this.SUBRULE(this.expression)) });
                this.CONSUME(L.RParen);
                return { kind: 'in', not, operand: expr, list, span: this.spanFrom(start) } as Expr;
              } },
            ]);
          } },
        ]);
      },
    });
    return expr;
  });

  private additive = this.RULE('additive', (): Expr => this.binaryChain(() => this.SUBRULE(this.multiplicative), () => this.SUBRULE1(this.multiplicative), [L.Plus, L.Minus, L.Concat]));
  private multiplicative = this.RULE('multiplicative', (): Expr => this.binaryChain(() => this.SUBRULE(this.unary), () => this.SUBRULE1(this.unary), [L.Star, L.Slash, L.Percent]));

  private unary = this.RULE('unary', (): Expr =>
    this.OR([
      { ALT: () => { const t = this.OR1([{ ALT: () => this.CONSUME(L.Minus) }, { ALT: () => this.CONSUME(L.Plus) }]); const operand = this.SUBRULE(this.unary); return { kind: 'unary', op: img(t), operand, span: this.spanFrom(t) } as Expr; } },
      { ALT: () => this.SUBRULE(this.primary) },
    ]),
  );

  private primary = this.RULE('primary', (): Expr =>
    this.OR([
      { ALT: () => { const t = this.CONSUME(L.NumberLiteral); const lit = this.ACTION(() => numberLiteral(img(t))); return this.literal(t, lit?.type ?? T.INTEGER, lit?.value ?? 0); } },
      { ALT: () => { const t = this.CONSUME(L.StringLiteral); const s = L.stringValue(img(t)); return this.literal(t, { name: 'CHAR', precision: s.length }, s); } },
      { ALT: () => { const t = this.CONSUME(L.UnicodeString); const s = this.ACTION(() => unicodeLiteral(L.stringValue(img(t)))); return this.literal(t, { name: 'CHAR', precision: s?.length ?? 0 }, s ?? ''); } },
      { ALT: () => { const t = this.CONSUME(L.BinaryString); const b = this.ACTION(() => binaryLiteral(img(t))); return this.literal(t, { name: 'BINARY', precision: b?.length ?? 0 }, b ?? null); } },
      { ALT: () => this.literal(this.CONSUME(K.TRUE), T.BOOLEAN, true) },
      { ALT: () => this.literal(this.CONSUME(K.FALSE), T.BOOLEAN, false) },
      { ALT: () => this.literal(this.CONSUME(K.NULL), T.NULL, null) },
      { ALT: () => this.literal(this.CONSUME(K.UNKNOWN), T.BOOLEAN, null) },
      { ALT: () => this.SUBRULE(this.interval) },
      { ALT: () => {
        const t = this.OR2([{ ALT: () => this.CONSUME(K.TIMESTAMP) }, { ALT: () => this.CONSUME(K.DATE) }, { ALT: () => this.CONSUME(K.TIME) }]);
        const text = this.CONSUME1(L.StringLiteral);
        return this.ACTION(() => {
          const lit = typedLiteral(img(t).toUpperCase(), L.stringValue(img(text)));
          if (!lit) throw new SqlError(`Illegal ${img(t).toUpperCase()} literal '${L.stringValue(img(text))}'`, this.spanFrom(t));
          return this.literal(t, lit.type, lit.value);
        });
      } },
      { ALT: () => this.SUBRULE(this.caseExpr) },
      { ALT: () => {
        const t = this.CONSUME(K.CAST);
        this.CONSUME(L.LParen);
        const operand = this.SUBRULE(this.expression);
        this.CONSUME(K.AS);
        const type = this.SUBRULE(this.dataType);
        this.CONSUME(L.RParen);
        return { kind: 'cast', operand, type, span: this.spanFrom(t) } as Expr;
      } },
      { ALT: () => {
        const t = this.CONSUME1(L.LParen);
        const inner = this.SUBRULE1(this.expression);
        this.CONSUME1(L.RParen);
        const unit = this.OPTION(() => this.CONSUME(L.TimeUnit));
        return unit ? ({ kind: 'qualify', operand: inner, unit: img(unit).toUpperCase(), span: this.spanFrom(t) } as Expr) : inner;
      } },
      { ALT: () => this.SUBRULE(this.nameOrCall) },
    ]),
  );

  private caseExpr = this.RULE('caseExpr', (): Expr => {
    const t = this.CONSUME(K.CASE);
    const operand = this.OPTION(() => this.SUBRULE(this.expression));
    const whens: { when: Expr; then: Expr }[] = [];
    this.AT_LEAST_ONE(() => {
      this.CONSUME(K.WHEN);
      const when = this.SUBRULE1(this.expression);
      this.CONSUME(K.THEN);
      whens.push({ when, then: this.SUBRULE2(this.expression) });
    });
    const otherwise = this.OPTION1(() => { this.CONSUME(K.ELSE); return this.SUBRULE3(this.expression); });
    this.CONSUME(K.END);
    return { kind: 'case', operand, whens, otherwise, span: this.spanFrom(t) };
  });

  private callArg = this.RULE('callArg', (): Expr =>
    this.OR([
      { ALT: () => { const t = this.CONSUME(L.Star); return { kind: 'star', span: this.spanFrom(t) } as Expr; } },
      { ALT: () => { const t = this.OR1([{ ALT: () => this.CONSUME(L.TimeUnit) }, { ALT: () => this.CONSUME(K.BOTH) }, { ALT: () => this.CONSUME(K.LEADING) }, { ALT: () => this.CONSUME(K.TRAILING) }]); return { kind: 'unit', unit: img(t).toUpperCase(), span: this.spanFrom(t) } as Expr; } },
      { ALT: () => this.SUBRULE(this.expression) },
    ]),
  );

  private nameOrCall = this.RULE('nameOrCall', (): Expr => {
    const start = this.LA(1);
    const parts = [this.SUBRULE(this.name)];
    return this.OR([
      { ALT: () => {
        this.CONSUME(L.LParen);
        const args: Expr[] = [];
        const seps: string[] = [];
        const distinct = this.OPTION(() => this.OR1([{ ALT: () => this.CONSUME(K.DISTINCT) }, { ALT: () => this.CONSUME(K.ALL) }]))?.tokenType === K.DISTINCT;
        this.OPTION1(() => {
          args.push(this.SUBRULE(this.callArg));
          this.MANY(() => {
            const sep = this.OPTION2(() => this.OR2(SEPARATORS.map((s) => ({ ALT: () => this.CONSUME(s) }))));
            seps.push(sep ? img(sep).toUpperCase() : '');
            args.push(this.SUBRULE1(this.callArg));
          });
        });
        this.CONSUME(L.RParen);
        const nulls = this.OPTION3(() => { const t = this.OR3([{ ALT: () => this.CONSUME(K.IGNORE) }, { ALT: () => this.CONSUME(K.RESPECT) }]); this.CONSUME(K.NULLS); return t.tokenType === K.IGNORE; });
        const over = this.OPTION4(() => { this.CONSUME(K.OVER); return this.SUBRULE(this.windowRef); });
        return { kind: 'call', name: parts[0], args, seps, distinct, over, ignoreNulls: nulls, span: this.spanFrom(start) } as Expr;
      } },
      { ALT: () => {
        let star = false;
        this.MANY1(() => {
          this.CONSUME(L.Dot);
          this.OR4([{ ALT: () => { this.CONSUME1(L.Star); star = true; } }, { ALT: () => parts.push(this.SUBRULE1(this.name)) }]);
        });
        return (star ? { kind: 'star', qualifier: parts[0], span: this.spanFrom(start) } : { kind: 'ident', parts, span: this.spanFrom(start) }) as Expr;
      } },
    ]);
  });

}

function joinSpan(a: Span, b: Span): Span {
  return { line: a.line, column: a.column, endLine: b.endLine, endColumn: b.endColumn };
}

