/** Values of literals as written in SQL text: numbers, intervals, typed date/time strings, binary. */
import { parseTime, parseTimestamp, UNIT_MS, MONTH_UNITS } from './datetime';
import { Dec } from './decimal';
import { T, typeOf, type SqlType, type Value } from './types';

export function numberLiteral(image: string): { type: SqlType; value: Value } {
  if (/[eE]/.test(image)) return { type: T.DOUBLE, value: Number(image) };
  if (image.includes('.')) {
    const d = Dec.parse(image)!;
    return { type: typeOf('DECIMAL', Math.max(d.integerDigits() + d.scale, 1), d.scale), value: d };
  }
  const n = BigInt(image);
  return n <= 2147483647n ? { type: T.INTEGER, value: Number(n) } : { type: T.BIGINT, value: n };
}

const DAY_TIME = ['DAY', 'HOUR', 'MINUTE', 'SECOND'];

/**
 * `INTERVAL '59:59.999' MINUTE TO SECOND` → ms (day-time) or months (year-month); undefined when the
 * text does not fit the qualifier.
 */
export function intervalLiteral(text: string, unit: string, toUnit: string | undefined, negative: boolean): { type: SqlType; value: number } | undefined {
  const sign = (negative ? -1 : 1) * (text.trim().startsWith('-') ? -1 : 1);
  const body = text.trim().replace(/^[+-]/, '');
  if (MONTH_UNITS[unit]) {
    const parts = body.split('-').map(Number);
    if (parts.some((p) => !Number.isInteger(p)) || parts.length !== (toUnit ? 2 : 1)) return undefined;
    const months = toUnit ? parts[0] * 12 + parts[1] : parts[0] * MONTH_UNITS[unit];
    return { type: { ...T.INTERVAL_YM, unit }, value: sign * months };
  }
  const units = toUnit ? DAY_TIME.slice(DAY_TIME.indexOf(unit), DAY_TIME.indexOf(toUnit) + 1) : [unit];
  const parts = body.split(/[\s:]+/);
  if (parts.length !== units.length || units.length === 0) return undefined;
  let ms = 0;
  for (let i = 0; i < parts.length; i++) {
    const n = Number(parts[i]);
    if (!Number.isFinite(n) || (i < parts.length - 1 && !Number.isInteger(n)) || !UNIT_MS[units[i]]) return undefined;
    ms += n * UNIT_MS[units[i]];
  }
  return { type: { ...T.INTERVAL_DT, unit: toUnit ?? unit }, value: sign * Math.round(ms) };
}

export function typedLiteral(typeName: string, text: string): { type: SqlType; value: number } | undefined {
  if (typeName === 'TIME') {
    const t = parseTime(text);
    return t === undefined ? undefined : { type: T.TIME, value: t };
  }
  const t = parseTimestamp(text);
  if (t === undefined) return undefined;
  return typeName === 'DATE' ? { type: T.DATE, value: Math.floor(t / 86_400_000) * 86_400_000 } : { type: T.TIMESTAMP, value: t };
}

export function binaryLiteral(image: string): Uint8Array {
  const hex = image.slice(2, -1).replace(/\s+/g, '');
  return Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
}

/** U&'\0041' with optional UESCAPE character (backslash by default). */
export function unicodeLiteral(body: string, escape = '\\'): string {
  const e = escape.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return body.replace(new RegExp(`${e}(\\+[0-9A-Fa-f]{6}|[0-9A-Fa-f]{4}|${e})`, 'g'), (_, code: string) =>
    code === escape ? escape : String.fromCodePoint(parseInt(code.replace('+', ''), 16)),
  );
}
