/** After a retention increase, extends what is already stored, a page at a time. */
import { streamKeyOf, type StreamItem } from '../domain/stream';
import type { Runtime } from '../../runtime/context';
import { taskState, type WorkflowSpec } from '../../workflows/asl';

export const EXTEND_RETENTION: WorkflowSpec = {
  name: 'ExtendRetention',
  placeholders: { StreamTasksFunctionArn: 'streamTasks' },
  definition: {
    Comment: 'Runnel retention increase: extend the lifetime of stored segments',
    StartAt: 'ExtendPage',
    States: {
      ExtendPage: {
        ...taskState('StreamTasksFunctionArn', 'extendRetention', { 'stream.$': '$.stream', 'retentionHours.$': '$.retentionHours', 'cursor.$': '$.cursor' }),
        ResultPath: '$.page',
        Next: 'MorePages',
      },
      MorePages: {
        Type: 'Choice',
        Choices: [{ Variable: '$.page.done', BooleanEquals: false, Next: 'NextPage' }],
        Default: 'Extended',
      },
      NextPage: { Type: 'Pass', InputPath: '$.page.cursor', ResultPath: '$.cursor', Next: 'ExtendPage' },
      Extended: { Type: 'Succeed' },
    },
  },
};

export function startRetentionExtension(rt: Runtime, stream: StreamItem, retentionHours: number): Promise<void> {
  return rt.workflows.start(EXTEND_RETENTION.name, `retention-${stream.streamId}-${retentionHours}-${rt.clock()}`, {
    stream: streamKeyOf(stream),
    retentionHours,
    cursor: { shard: 0, after: 0 },
  });
}
