/**
 * Metering of workflows run by the local runner: a Standard execution bills its state transitions
 * (every state entered, retries included), an Express execution one request and its duration
 * rounded up to 100 ms. Each Task state is one invocation of a task Lambda, metered as a call of
 * `task:<name>`. In the cloud the task Lambdas meter themselves and Step Functions bills the rest.
 */
import { performance } from 'node:perf_hooks';
import type { WorkflowSpec } from '../workflows/asl';
import { UNITS } from './counters';
import type { Meter } from './meter';

interface Execution {
  result: Promise<unknown>;
  eventLogs: AsyncGenerator<{ type: string }>;
}

/** Runs `start` as one metered execution of `spec`; the returned result settles once it is counted. */
export function meterExecution<E extends Execution>(meter: Meter, spec: WorkflowSpec, start: () => E): E {
  meter.count({ [UNITS.workflowStarts]: 1 });
  const scope = meter.open(`workflow:${spec.name}`);
  const started = performance.now();
  const execution = scope.run(start);
  const transitions = (async () => {
    let n = 0;
    for await (const event of execution.eventLogs) if (event.type === 'StateEntered' || event.type === 'StateRetried') n++;
    return n;
  })();
  const counted = async () => {
    const n = await transitions;
    const billedMs = Math.ceil((performance.now() - started) / 100) * 100;
    scope.close(spec.express ? { [UNITS.expressRequests]: 1, [UNITS.expressBilledMs]: billedMs } : { [UNITS.transitions]: n });
  };
  const result = execution.result.then(
    async (value) => (await counted(), value),
    async (error) => {
      await counted();
      throw error;
    },
  );
  return { ...execution, result };
}

/** A task handler metered as one Lambda invocation of `task:<task name>`. */
export function meterTask<I extends { task: string }, O>(meter: Meter, handler: (input: I) => Promise<O>): (input: I) => Promise<O> {
  return (input) => meter.scope(`task:${input.task}`, () => handler(input), { invocation: true });
}
