import { Duration } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { SfnStateMachine } from 'aws-cdk-lib/aws-events-targets';
import { DefinitionBody, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { WorkflowSpec } from '../../lambdas/workflows/asl';

/**
 * One state machine per workflow module, from the very ASL the local runner executes: placeholders
 * are filled by definitionSubstitutions, and invoke rights are granted explicitly.
 */
export class RunnelWorkflows extends Construct {
  readonly machines = new Map<string, StateMachine>();

  constructor(
    scope: Construct,
    id: string,
    specs: WorkflowSpec[],
    functions: Record<string, IFunction>,
    /** State machine names, also the schedules' rule names (functions are told both, by name). */
    nameOf: (workflow: string) => string,
  ) {
    super(scope, id);
    for (const spec of specs) {
      const substitutions = Object.fromEntries(Object.entries(spec.placeholders).map(([placeholder, fn]) => [placeholder, functions[fn].functionArn]));
      const machine = new StateMachine(this, spec.name, {
        stateMachineName: nameOf(spec.name),
        definitionBody: DefinitionBody.fromString(JSON.stringify(spec.definition)),
        definitionSubstitutions: substitutions,
        stateMachineType: spec.express ? StateMachineType.EXPRESS : StateMachineType.STANDARD,
      });
      for (const fn of new Set(Object.values(spec.placeholders))) functions[fn].grantInvoke(machine);
      if (spec.scheduleMinutes) {
        // Deployed on, so the first run after the first deployment checks what needs it; from then
        // on the functions turn it on and off (WorkflowStarter.setSchedule): idle, nothing runs.
        new Rule(this, `${spec.name}Schedule`, {
          ruleName: nameOf(spec.name),
          schedule: Schedule.rate(Duration.minutes(spec.scheduleMinutes)),
          targets: [new SfnStateMachine(machine)],
        });
      }
      this.machines.set(spec.name, machine);
    }
  }
}
