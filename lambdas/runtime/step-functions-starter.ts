/** Starts workflow executions on AWS Step Functions (the cloud host's WorkflowStarter). */
import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { WorkflowStarter } from './context';

export class StepFunctionsStarter implements WorkflowStarter {
  constructor(
    private readonly sfn: SFNClient,
    /** Workflow name → state machine ARN. */
    private readonly machines: Record<string, string>,
  ) {}

  async start(workflow: string, executionName: string, input: object): Promise<void> {
    const arn = this.machines[workflow];
    if (!arn) throw new Error(`no state machine configured for ${workflow}`);
    try {
      await this.sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: executionName.slice(0, 80), input: JSON.stringify(input) }));
    } catch (e) {
      // Execution names are idempotency keys: a duplicate start means the work is already under way.
      if (!(e instanceof ExecutionAlreadyExists)) throw e;
    }
  }
}
