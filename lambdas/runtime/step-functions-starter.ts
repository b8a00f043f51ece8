/** Starts workflow executions on AWS Step Functions, and turns their EventBridge schedules on and off (the cloud host's WorkflowStarter). */
import { DisableRuleCommand, EnableRuleCommand, EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { WorkflowStarter } from './context';

export class StepFunctionsStarter implements WorkflowStarter {
  constructor(
    private readonly sfn: SFNClient,
    private readonly events: EventBridgeClient,
    /** Workflow name → state machine ARN; CDK tells each function only those it may start (workflows/registry.ts). */
    private readonly machineArn: (workflow: string) => string | undefined,
    /** Workflow name → its schedule's rule name; CDK tells each function only those it may turn on or off. */
    private readonly scheduleRule: (workflow: string) => string | undefined,
  ) {}

  async start(workflow: string, executionName: string, input: object): Promise<void> {
    const arn = this.machineArn(workflow);
    if (!arn) throw new Error(`this function may not start workflow ${workflow} (see workflows/registry.ts)`);
    try {
      await this.sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: executionName.slice(0, 80), input: JSON.stringify(input) }));
    } catch (e) {
      // Execution names are idempotency keys: a duplicate start means the work is already under way.
      if (!(e instanceof ExecutionAlreadyExists)) throw e;
    }
  }

  async setSchedule(workflow: string, on: boolean): Promise<void> {
    const rule = this.scheduleRule(workflow);
    if (!rule) throw new Error(`this function may not turn the schedule of ${workflow} ${on ? 'on' : 'off'} (see workflows/registry.ts)`);
    await this.events.send(on ? new EnableRuleCommand({ Name: rule }) : new DisableRuleCommand({ Name: rule }));
  }
}
