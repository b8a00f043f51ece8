/** The condensed Smithy model the validator walks (written by generate-shapes.ts). */
export interface Shape {
  type: 'structure' | 'list' | 'map' | 'string' | 'boolean' | 'integer' | 'long' | 'double' | 'timestamp' | 'blob';
  members?: Record<string, { target: string; required?: true }>;
  member?: string;
  key?: string;
  value?: string;
  length?: [number | null, number | null];
  range?: [number | null, number | null];
  pattern?: string;
  enum?: string[];
}

export interface ServiceModel {
  /** e.g. `Kinesis_20131202`: the X-Amz-Target prefix. */
  targetPrefix: string;
  /** `eventStream` names the output member an operation streams as AWS event-stream messages. */
  operations: Record<string, { input: string | null; errors: string[]; eventStream?: string }>;
  shapes: Record<string, Shape>;
}
