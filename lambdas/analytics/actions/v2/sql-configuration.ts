/** What v2's Add and Delete configuration calls answer: the application's ARN, its new version and its SQL configuration. */
import type { SqlApplicationConfigurationDescription } from '@aws-sdk/client-kinesis-analytics-v2';
import type { ApplicationItem } from '../../domain/application';
import { detailV2Of } from '../../domain/application-v2';

export function sqlResult(app: ApplicationItem): { ApplicationARN: string; ApplicationVersionId: number; sql: SqlApplicationConfigurationDescription } {
  return { ApplicationARN: app.arn, ApplicationVersionId: app.versionId, sql: detailV2Of(app).ApplicationConfigurationDescription!.SqlApplicationConfigurationDescription! };
}
