/**
 * Runs the same ASL definitions CDK deploys, in-process, with aws-local-stepfunctions: every Task
 * state is mapped to the in-process task handler its placeholder names, Wait states can be
 * shortened for tests, and executions are deduplicated by name as Step Functions does.
 */
import { StateMachine } from 'aws-local-stepfunctions';
import type { Meter } from '../cost/meter';
import { meterExecution, meterTask } from '../cost/meter-workflows';
import type { Runtime, WorkflowStarter } from '../runtime/context';
import { logger } from '../runtime/logger';
import { renderDefinition, type WorkflowSpec } from '../workflows/asl';
import { runFirehoseTask } from '../firehose/tasks';
import { runStreamTask } from '../workflows/stream-tasks';

// aws-local-stepfunctions 3 uses Promise.withResolvers, which Node 20 lacks.
if (!('withResolvers' in Promise)) {
  Object.assign(Promise, {
    withResolvers<T>() {
      let resolve!: (v: T) => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}

export type WaitOverrides = Record<string, Record<string, number>>;

const taskFunctions = {
  streamTasks: (rt: Runtime) => (input: any): Promise<any> => runStreamTask(rt, input),
  firehoseTasks: (rt: Runtime) => (input: any): Promise<any> => runFirehoseTask(rt, input),
};

export class LocalWorkflowRunner implements WorkflowStarter {
  private readonly machines = new Map<string, { spec: WorkflowSpec; machine: StateMachine }>();
  private readonly executions = new Map<string, Promise<unknown>>();
  private readonly running = new Map<string, () => void>();
  private runtime?: Runtime;

  constructor(
    specs: WorkflowSpec[],
    private readonly waitOverrides: WaitOverrides = {},
    private readonly meter?: Meter,
  ) {
    for (const spec of specs) {
      const arns = Object.fromEntries(Object.keys(spec.placeholders).map((p) => [p, `arn:aws:lambda:us-east-1:000000000000:function:runnel-${p}`]));
      this.machines.set(spec.name, { spec, machine: new StateMachine(renderDefinition(spec.definition, arns) as never) });
    }
  }

  /** The runtime the task handlers use; set once the composition root has built it. */
  attach(rt: Runtime): void {
    this.runtime = rt;
  }

  async start(workflow: string, executionName: string, input: object): Promise<void> {
    const key = `${workflow}:${executionName}`;
    if (this.executions.has(key)) return;
    const entry = this.machines.get(workflow);
    if (!entry || !this.runtime) throw new Error(`workflow ${workflow} is not available`);
    const rt = this.runtime;
    const handlers: Record<string, (input: any) => Promise<any>> = {};
    for (const [stateName, state] of Object.entries(entry.spec.definition.States)) {
      const placeholder = /^\$\{(\w+)\}$/.exec(String(state.Resource ?? ''))?.[1];
      if (!placeholder) continue;
      const handler = taskFunctions[entry.spec.placeholders[placeholder]](rt);
      handlers[stateName] = this.meter ? meterTask(this.meter, handler) : handler;
    }
    const run = () =>
      entry.machine.run(input as never, {
        overrides: { taskResourceLocalHandlers: handlers, waitTimeOverrides: this.waitOverrides[workflow] ?? {} },
        noThrowOnAbort: true,
      });
    const execution = this.meter ? meterExecution(this.meter, entry.spec, run) : run();
    this.running.set(key, execution.abort);
    const done = execution.result
      .catch((e: unknown) => logger.error(`workflow ${key} failed`, e as Error))
      .finally(() => this.running.delete(key));
    this.executions.set(key, done);
  }

  /** Starts the scheduled workflows on timers; `intervalMs` overrides their schedule. Returns a stop function. */
  schedule(intervalMs?: number): () => void {
    const timers = [...this.machines.values()]
      .filter(({ spec }) => spec.scheduleMinutes)
      .map(({ spec }) => {
        const timer = setInterval(() => void this.start(spec.name, `scheduled-${Date.now()}`, {}), intervalMs ?? spec.scheduleMinutes! * 60_000);
        timer.unref();
        return timer;
      });
    return () => timers.forEach(clearInterval);
  }

  /** Waits for every execution started so far (tests use it to let workflows finish). */
  async idle(): Promise<void> {
    await Promise.all(this.executions.values());
  }

  /** Abandons running executions (on shutdown): what they had not finished is done again later. */
  async abort(): Promise<void> {
    for (const abort of this.running.values()) abort();
    await this.idle();
  }
}
