/**
 * An input's Lambda preprocessor (InputProcessingConfiguration.InputLambdaProcessor), run on the
 * records read before they are mapped by the InputSchema. As on KDA, an invocation that fails or
 * answers improperly is retried on the same records "until successful": here a few times within
 * the run, after which the run fails without saving anything, and the next run reads the same
 * records again and retries (the application falls behind meanwhile; nothing is skipped).
 */
import { randomUUID } from 'node:crypto';
import type { Runtime } from '../../runtime/context';
import { eventBatches, preprocessingEvent, preprocessingRecord, readPreprocessingResponse, type LambdaFunction, type Preprocessed, type SourceRecord } from '../domain/lambda-events';

/** Invocations per batch within one run, with PREPROCESS_BACKOFF_MS doubling between them. */
const PREPROCESS_ATTEMPTS = 4;
const PREPROCESS_BACKOFF_MS = 500;

export interface PreprocessResult {
  ok: { record: SourceRecord; data: Buffer }[];
  failed: SourceRecord[];
}

export class PreprocessingFailed extends Error {}

/** Runs the records through the function, in batches of at most Lambda's payload, in order. */
export async function preprocess(
  rt: Runtime,
  processor: LambdaFunction,
  applicationArn: string,
  streamArn: string,
  records: SourceRecord[],
  attempts = PREPROCESS_ATTEMPTS,
): Promise<PreprocessResult> {
  const result: PreprocessResult = { ok: [], failed: [] };
  const prepared = records.map((record) => ({ record, event: preprocessingRecord(record) }));
  for (const batch of eventBatches(prepared, (p) => JSON.stringify(p.event).length)) {
    const answers = await invokeUntilAnswered(rt, processor, applicationArn, streamArn, batch.map((p) => p.event), attempts);
    batch.forEach(({ record }, i) => {
      const a = answers[i];
      if (a.result === 'Ok') result.ok.push({ record, data: a.data });
      else if (a.result === 'ProcessingFailed') result.failed.push(record);
    });
  }
  return result;
}

async function invokeUntilAnswered(
  rt: Runtime,
  processor: LambdaFunction,
  applicationArn: string,
  streamArn: string,
  events: ReturnType<typeof preprocessingRecord>[],
  attempts: number,
): Promise<Preprocessed[]> {
  const ids = events.map((e) => e.recordId);
  let why = '';
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (attempt) await rt.sleep(PREPROCESS_BACKOFF_MS * 2 ** (attempt - 1));
    try {
      const response = await rt.destinations.invokeLambda(processor.functionArn, preprocessingEvent(randomUUID(), applicationArn, streamArn, events), processor.roleArn);
      const answers = readPreprocessingResponse(response, ids);
      if (typeof answers !== 'string') return answers;
      why = answers;
    } catch (e) {
      why = (e as Error).message;
    }
  }
  throw new PreprocessingFailed(`input processing function ${processor.functionArn} failed ${attempts} times on ${ids.length} records: ${why}`);
}
