/**
 * Tokens of the KDA SQL dialect. Keywords are case-insensitive and only the words the grammar needs
 * are keywords: function names (COUNT, FIRST_VALUE, STEP…) and type names stay identifiers, so
 * `count(*)`, `first_value` and `"ROWTIME"` all lex the same way as in the hosted service.
 */
import { createToken, Lexer, type IToken, type TokenType } from 'chevrotain';

export const Identifier = createToken({ name: 'Identifier', pattern: /[A-Za-z_][A-Za-z0-9_$]*/ });

const KEYWORDS = [
  'CREATE', 'OR', 'REPLACE', 'STREAM', 'PUMP', 'AS', 'INSERT', 'INTO', 'SELECT', 'DISTINCT', 'ALL', 'FROM', 'WHERE',
  'GROUP', 'BY', 'HAVING', 'WINDOW', 'WINDOWED', 'STAGGER', 'PARTITION', 'RANGE', 'ROWS', 'ROW', 'PRECEDING',
  'CURRENT', 'OVER', 'ORDER', 'ASC', 'DESC', 'UNION', 'JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'OUTER', 'CROSS',
  'ON', 'AND', 'NOT', 'IS', 'NULL', 'TRUE', 'FALSE', 'UNKNOWN', 'LIKE', 'SIMILAR', 'TO', 'ESCAPE', 'BETWEEN', 'IN',
  'CASE', 'WHEN', 'THEN', 'ELSE', 'END', 'CAST', 'INTERVAL', 'TIMESTAMP', 'DATE', 'TIME', 'TABLE', 'CURSOR',
  'DESCRIPTION', 'FOR', 'PLACING', 'BOTH', 'LEADING', 'TRAILING', 'IGNORE', 'RESPECT', 'NULLS', 'VALUES',
  'YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE', 'SECOND', 'MILLISECOND', 'QUARTER', 'WEEK',
] as const;

type Keyword = (typeof KEYWORDS)[number];

/** Units usable in INTERVAL literals, FLOOR/CEIL … TO, EXTRACT and `(a - b) SECOND`. */
export const TimeUnit = createToken({ name: 'TimeUnit', pattern: Lexer.NA });

const UNITS = new Set(['YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE', 'SECOND', 'MILLISECOND', 'QUARTER', 'WEEK']);

export const K = Object.fromEntries(
  KEYWORDS.map((word) => [
    word,
    createToken({ name: word, pattern: new RegExp(`${word}(?![A-Za-z0-9_$])`, 'i'), longer_alt: Identifier, categories: UNITS.has(word) ? [TimeUnit] : [] }),
  ]),
) as Record<Keyword, TokenType>;

export const QuotedIdentifier = createToken({ name: 'QuotedIdentifier', pattern: /"(?:[^"]|"")*"/ });
export const StringLiteral = createToken({ name: 'StringLiteral', pattern: /'(?:[^']|'')*'/ });
export const UnicodeString = createToken({ name: 'UnicodeString', pattern: /U&'(?:[^']|'')*'/i });
export const BinaryString = createToken({ name: 'BinaryString', pattern: /X'[0-9A-Fa-f\s]*'/i });
export const NumberLiteral = createToken({ name: 'NumberLiteral', pattern: /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/ });

const op = (name: string, pattern: string) => createToken({ name, pattern });
export const LParen = op('LParen', '(');
export const RParen = op('RParen', ')');
export const Comma = op('Comma', ',');
export const Dot = op('Dot', '.');
export const Semicolon = op('Semicolon', ';');
export const Concat = op('Concat', '||');
export const NotEquals = createToken({ name: 'NotEquals', pattern: /<>|!=/ });
export const LessEq = op('LessEq', '<=');
export const GreaterEq = op('GreaterEq', '>=');
export const Less = op('Less', '<');
export const Greater = op('Greater', '>');
export const Equals = op('Equals', '=');
export const Plus = op('Plus', '+');
export const Minus = op('Minus', '-');
export const Star = op('Star', '*');
export const Slash = op('Slash', '/');
export const Percent = op('Percent', '%');

const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /\s+/, group: Lexer.SKIPPED });
const LineComment = createToken({ name: 'LineComment', pattern: /(?:--|\/\/)[^\n\r]*/, group: Lexer.SKIPPED });
const BlockComment = createToken({ name: 'BlockComment', pattern: /\/\*[\s\S]*?\*\//, group: Lexer.SKIPPED });

export const allTokens: TokenType[] = [
  WhiteSpace, LineComment, BlockComment, UnicodeString, BinaryString, StringLiteral, QuotedIdentifier, NumberLiteral,
  TimeUnit, ...Object.values(K), Identifier,
  LParen, RParen, Comma, Dot, Semicolon, Concat, NotEquals, LessEq, GreaterEq, Less, Greater, Equals, Plus, Minus, Star, Slash, Percent,
];

export const sqlLexer = new Lexer(allTokens, { ensureOptimizations: false, positionTracking: 'full' });

/** Unquoted identifiers are stored upper-case; quoted ones keep their case ("" is a quote). */
export function identifierName(image: string): string {
  return image.startsWith('"') ? image.slice(1, -1).replace(/""/g, '"') : image.toUpperCase();
}

export function stringValue(image: string): string {
  return image.slice(image.indexOf("'") + 1, -1).replace(/''/g, "'");
}

/** A token's text; empty while chevrotain records the grammar with placeholder tokens. */
export const img = (t: IToken | undefined) => t?.image ?? '';
