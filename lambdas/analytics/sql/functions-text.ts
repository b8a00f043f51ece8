/**
 * String, pattern and log-parsing functions. Patterns are Java regular expressions; the ones
 * applications write (classes, groups, quantifiers, \w \d \s) mean the same in JS. LIKE and
 * SIMILAR TO are case-sensitive whole-string matches. Log parsers return a ROW value whose fields
 * (COLUMN1…n, or the names a VARIABLE_COLUMN_LOG_PARSE spec gives) are read as `alias.col.FIELD`.
 */
import type { Expr } from './ast';
import { castFn } from './cast';
import type { Compiled } from './compile-expr';
import { badArgument, SqlError } from './errors';
import { arity, expect, strict, type Builder, type Call } from './functions';
import { T, isNumeric, isString, parseTypeName, typeOf, type Column, type Value } from './types';
import { numericTo } from './arith';

const REGEX_SPECIALS = /[.*+?^${}()|[\]\\]/g;

/** LIKE (`%`, `_`) or SIMILAR TO (those plus `| * + ? {m,n} [] ()`), compiled once per pattern. */
export function likeMatcher(similar: boolean): (pattern: string, escape?: string) => RegExp {
  const cache = new Map<string, RegExp>();
  return (pattern, escape) => {
    const key = `${escape ?? ''}\u0000${pattern}`;
    let re = cache.get(key);
    if (re) return re;
    let src = '';
    for (let i = 0; i < pattern.length; i++) {
      const ch = pattern[i];
      if (escape && ch === escape && i + 1 < pattern.length) src += pattern[++i].replace(REGEX_SPECIALS, '\\$&');
      else if (ch === '%') src += '[\\s\\S]*';
      else if (ch === '_') src += '[\\s\\S]';
      else if (similar && '|*+?{}()[]'.includes(ch)) src += ch;
      else src += ch.replace(REGEX_SPECIALS, '\\$&');
    }
    re = new RegExp(`^(?:${src})$`, 'u');
    if (cache.size > 256) cache.clear();
    cache.set(key, re);
    return re;
  };
}

function regex(call: Call, pattern: string): RegExp {
  try {
    return new RegExp(pattern, 'g');
  } catch (e) {
    throw new SqlError(`Invalid regular expression '${pattern}': ${(e as Error).message}`, call.span);
  }
}

/** Java's Matcher.appendReplacement: `$n` is group n, `\x` is x literally. */
function javaReplacement(replacement: string): (m: RegExpExecArray) => string {
  const parts: (string | number)[] = [];
  for (let i = 0; i < replacement.length; i++) {
    const ch = replacement[i];
    if (ch === '\\' && i + 1 < replacement.length) parts.push(replacement[++i]);
    else if (ch === '$' && /\d/.test(replacement[i + 1] ?? '')) parts.push(Number(replacement[++i]));
    else parts.push(ch);
  }
  return (m) => parts.map((p) => (typeof p === 'number' ? (m[p] ?? '') : p)).join('');
}

function literalText(call: Call, e: Expr | undefined, what: string): string {
  if (e?.kind !== 'literal' || typeof e.value !== 'string') throw new SqlError(`${call.name} needs a literal ${what}`, call.span);
  return e.value;
}

const textArg = (call: Call, c: (e: Expr) => Compiled, i: number) => {
  const x = c(call.args[i]);
  expect(call, x, isString, 'VARCHAR');
  return x;
};

const intArg = (call: Call, c: (e: Expr) => Compiled, i: number) => {
  const x = c(call.args[i]);
  expect(call, x, isNumeric, 'INTEGER');
  const n = numericTo(x.type, T.DOUBLE);
  return { type: x.type, fn: (v: Value[], t: number) => { const a = x.fn(v, t); return a === null ? null : Math.trunc(n(a) as number); } };
};

function substring(call: Call, c: (e: Expr) => Compiled): Compiled {
  arity(call, 2, 3);
  const s = textArg(call, c, 0);
  const args = [s, intArg(call, c, 1), ...(call.args[2] ? [intArg(call, c, 2)] : [])];
  return strict(typeOf('VARCHAR', s.type.precision), args, (str: string, start: number, len?: number) => {
    if (len !== undefined && len < 0) throw badArgument('SUBSTRING', `negative substring length ${len}`);
    const end = len === undefined ? str.length + 1 : start + len;
    return str.slice(Math.max(start, 1) - 1, Math.max(Math.min(end, str.length + 1), 1) - 1);
  });
}

function trim(call: Call, c: (e: Expr) => Compiled): Compiled {
  arity(call, 1, 3);
  const args = [...call.args];
  const mode = args[0]?.kind === 'unit' ? (args.shift() as { unit: string }).unit : 'BOTH';
  const s = textArg({ ...call, args }, c, args.length - 1);
  const chars = args.length > 1 ? textArg({ ...call, args }, c, 0) : { type: T.VARCHAR, fn: () => ' ' };
  return strict(s.type, [chars, s], (ch: string, str: string) => {
    let a = 0;
    let b = str.length;
    if (mode !== 'TRAILING') while (a < b && ch.includes(str[a])) a++;
    if (mode !== 'LEADING') while (b > a && ch.includes(str[b - 1])) b--;
    return str.slice(a, b);
  });
}

