/**
 * S3 object keys as Firehose makes them: an evaluated prefix (the default `YYYY/MM/dd/HH/`, or the
 * configured one with its `!{namespace:value}` expressions) followed by
 * `<stream>-<version>-<yyyy-MM-dd-HH-mm-ss>-<uuid><extension>`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { formatInTimeZone } from 'date-fns-tz';
import { InvalidArgumentException } from '../../protocol/errors';

const EXPRESSION = /!\{([a-zA-Z]+):([^}]*)\}/g;
const DEFAULT_TIME_PREFIX = 'yyyy/MM/dd/HH/';

export type ErrorOutputType = 'processing-failed' | 'format-conversion-failed';

/** Java DateTimeFormatter patterns of the kind Firehose accepts map one to one onto date-fns tokens. */
function timestamp(pattern: string, at: number, zone: string): string {
  return formatInTimeZone(at, zone, pattern);
}

function randomString(): string {
  return randomBytes(16).toString('base64').replace(/[^a-zA-Z0-9]/g, '').slice(0, 11).padEnd(11, '0');
}

/** Evaluates a prefix at the arrival time of the oldest record in the object. */
export function evaluatePrefix(prefix: string | undefined, at: number, zone = 'UTC', errorType?: ErrorOutputType): string {
  const base = prefix ?? '';
  const hasTimestamp = /!\{timestamp:/.test(base);
  const evaluated = base.replace(EXPRESSION, (_, namespace: string, value: string) => {
    if (namespace === 'timestamp') return timestamp(value, at, zone);
    if (namespace === 'firehose' && value === 'random-string') return randomString();
    if (namespace === 'firehose' && value === 'error-output-type') return errorType ?? '';
    return '';
  });
  // A prefix without a timestamp expression gets the default time path appended.
  return hasTimestamp ? evaluated : evaluated + timestamp(DEFAULT_TIME_PREFIX, at, zone);
}

export function objectName(stream: string, version: number, at: number, extension: string, zone = 'UTC'): string {
  return `${stream}-${version}-${formatInTimeZone(at, zone, 'yyyy-MM-dd-HH-mm-ss')}-${randomUUID()}${extension}`;
}

/** The create/update-time rules for Prefix and ErrorOutputPrefix. */
export function checkPrefixes(prefix: string | undefined, errorPrefix: string | undefined): void {
  const expressions = (p: string | undefined) => [...(p ?? '').matchAll(EXPRESSION)].map((m) => `${m[1]}:${m[2]}`);
  for (const [name, p] of [['Prefix', prefix], ['ErrorOutputPrefix', errorPrefix]] as const) {
    if ((p ?? '').replace(EXPRESSION, '').includes('!{')) {
      throw new InvalidArgumentException(`${name} contains invalid characters: "!{" may appear only at the start of an expression.`);
    }
    for (const e of expressions(p)) {
      const [namespace, value] = e.split(':');
      const known = namespace === 'timestamp' || (namespace === 'firehose' && ['random-string', 'error-output-type'].includes(value));
      if (!known) throw new InvalidArgumentException(`The expression !{${e}} in ${name} is not supported.`);
    }
  }
  if (expressions(prefix).includes('firehose:error-output-type')) {
    throw new InvalidArgumentException('The expression !{firehose:error-output-type} is allowed only in ErrorOutputPrefix.');
  }
  if (expressions(prefix).length && errorPrefix === undefined) {
    throw new InvalidArgumentException('ErrorOutputPrefix cannot be null or empty when Prefix contains expressions.');
  }
  if (expressions(errorPrefix).length && !expressions(errorPrefix).includes('firehose:error-output-type')) {
    throw new InvalidArgumentException('ErrorOutputPrefix must contain !{firehose:error-output-type} when it contains expressions.');
  }
}
