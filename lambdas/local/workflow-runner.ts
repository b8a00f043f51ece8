/**
 * Runs the same ASL definitions CDK deploys, in-process, with aws-local-stepfunctions: every Task
 * state is mapped to the in-process task function its placeholder names, Wait states can be
 * shortened for tests, and executions are deduplicated by name as Step Functions does.
 */
import { StateMachine } from 'aws-local-stepfunctions';
import type { Meter } from '../cost/meter';
import { meterExecution, meterTask } from '../cost/meter-workflows';
import type { Runtime, WorkflowStarter } from '../runtime/context';
import { logger } from '../runtime/logger';
import { renderDefinition, type TaskFunctionName } from '../workflows/asl';
import { maySetSchedule, type RegisteredWorkflow, type Starter } from '../workflows/registry';

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

type TaskFunctions = Record<TaskFunctionName, (rt: Runtime, event: { task: string }) => Promise<unknown>>;

export class LocalWorkflowRunner {
  private readonly machines = new Map<string, { entry: RegisteredWorkflow; machine: StateMachine }>();
  private readonly executions = new Map<string, Promise<unknown>>();
  private readonly running = new Map<string, () => void>();
  /** Task function calls under way: an aborted execution does not stop the call it is waiting for. */
  private readonly calls = new Set<Promise<unknown>>();
  private readonly holds: { workflow: string; prefix: string; held: (() => void)[]; names: string[] }[] = [];
  private runtime?: Runtime;
  /** Scheduled workflows whose schedule is on; all are at start, so each first run re-checks what needs it. */
  private readonly armed = new Set<string>();
  /** Set by abort(): executions a finishing task call starts after that would outlive the stores. */
  private stopped = false;
  /**
   * Task calls and failed task calls since start, by `<workflow>.<state>` (every attempt counts, the
   * ones Retry repeats included): the soak reads from it whether any Firehose flush crashed.
   */
  readonly taskStats: Record<string, { calls: number; failures: number }> = {};

  constructor(
    registry: RegisteredWorkflow[],
    private readonly tasks: TaskFunctions,
    private readonly waitOverrides: WaitOverrides = {},
    private readonly meter?: Meter,
  ) {
    for (const entry of registry) {
      const { spec } = entry;
      const arns = Object.fromEntries(Object.keys(spec.placeholders).map((p) => [p, `arn:aws:lambda:us-east-1:000000000000:function:runnel-${p}`]));
      this.machines.set(spec.name, { entry, machine: new StateMachine(renderDefinition(spec.definition, arns) as never) });
      if (spec.scheduleMinutes) this.armed.add(spec.name);
    }
  }

  /** The runtime the task functions run with (each gets its own starter); set once the host has built it. */
  attach(rt: Runtime): void {
    this.runtime = rt;
  }

  /**
   * What `starter` uses to start workflows: like its IAM policy in the cloud, it refuses a workflow
   * the registry does not let that starter start.
   */
  starterFor(starter: Starter): WorkflowStarter {
    return {
      start: async (workflow, executionName, input) => {
        if (!this.machines.get(workflow)?.entry.startedBy.includes(starter)) {
          throw new Error(`${starter} may not start workflow ${workflow} (see workflows/registry.ts)`);
        }
        this.launch(workflow, executionName, input);
      },
      setSchedule: async (workflow, on) => {
        const entry = this.machines.get(workflow)?.entry;
        if (!entry || !maySetSchedule(entry, starter)) {
          throw new Error(`${starter} may not turn the schedule of ${workflow} ${on ? 'on' : 'off'} (see workflows/registry.ts)`);
        }
        if (on) this.armed.add(workflow);
        else this.armed.delete(workflow);
      },
    };
  }

  /** Whether a scheduled workflow's schedule is on. */
  scheduled(workflow: string): boolean {
    return this.armed.has(workflow);
  }

