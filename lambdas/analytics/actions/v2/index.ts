/** Every Kinesis Analytics v2 operation Runnel serves (SQL-1_0 applications), by its API name. */
import type { KinesisAnalyticsV2, KinesisAnalyticsV2Client } from '@aws-sdk/client-kinesis-analytics-v2';
import type { ActionTable, Operations } from '../../../protocol/operations';
import { createApplication } from './create-application';
import { deleteApplication } from './delete-application';
import { describeApplication } from './describe-application';
import { listApplications } from './list-applications';
import { startApplication } from './start-application';
import { stopApplication } from './stop-application';
import { updateApplication } from './update-application';

export type AnalyticsV2Operations = Operations<KinesisAnalyticsV2, KinesisAnalyticsV2Client>;

export const analyticsV2Actions: ActionTable<AnalyticsV2Operations> = {
  CreateApplication: createApplication,
  DeleteApplication: deleteApplication,
  DescribeApplication: describeApplication,
  ListApplications: listApplications,
  StartApplication: startApplication,
  StopApplication: stopApplication,
  UpdateApplication: updateApplication,
};
