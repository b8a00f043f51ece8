/** Tags live on the application item; changing them is not a configuration change (no new version). */
import { InvalidArgumentException, ResourceNotFoundException, TooManyTagsException } from '../../protocol/errors';
import type { ActionContext } from '../../runtime/context';
import { MAX_TAGS, type Api, type ApplicationItem } from '../domain/application';
import { analyticsMessages as m } from '../domain/messages';
import { loadApplication, updateApplication } from '../store/applications';

const ARN = /^arn:aws[\w-]*:kinesisanalytics:[\w-]+:\d{12}:application\/(.+)$/;

export async function applicationByArn(ctx: ActionContext, arn: string, api: Api = 'v1'): Promise<ApplicationItem> {
  const name = ARN.exec(arn)?.[1];
  if (!name) throw new ResourceNotFoundException(m.notFound(arn, ctx.account));
  const app = await loadApplication(ctx, name, api);
  if (app.arn !== arn) throw new ResourceNotFoundException(m.notFound(arn, ctx.account));
  return app;
}

export async function changeTags(ctx: ActionContext, arn: string, change: (tags: Record<string, string>) => Record<string, string>, api: Api = 'v1'): Promise<void> {
  const app = await applicationByArn(ctx, arn, api);
  const tags = change({ ...app.tags });
  if (Object.keys(tags).length > MAX_TAGS) throw new TooManyTagsException(m.tooManyTags(MAX_TAGS));
  await updateApplication(ctx, app, { tags });
}

export function tagMap(tags: { Key?: string; Value?: string }[]): Record<string, string> {
  const keys = tags.map((t) => t.Key!);
  if (new Set(keys).size !== keys.length) throw new InvalidArgumentException(m.duplicateTagKeys());
  return Object.fromEntries(tags.map((t) => [t.Key!, t.Value ?? '']));
}
