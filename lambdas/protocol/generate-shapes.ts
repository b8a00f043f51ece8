/**
 * Reads the AWS Smithy models (../shared/models) and writes the condensed operation and
 * constraint tables that the validator uses. The output is committed, so neither the build nor
 * the runtime needs the models: run `npm run generate` after a model update.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServiceModel, Shape } from './service-model';

type SmithyShape = {
  type: string;
  members?: Record<string, { target: string; traits?: Record<string, unknown> }>;
  member?: { target: string };
  key?: { target: string };
  value?: { target: string };
  input?: { target: string };
  output?: { target: string };
  errors?: { target: string }[];
  traits?: Record<string, any>;
};

const here = dirname(fileURLToPath(import.meta.url));
const modelsDir = process.argv[2] ?? join(here, '../../../shared/models');

const services: { file: string; out: string }[] = [
  { file: 'kinesis.json', out: 'kinesis.json' },
  { file: 'firehose.json', out: 'firehose.json' },
  { file: 'kinesis-analytics.json', out: 'kinesis-analytics.json' },
  { file: 'kinesis-analytics-v2.json', out: 'kinesis-analytics-v2.json' },
];

const primitive: Record<string, Shape['type']> = {
  'smithy.api#String': 'string',
  'smithy.api#Boolean': 'boolean',
  'smithy.api#PrimitiveBoolean': 'boolean',
  'smithy.api#Integer': 'integer',
  'smithy.api#PrimitiveInteger': 'integer',
  'smithy.api#Long': 'long',
  'smithy.api#PrimitiveLong': 'long',
  'smithy.api#Double': 'double',
  'smithy.api#Timestamp': 'timestamp',
  'smithy.api#Blob': 'blob',
  'smithy.api#Unit': 'structure',
};

/** Java's possessive quantifiers (`\d{1}+`) do not exist in JavaScript; on these anchored patterns the greedy form matches the same strings. */
function jsPattern(pattern: string): string {
  return pattern.replace(/(?<!\\)([}*+?])\+/g, '$1');
}

function shortName(id: string): string {
  return primitive[id] ? id : id.slice(id.indexOf('#') + 1);
}

function condense(model: Record<string, SmithyShape>): ServiceModel {
  const out: ServiceModel = { targetPrefix: '', operations: {}, shapes: {} };
  const visit = (id: string): string => {
    const name = shortName(id);
    if (primitive[id]) {
      out.shapes[name] ??= { type: primitive[id] };
      return name;
    }
    if (out.shapes[name]) return name;
    const s = model[id];
    if (!s) throw new Error(`unknown shape ${id}`);
    const shape: Shape = { type: s.type === 'union' ? 'structure' : (s.type as Shape['type']) };
    out.shapes[name] = shape;
    const t = s.traits ?? {};
    if (t['smithy.api#length']) shape.length = [t['smithy.api#length'].min ?? null, t['smithy.api#length'].max ?? null];
    if (t['smithy.api#range']) shape.range = [t['smithy.api#range'].min ?? null, t['smithy.api#range'].max ?? null];
    if (t['smithy.api#pattern']) shape.pattern = jsPattern(t['smithy.api#pattern']);
    if (s.type === 'enum') {
      shape.type = 'string';
      shape.enum = Object.values(s.members ?? {}).map((m) => String(m.traits?.['smithy.api#enumValue']));
    }
    if (s.type === 'structure' || s.type === 'union') {
      shape.members = {};
      for (const [m, def] of Object.entries(s.members ?? {})) {
        shape.members[m] = { target: visit(def.target), ...(def.traits?.['smithy.api#required'] ? { required: true } : {}) };
      }
    }
    if (s.type === 'list') shape.member = visit(s.member!.target);
    if (s.type === 'map') {
      shape.key = visit(s.key!.target);
      shape.value = visit(s.value!.target);
    }
    return name;
  };
  for (const [id, s] of Object.entries(model)) {
    if (s.type === 'service') out.targetPrefix = id.slice(id.indexOf('#') + 1);
    if (s.type !== 'operation') continue;
    const eventStream = s.output && eventStreamMember(model, s.output.target);
    out.operations[shortName(id)] = {
      input: s.input ? visit(s.input.target) : null,
      errors: (s.errors ?? []).map((e) => shortName(e.target)),
      ...(eventStream ? { eventStream } : {}),
    };
  }
  return out;
}

/** The output member that is an event stream (a union with the streaming trait), if any. */
function eventStreamMember(model: Record<string, SmithyShape>, outputId: string): string | undefined {
  const members = Object.entries(model[outputId]?.members ?? {});
  return members.find(([, m]) => model[m.target]?.traits?.['smithy.api#streaming'] !== undefined && model[m.target].type === 'union')?.[0];
}

for (const svc of services) {
  const model = JSON.parse(readFileSync(join(modelsDir, svc.file), 'utf8')).shapes as Record<string, SmithyShape>;
  const condensed = condense(model);
  writeFileSync(join(here, 'generated', svc.out), JSON.stringify(condensed, null, 1) + '\n');
  console.log(`${svc.out}: ${Object.keys(condensed.operations).length} operations, ${Object.keys(condensed.shapes).length} shapes`);
}
