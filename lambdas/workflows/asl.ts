/** Amazon States Language documents as plain JSON, with `${Name}` placeholders for resource ARNs. */
export type AslDefinition = { Comment?: string; StartAt: string; States: Record<string, Record<string, unknown>> };

/** The task functions Task states call (one Lambda each in the cloud, in-process locally). */
export type TaskFunctionName = 'streamTasks' | 'firehoseTasks' | 'analyticsTasks';

export interface WorkflowSpec {
  /** Logical name: CDK construct id, local runner key and execution-name namespace. */
  name: string;
  definition: AslDefinition;
  /** Placeholder → which task function it names (CDK substitutes the function ARN). */
  placeholders: Record<string, TaskFunctionName>;
  /** Short, frequent runs are cheaper as Express workflows. */
  express?: boolean;
  /** Started on a schedule (EventBridge in the cloud, a timer locally) every this many minutes. */
  scheduleMinutes?: number;
}

/** Replaces `${Name}` placeholders the way Step Functions' definitionSubstitutions does. */
export function renderDefinition(definition: AslDefinition, values: Record<string, string>): AslDefinition {
  return JSON.parse(JSON.stringify(definition).replace(/\$\{(\w+)\}/g, (m, name: string) => values[name] ?? m));
}

const TASK_RETRY = [
  { ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 5, BackoffRate: 2 },
];

/** A Task state calling a task function: `{task: name, ...parameters}` in, retried on any error. */
export function taskState(placeholder: string, task: string, parameters: Record<string, string> = {}) {
  return { Type: 'Task', Resource: `\${${placeholder}}`, Parameters: { task, ...parameters }, Retry: TASK_RETRY };
}

/** How lifecycle workflows begin: `$.action` is create or delete. */
export function actionRoute(onCreate: string, onDelete: string) {
  return {
    Route: {
      Type: 'Choice',
      Choices: [
        { Variable: '$.action', StringEquals: 'create', Next: onCreate },
        { Variable: '$.action', StringEquals: 'delete', Next: onDelete },
      ],
      Default: 'UnknownAction',
    },
    UnknownAction: { Type: 'Fail', Error: 'UnknownAction', Cause: 'action must be create or delete' },
  };
}