function regexReplace(call: Call, c: (e: Expr) => Compiled): Compiled {
  arity(call, 5);
  const re = regex(call, literalText(call, call.args[1], 'pattern'));
  const replace = javaReplacement(literalText(call, call.args[2], 'replacement'));
  return strict(T.VARCHAR, [textArg(call, c, 0), intArg(call, c, 3), intArg(call, c, 4)], (s: string, start: number, occurrence: number) => {
    if (start < 1) throw badArgument('REGEX_REPLACE', `startPosition ${start} is less than 1`);
    if (occurrence < 0) throw badArgument('REGEX_REPLACE', `occurrence ${occurrence} is negative`);
    if (start > s.length) return s;
    let out = s.slice(0, start - 1);
    let last = start - 1;
    let n = 0;
    re.lastIndex = start - 1;
    for (let m = re.exec(s); m; m = re.exec(s)) {
      n++;
      if (occurrence === 0 || n === occurrence) { out += s.slice(last, m.index) + replace(m); last = m.index + m[0].length; }
      if (m[0].length === 0) re.lastIndex++;
      if (occurrence !== 0 && n >= occurrence) break;
    }
    return out + s.slice(last);
  });
}

const columns = (n: number): Column[] => Array.from({ length: n }, (_, i) => ({ name: `COLUMN${i + 1}`, type: T.VARCHAR }));

function regexLogParse(call: Call, c: (e: Expr) => Compiled): Compiled {
  arity(call, 2);
  const re = regex(call, literalText(call, call.args[1], 'pattern'));
  const groups = new RegExp(`${re.source}|`).exec('')!.length - 1;
  return strict({ name: 'ROW', fields: columns(groups) }, [textArg(call, c, 0)], (s: string) => {
    re.lastIndex = 0;
    const m = re.exec(s);
    return m ? m.slice(1).map((g) => g ?? null) : null;
  });
}

/** Apache log fields: bare words, "quoted strings" and [bracketed dates]. */
function w3cLogParse(call: Call, c: (e: Expr) => Compiled): Compiled {
  arity(call, 2);
  const format = literalText(call, call.args[1], 'format').toUpperCase();
  const count = format === 'COMMON' ? 7 : format === 'COMBINED' ? 9 : 0;
  if (!count) throw new SqlError(`W3C_LOG_PARSE format '${format}' is not supported (COMMON, COMBINED)`, call.span);
  return strict({ name: 'ROW', fields: columns(count) }, [textArg(call, c, 0)], (s: string) => {
    const fields = [...s.matchAll(/\[([^\]]*)\]|"((?:[^"\\]|\\.)*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
    return Array.from({ length: count }, (_, i) => fields[i] ?? null);
  });
}

function variableColumnLogParse(call: Call, c: (e: Expr) => Compiled): Compiled {
  arity(call, 3, 5);
  const spec = call.args[1];
  const fields: Column[] =
    spec.kind === 'literal' && typeof spec.value === 'number'
      ? columns(spec.value)
      : literalText(call, spec, 'column specification').split(',').map((part) => {
          const m = /^\s*("?)([^"\s]+)\1\s+TYPE\s+(.+?)\s*$/i.exec(part);
          const type = m && parseTypeName(m[3]);
          if (!m || !type) throw new SqlError(`Bad column specification '${part.trim()}'`, call.span);
          return { name: m[1] ? m[2] : m[2].toUpperCase(), type };
        });
  const delimiter = literalText(call, call.args[2], 'delimiter');
  const casts = fields.map((f) => castFn(T.VARCHAR, f.type));
  return strict({ name: 'ROW', fields }, [textArg(call, c, 0)], (s: string) => {
    const parts = s.split(delimiter);
    return fields.map((_, i) => (parts[i] === undefined || parts[i] === '' ? null : casts[i](parts[i])));
  });
}

const stringFn = (f: (s: string) => Value, type = (t: Compiled) => t.type): Builder => (call, c) => {
  arity(call, 1);
  const s = textArg(call, c, 0);
  return strict(type(s), [s], f);
};

const initcap = (s: string) => s.toLowerCase().replace(/(^|[^\p{L}\p{N}])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());

export const TEXT_FUNCTIONS: Record<string, Builder> = {
  UPPER: stringFn((s) => s.toUpperCase()),
  LOWER: stringFn((s) => s.toLowerCase()),
  INITCAP: stringFn(initcap),
  CHAR_LENGTH: stringFn((s) => [...s].length, () => T.INTEGER),
  CHARACTER_LENGTH: stringFn((s) => [...s].length, () => T.INTEGER),
  SUBSTRING: substring,
  TRIM: trim,
  POSITION: (call, c) => { arity(call, 2); return strict(T.INTEGER, [textArg(call, c, 0), textArg(call, c, 1)], (sub: string, s: string) => s.indexOf(sub) + 1); },
  OVERLAY: (call, c) => {
    arity(call, 3, 4);
    const args = [textArg(call, c, 0), textArg(call, c, 1), intArg(call, c, 2), ...(call.args[3] ? [intArg(call, c, 3)] : [])];
    return strict(T.VARCHAR, args, (s: string, r: string, start: number, len?: number) => s.slice(0, start - 1) + r + s.slice(start - 1 + (len ?? r.length)));
  },
  REGEX_REPLACE: regexReplace,
  REGEX_LOG_PARSE: regexLogParse,
  FAST_REGEX_LOG_PARSE: regexLogParse,
  W3C_LOG_PARSE: w3cLogParse,
  VARIABLE_COLUMN_LOG_PARSE: variableColumnLogParse,
};
