/**
 * Time values are UTC milliseconds (KDA has no time zones: the clock is UTC and TIMESTAMP has
 * millisecond precision, so finer input digits are truncated). Formats follow Java's
 * SimpleDateFormat for the letters applications use.
 */

export const UNIT_MS: Record<string, number> = { MILLISECOND: 1, SECOND: 1000, MINUTE: 60_000, HOUR: 3_600_000, DAY: 86_400_000, WEEK: 7 * 86_400_000 };
export const MONTH_UNITS: Record<string, number> = { MONTH: 1, QUARTER: 3, YEAR: 12, DECADE: 120, CENTURY: 1200, MILLENNIUM: 12000 };

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `yyyy-MM-dd HH:mm:ss.SSS`: how timestamps print in output rows and CAST(ts AS VARCHAR). */
export function formatTimestamp(ms: number): string {
  const d = new Date(ms);
  return `${formatDate(ms)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
}

export function formatDate(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function formatTime(ms: number): string {
  return formatTimestamp(ms).slice(11);
}

/**
 * Parse `1992-02-14`, `1992-02-14 18:35:44.0`, ISO `2018-06-13T14:11:05.766191[Z]`, or a time of day
 * alone (`18:35:44`, for TIME). Fraction digits beyond milliseconds are truncated.
 */
export function parseTimestamp(text: string): number | undefined {
  const m = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(?:Z|[+-]00:?00)?\s*$/.exec(text);
  if (!m) return parseTime(text);
  const ms = Number((m[7] ?? '0').slice(0, 3).padEnd(3, '0'));
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), ms);
  const back = new Date(t);
  return back.getUTCDate() === Number(m[3]) && back.getUTCMonth() === Number(m[2]) - 1 ? t : undefined;
}

export function parseTime(text: string): number | undefined {
  const m = /^\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*$/.exec(text);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59 || Number(m[3] ?? 0) > 59) return undefined;
  return ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3] ?? 0)) * 1000 + Number((m[4] ?? '0').slice(0, 3).padEnd(3, '0'));
}

export function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  const target = d.getUTCMonth() + months;
  const year = d.getUTCFullYear() + Math.floor(target / 12);
  const month = ((target % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(d.getUTCDate(), last), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
}

/** FLOOR(t TO unit). */
export function floorTo(ms: number, unit: string): number {
  if (UNIT_MS[unit]) return Math.floor(ms / UNIT_MS[unit]) * UNIT_MS[unit];
  const d = new Date(ms);
  const months = d.getUTCFullYear() * 12 + d.getUTCMonth();
  const floored = months - (((months % MONTH_UNITS[unit]) + MONTH_UNITS[unit]) % MONTH_UNITS[unit]);
  return Date.UTC(Math.floor(floored / 12), floored % 12, 1);
}

/** CEIL(t TO unit). */
export function ceilTo(ms: number, unit: string): number {
  const f = floorTo(ms, unit);
  if (f === ms) return ms;
  return UNIT_MS[unit] ? f + UNIT_MS[unit] : addMonths(f, MONTH_UNITS[unit]);
}

/** EXTRACT(field FROM t) for TIMESTAMP/DATE/TIME values. */
export function extractField(field: string, ms: number): number {
  const d = new Date(ms);
  switch (field) {
    case 'YEAR': return d.getUTCFullYear();
    case 'MONTH': return d.getUTCMonth() + 1;
    case 'DAY': return d.getUTCDate();
    case 'HOUR': return d.getUTCHours();
    case 'MINUTE': return d.getUTCMinutes();
    case 'SECOND': return d.getUTCSeconds();
    case 'MILLISECOND': return d.getUTCMilliseconds();
    case 'QUARTER': return Math.floor(d.getUTCMonth() / 3) + 1;
    case 'DOW': return d.getUTCDay() + 1;
    case 'DOY': return Math.floor((ms - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
    case 'EPOCH': return Math.floor(ms / 1000);
    default: throw new Error(`EXTRACT of ${field} is not supported`);
  }
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Split a SimpleDateFormat pattern into letter runs and literal text ('quoted' or not a letter). */
function tokens(pattern: string): { letter?: string; width: number; text?: string }[] {
  const out: { letter?: string; width: number; text?: string }[] = [];
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i];
    if (c === "'") {
      const end = pattern.indexOf("'", i + 1);
      const text = end === i + 1 ? "'" : pattern.slice(i + 1, end < 0 ? undefined : end);
      out.push({ width: 0, text });
      i = end < 0 ? pattern.length : end + 1;
    } else if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (pattern[j] === c) j++;
      out.push({ letter: c, width: j - i });
      i = j;
    } else {
      out.push({ width: 0, text: c });
      i++;
    }
  }
  return out;
}

/** TIMESTAMP_TO_CHAR(pattern, t). */
export function formatPattern(pattern: string, ms: number): string {
  const d = new Date(ms);
  const h = d.getUTCHours();
  const fields: Record<string, (w: number) => string> = {
    y: (w) => (w === 2 ? pad(d.getUTCFullYear() % 100) : pad(d.getUTCFullYear(), w)),
    M: (w) => (w >= 4 ? MONTHS[d.getUTCMonth()] : w === 3 ? MONTHS[d.getUTCMonth()].slice(0, 3) : pad(d.getUTCMonth() + 1, w)),
    d: (w) => pad(d.getUTCDate(), w),
    H: (w) => pad(h, w),
    k: (w) => pad(h === 0 ? 24 : h, w),
    h: (w) => pad(h % 12 === 0 ? 12 : h % 12, w),
    K: (w) => pad(h % 12, w),
    m: (w) => pad(d.getUTCMinutes(), w),
    s: (w) => pad(d.getUTCSeconds(), w),
    S: (w) => pad(d.getUTCMilliseconds(), Math.max(w, 3)).slice(0, Math.max(w, 3)),
    a: () => (h < 12 ? 'AM' : 'PM'),
    E: (w) => (w >= 4 ? DAYS[d.getUTCDay()] : DAYS[d.getUTCDay()].slice(0, 3)),
    D: (w) => pad(extractField('DOY', ms), w),
    Z: () => '+0000',
    z: () => 'UTC',
    X: () => 'Z',
  };
  return tokens(pattern).map((t) => (t.letter ? (fields[t.letter]?.(t.width) ?? '') : t.text)).join('');
}

/** CHAR_TO_TIMESTAMP(pattern, text); undefined when the text does not fit the pattern. */
export function parsePattern(pattern: string, text: string): number | undefined {
  const parts = { y: 1970, M: 1, d: 1, H: 0, m: 0, s: 0, S: 0, pm: false, h12: false };
  let i = 0;
  for (const t of tokens(pattern)) {
    if (!t.letter) {
      if (text.slice(i, i + t.text!.length) !== t.text) return undefined;
      i += t.text!.length;
      continue;
    }
    if (t.letter === 'a') {
      parts.pm = /^pm/i.test(text.slice(i, i + 2));
      i += 2;
      continue;
    }
    if (t.letter === 'M' && t.width >= 3) {
      const idx = MONTHS.findIndex((name) => text.slice(i).toLowerCase().startsWith((t.width === 3 ? name.slice(0, 3) : name).toLowerCase()));
      if (idx < 0) return undefined;
      parts.M = idx + 1;
      i += t.width === 3 ? 3 : MONTHS[idx].length;
      continue;
    }
    const m = /^\d+/.exec(text.slice(i, i + (t.width > 1 && t.letter !== 'y' ? t.width : 9)));
    if (!m) return undefined;
    i += m[0].length;
    const n = Number(m[0]);
    if (t.letter === 'h' || t.letter === 'K') { parts.H = n % 12; parts.h12 = true; }
    else if (t.letter === 'k') parts.H = n % 24;
    else if (t.letter === 'S') parts.S = Number(m[0].slice(0, 3).padEnd(3, '0'));
    else if (t.letter in parts) (parts as unknown as Record<string, number>)[t.letter] = n;
  }
  if (i !== text.length) return undefined;
  if (parts.h12 && parts.pm) parts.H += 12;
  return Date.UTC(parts.y, parts.M - 1, parts.d, parts.H, parts.m, parts.s, parts.S);
}
