/** Every Kinesis Analytics (v1) operation Runnel serves, by its API name. */
import type { KinesisAnalytics, KinesisAnalyticsClient } from '@aws-sdk/client-kinesis-analytics';
import type { ActionTable, Operations } from '../../protocol/operations';
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

export type AnalyticsOperations = Operations<KinesisAnalytics, KinesisAnalyticsClient>;

export const analyticsActions: ActionTable<AnalyticsOperations> = {
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