  /** Starts a scheduled workflow now, as its schedule would (tests and the timers use it). */
  async start(workflow: string, executionName: string, input: object = {}): Promise<void> {
    if (!this.machines.get(workflow)?.entry.spec.scheduleMinutes) throw new Error(`workflow ${workflow} has no schedule`);
    this.launch(workflow, executionName, input);
  }

  /**
   * Holds back executions of `workflow` whose names start with `prefix` until released, so tests
   * can observe the states in between (DELETING, UPDATING) without racing a timer.
   */
  hold(workflow: string, prefix = ''): { held: () => string[]; release: () => Promise<void> } {
    const hold = { workflow, prefix, held: [] as (() => void)[], names: [] as string[] };
    this.holds.push(hold);
    return {
      held: () => [...hold.names],
      release: async () => {
        this.holds.splice(this.holds.indexOf(hold), 1);
        hold.held.splice(0).forEach((run) => run());
      },
    };
  }

  private launch(workflow: string, executionName: string, input: object): void {
    const key = `${workflow}:${executionName}`;
    if (this.executions.has(key) || this.stopped) return;
    const hold = this.holds.find((h) => h.workflow === workflow && executionName.startsWith(h.prefix));
    if (hold) {
      hold.names.push(executionName);
      hold.held.push(() => this.launch(workflow, executionName, input));
      return;
    }
    const { entry, machine } = this.machines.get(workflow)!;
    if (!this.runtime) throw new Error(`workflow ${workflow} started before the runtime was attached`);
    const handlers: Record<string, (input: any) => Promise<any>> = {};
    for (const [stateName, state] of Object.entries(entry.spec.definition.States)) {
      const placeholder = /^\$\{(\w+)\}$/.exec(String(state.Resource ?? ''))?.[1];
      if (!placeholder) continue;
      const fn = entry.spec.placeholders[placeholder];
      const rt = { ...this.runtime, workflows: this.starterFor(fn) };
      const stats = (this.taskStats[`${workflow}.${stateName}`] ??= { calls: 0, failures: 0 });
      const handler = (event: any) => {
        stats.calls++;
        const call = this.track(this.tasks[fn](rt, event)) as Promise<any>;
        call.catch(() => stats.failures++);
        return call;
      };
      handlers[stateName] = this.meter ? meterTask(this.meter, handler) : handler;
    }
    const run = () =>
      machine.run(input as never, {
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

  /**
   * Starts the scheduled workflows on timers while their schedule is on; `intervalMs` overrides
   * their schedule (`overrides` per workflow). Returns a stop function.
   */
  schedule(intervalMs?: number, overrides: Record<string, number | undefined> = {}): () => void {
    const timers = [...this.machines.values()]
      .filter(({ entry }) => entry.spec.scheduleMinutes)
      .map(({ entry: { spec } }) => {
        let runs = 0;
        const tick = () => this.armed.has(spec.name) && void this.start(spec.name, `scheduled-${Date.now()}-${++runs}`);
        const timer = setInterval(tick, overrides[spec.name] ?? intervalMs ?? spec.scheduleMinutes! * 60_000);
        timer.unref();
        return timer;
      });
    return () => timers.forEach(clearInterval);
  }

  /** Waits for every execution started so far (tests use it to let workflows finish). */
  async idle(): Promise<void> {
    // Executions may start others (a flush re-arming itself, the scaler starting a reshard).
    for (let seen = -1; seen !== this.executions.size; ) {
      seen = this.executions.size;
      await Promise.all(this.executions.values());
    }
  }

  private track<T>(call: Promise<T>): Promise<T> {
    this.calls.add(call);
    const forget = () => this.calls.delete(call);
    call.then(forget, forget);
    return call;
  }

  /**
   * Abandons running executions (on shutdown), letting task calls under way finish first so none
   * outlives the stores it uses: what the executions had not finished is done again later.
   */
  async abort(): Promise<void> {
    this.stopped = true;
    for (const abort of this.running.values()) abort();
    await this.idle();
    await Promise.allSettled([...this.calls]);
  }
}
