/**
 * Firehose destinations in the cloud: like Firehose, Runnel assumes the delivery stream's role to
 * write to its bucket and to invoke its Lambda processor (credentials cached until near expiry).
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { DestinationAccess } from '../runtime/context';

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: Date };

export function cloudDestinations(region: string): DestinationAccess {
  const sts = new STSClient({ region });
  const sessions = new Map<string, Promise<Credentials>>();
  const credentialsFor = (roleArn: string) => {
    const cached = sessions.get(roleArn);
    if (cached) return cached.then((c) => (c.expiration.getTime() - Date.now() > 300_000 ? c : refresh(roleArn)));
    return refresh(roleArn);
  };
  const refresh = (roleArn: string) => {
    const session = sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'runnel-firehose' })).then((r) => ({
      accessKeyId: r.Credentials!.AccessKeyId!,
      secretAccessKey: r.Credentials!.SecretAccessKey!,
      sessionToken: r.Credentials!.SessionToken!,
      expiration: r.Credentials!.Expiration!,
    }));
    sessions.set(roleArn, session);
    session.catch(() => sessions.delete(roleArn));
    return session;
  };
  return {
    async s3(roleArn) {
      return new S3Client({ region, credentials: await credentialsFor(roleArn) });
    },
    async invokeLambda(functionArn, payload, roleArn) {
      const lambda = new LambdaClient({ region: functionArn.split(':')[3] || region, credentials: await credentialsFor(roleArn) });
      const res = await lambda.send(new InvokeCommand({ FunctionName: functionArn, Payload: Buffer.from(JSON.stringify(payload)) }));
      const body = res.Payload ? Buffer.from(res.Payload).toString() : '';
      if (res.FunctionError) throw new Error(`${res.FunctionError}: ${body}`);
      return JSON.parse(body);
    },
  };
}
