import type { CreateApplicationRequest, CreateApplicationResponse } from '@aws-sdk/client-kinesis-analytics';
import { randomBytes } from 'node:crypto';
import { InvalidArgumentException, LimitExceededException, ResourceInUseException, TooManyTagsException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { applicationArn, entityId, MAX_APPLICATIONS, MAX_TAGS, summaryOf, type ApplicationItem } from '../domain/application';
import { checkCode, checkInputs, checkOutputs } from '../domain/configuration';
import { analyticsMessages as m } from '../domain/messages';
import { tagMap } from '../operations/tags';
import { insertApplication, listApplicationItems, partitionOf } from '../store/applications';

/** A new application is READY at version 1; its inputs and outputs get ids 1.1, 1.2, … */
export async function createApplication(input: CreateApplicationRequest, ctx: ActionContext): Promise<CreateApplicationResponse> {
  const name = input.ApplicationName!;
  const inputs = (input.Inputs ?? []).map((i, n) => ({ ...i, InputId: entityId(1, n + 1) }));
  const outputs = (input.Outputs ?? []).map((o, n) => ({ ...o, OutputId: entityId(1, n + 1) }));
  checkInputs(inputs);
  checkOutputs(outputs);
  if (input.CloudWatchLoggingOptions?.length) throw new InvalidArgumentException(m.notSupported('CloudWatchLoggingOptions'));
  checkCode({ code: input.ApplicationCode, inputs, outputs, references: [] });
  const tags = tagMap(input.Tags ?? []);
  if (Object.keys(tags).length > MAX_TAGS) throw new TooManyTagsException(m.tooManyTags(MAX_TAGS));
  if ((await listApplicationItems(ctx, undefined)).length >= MAX_APPLICATIONS) throw new LimitExceededException(m.tooManyApps(MAX_APPLICATIONS));
  const now = ctx.clock();
  const item: ApplicationItem = {
    pk: partitionOf(ctx.account, ctx.region),
    sk: name,
    id: randomBytes(10).toString('hex'),
    name,
    arn: applicationArn(ctx.region, ctx.account, name),
    status: 'READY',
    versionId: 1,
    createdAt: now,
    updatedAt: now,
    ...(input.ApplicationDescription !== undefined ? { description: input.ApplicationDescription } : {}),
    ...(input.ApplicationCode !== undefined ? { code: input.ApplicationCode } : {}),
    inputs,
    outputs,
    references: [],
    tags,
  };
  if (!(await insertApplication(ctx, item))) throw new ResourceInUseException(m.exists(name, ctx.account));
  return { ApplicationSummary: summaryOf(item) };
}
