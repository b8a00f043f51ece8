/**
 * Firehose destinations in the cloud: like Firehose, Runnel assumes the delivery stream's role to
 * write to its bucket and to invoke its Lambda processor (credentials cached until near expiry).
 *
 * Any key holder names the RoleARN, so Runnel must not be a deputy that lends its own reach: it
 * assumes only roles of its own account under the path DELIVERY_ROLE_PATH (IAM enforces this too,
 * through the function's policy), always passing the deployment's ExternalId, which each delivery
 * role's trust policy must require. A role made for something else therefore cannot be borrowed.
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { DestinationAccess } from '../runtime/context';

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: Date };

/** Delivery roles must live under this IAM path (arn:aws:iam::ACCOUNT:role/runnel-delivery/NAME). */
export const DELIVERY_ROLE_PATH = '/runnel-delivery/';

export interface DeliveryTrust {
  account: string;
  externalId: string;
}

/** Refuses, before STS is asked, a role Runnel may not assume (the message tells what a usable role looks like). */
export function checkDeliveryRole(roleArn: string, trust: DeliveryTrust): void {
  const prefix = `arn:aws:iam::${trust.account}:role${DELIVERY_ROLE_PATH}`;
  if (!roleArn.startsWith(prefix) || roleArn.length === prefix.length) {
    throw new Error(`Runnel assumes only delivery roles named ${prefix}<name>, whose trust policy requires sts:ExternalId ${trust.externalId}; got ${roleArn}`);
  }
}

export function cloudDestinations(region: string, trust: DeliveryTrust): DestinationAccess {
  const sts = new STSClient({ region });
  const sessions = new Map<string, Promise<Credentials>>();
  const credentialsFor = (roleArn: string) => {
    const cached = sessions.get(roleArn);
    if (cached) return cached.then((c) => (c.expiration.getTime() - Date.now() > 300_000 ? c : refresh(roleArn)));
    return refresh(roleArn);
  };
  const refresh = (roleArn: string) => {
    checkDeliveryRole(roleArn, trust);
    const session = sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'runnel-firehose', ExternalId: trust.externalId })).then((r) => ({
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
