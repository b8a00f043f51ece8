/** Creating an application, for both APIs: validated, READY at version 1, ids 1.1, 1.2, … */
import type { Input, Output } from '@aws-sdk/client-kinesis-analytics';
import { randomBytes } from 'node:crypto';
import { LimitExceededException, ResourceInUseException, TooManyTagsException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { applicationArn, entityId, MAX_APPLICATIONS, MAX_TAGS, type ApplicationItem } from '../domain/application';
import { checkCode, checkInputs, checkOutputs } from '../domain/configuration';
import { analyticsMessages as m } from '../domain/messages';
import {insertApplication, listApplicationItems } from '../store/applications';
import { tagMap } from './tags';
import { accountPartition } from '../../runtime/tables';

export interface NewApplication {
  name: string;
  description?: string;
  code?: string;
  inputs: Input[];
  outputs: Output[];
  tags: { Key?: string; Value?: string }[];
  /** Set for v2: its service execution role. */
  serviceExecutionRole?: string;
}

export async function createApplicationItem(ctx: ActionContext, spec: NewApplication): Promise<ApplicationItem> {
  const inputs = spec.inputs.map((i, n) => ({ ...i, InputId: entityId(1, n + 1) }));
  const outputs = spec.outputs.map((o, n) => ({ ...o, OutputId: entityId(1, n + 1) }));
  checkInputs(inputs);
  checkOutputs(outputs);
  checkCode({ code: spec.code, inputs, outputs, references: [] });
  const tags = tagMap(spec.tags);
  if (Object.keys(tags).length > MAX_TAGS) throw new TooManyTagsException(m.tooManyTags(MAX_TAGS));
  if ((await listApplicationItems(ctx, undefined)).length >= MAX_APPLICATIONS) throw new LimitExceededException(m.tooManyApps(MAX_APPLICATIONS));
  const now = ctx.clock();
  const item: ApplicationItem = {
    pk: accountPartition(ctx.account, ctx.region),
    sk: spec.name,
    id: randomBytes(10).toString('hex'),
    name: spec.name,
    arn: applicationArn(ctx.region, ctx.account, spec.name),
    status: 'READY',
    versionId: 1,
    createdAt: now,
    updatedAt: now,
    ...(spec.description !== undefined ? { description: spec.description } : {}),
    ...(spec.code !== undefined ? { code: spec.code } : {}),
    inputs,
    outputs,
    references: [],
    tags,
    ...(spec.serviceExecutionRole !== undefined ? { v2: true as const, serviceExecutionRole: spec.serviceExecutionRole } : {}),
  };
  if (!(await insertApplication(ctx, item))) throw new ResourceInUseException(m.exists(spec.name, ctx.account));
  return item;
}
