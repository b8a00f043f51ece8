/** Every Kinesis Analytics v2 operation Runnel serves (SQL-1_0 applications), by its API name. */
import type { KinesisAnalyticsV2, KinesisAnalyticsV2Client } from '@aws-sdk/client-kinesis-analytics-v2';
import type { ActionTable, Operations } from '../../../protocol/operations';
import { addApplicationInput } from './add-application-input';
import { addApplicationInputProcessingConfiguration } from './add-application-input-processing-configuration';
import { addApplicationOutput } from './add-application-output';
import { addApplicationReferenceDataSource } from './add-application-reference-data-source';
import { createApplication } from './create-application';
import { deleteApplication } from './delete-application';
import { deleteApplicationInputProcessingConfiguration } from './delete-application-input-processing-configuration';
import { deleteApplicationOutput } from './delete-application-output';
import { deleteApplicationReferenceDataSource } from './delete-application-reference-data-source';
import { describeApplication } from './describe-application';
import { discoverInputSchema } from './discover-input-schema';
import { listApplications } from './list-applications';
import { listTagsForResource } from './list-tags-for-resource';
import { startApplication } from './start-application';
import { stopApplication } from './stop-application';
import { tagResource } from './tag-resource';
import { untagResource } from './untag-resource';
import { updateApplication } from './update-application';

export type AnalyticsV2Operations = Operations<KinesisAnalyticsV2, KinesisAnalyticsV2Client>;

export const analyticsV2Actions: ActionTable<AnalyticsV2Operations> = {
  AddApplicationInput: addApplicationInput,
  AddApplicationInputProcessingConfiguration: addApplicationInputProcessingConfiguration,
  AddApplicationOutput: addApplicationOutput,
  AddApplicationReferenceDataSource: addApplicationReferenceDataSource,
  CreateApplication: createApplication,
  DeleteApplication: deleteApplication,
  DeleteApplicationInputProcessingConfiguration: deleteApplicationInputProcessingConfiguration,
  DeleteApplicationOutput: deleteApplicationOutput,
  DeleteApplicationReferenceDataSource: deleteApplicationReferenceDataSource,
  DescribeApplication: describeApplication,
  DiscoverInputSchema: discoverInputSchema,
  ListApplications: listApplications,
  ListTagsForResource: listTagsForResource,
  StartApplication: startApplication,
  StopApplication: stopApplication,
  TagResource: tagResource,
  UntagResource: untagResource,
  UpdateApplication: updateApplication,
};
