/**
 * The cdk-nag AwsSolutions findings Runnel accepts, each with its reason (test/infra/nag.test.ts
 * fails on any finding not listed here). Everything else the pack asks for is done in the
 * constructs: point-in-time recovery, no object deletes, a bounded edge (a throttled stage or the
 * front function's reserved concurrency), HTTPS only.
 */
import { Stack, Token, Validations, type CfnElement } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { RunnelEdge } from './constructs/edge';
import { DELIVERY_ROLE_PATH } from '../lambdas/handlers/cloud-destinations';

export interface NagSubjects {
  bucket: Bucket;
  /** Only the findings of the parts this edge deploys (API Gateway, CloudFront) are acknowledged. */
  edge: RunnelEdge;
  functions: { front: IFunction; streamTasks: IFunction; firehoseTasks: IFunction; analyticsTasks: IFunction; bootstrap: IFunction };
  /** The access-keys table has a customer managed key (-c secretsKey=customer). */
  secretsKey: boolean;
}

export function acknowledgeNagFindings(stack: Stack, { bucket, edge, functions, secretsKey }: NagSubjects): void {
  const logicalId = (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as CfnElement);
  const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
  const ack = (id: string, reason: string) => Validations.of(stack).acknowledge({ id, reason });

  ack('AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', 'The AWS managed policy only lets each function write its own CloudWatch Logs; a hand-written copy would say the same.');
  for (const action of ['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:Abort*']) {
    ack(`AwsSolutions-IAM5[Action::${action}]`, 'CDK grantRead/grantPut on the segment bucket: reading segments back (ranged GETs) and writing new ones (PUT, abort of a failed upload); no delete action is granted anywhere.');
  }
  ack(`AwsSolutions-IAM5[Resource::<${logicalId(bucket)}.Arn>/*]`, 'Segment objects are named by random UUIDs under retention prefixes, so no narrower object ARN exists; the grant covers this one private bucket only.');
  ack(`AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::${account}:role${DELIVERY_ROLE_PATH}*]`, `Firehose assumes the role each delivery stream names, as Firehose does; only roles under ${DELIVERY_ROLE_PATH} that require this deployment's ExternalId can be assumed (lambdas/handlers/cloud-destinations.ts).`);
  for (const fn of [functions.streamTasks, functions.firehoseTasks, functions.analyticsTasks, functions.bootstrap]) {
    ack(`AwsSolutions-IAM5[Resource::<${logicalId(fn)}.Arn>:*]`, 'CDK grantInvoke covers the function and its versions (ARN:*); the state machines (and the custom resource provider) invoke exactly this function.');
  }
  for (const action of secretsKey ? ['kms:ReEncrypt*', 'kms:GenerateDataKey*'] : []) {
    ack(`AwsSolutions-IAM5[Action::${action}]`, "CDK grantWriteData on the access-keys table adds these for the table's own KMS key, and only that key.");
  }
  ack('AwsSolutions-L1', 'Functions run Node 22, the runtime the bundles are built and tested for (esbuild target node22); moving to a newer runtime is a deliberate, tested change.');
  ack('AwsSolutions-S1', 'The segment bucket is private and reached only by Runnel’s functions through IAM; server access logs would add a log object for every segment read and write. Enable CloudTrail S3 data events to audit it.');
  ack('AwsSolutions-SF1', 'Execution history (standard workflows) and the task functions’ logs record failures; logging ALL events of the express flush workflow would cost more than the work it logs.');
  ack('AwsSolutions-SF2', 'X-Ray tracing is not used by Runnel; the task functions log each step.');
  if (edge.api) {
    ack('AwsSolutions-APIG1', 'The front function logs one line per request (operation, status, latency); stage access logs would duplicate it at CloudWatch ingestion cost.');
    ack('AwsSolutions-APIG4', 'Every request is authenticated in the front function by SigV4 against keys Runnel issues (lambdas/protocol/auth.ts); API Gateway IAM authorization can only check IAM principals, which Runnel keys are not.');
  }
  if (edge.distribution) {
    const flood = edge.api
      ? 'Flooding is bounded by the throttled API stage (lib/constructs/edge.ts)'
      : "Flooding is bounded by the front function's reserved concurrency (lib/constructs/edge.ts)";
    ack('AwsSolutions-CFR1', 'Kinesis and Firehose have no geographic restrictions; a deployment that needs them can add them to the distribution.');
    ack('AwsSolutions-CFR2', `${flood} and every request must be signed; a WAF web ACL adds a fixed monthly cost a deployment can choose.`);
    ack('AwsSolutions-CFR3', 'The front function logs every request; CloudFront standard logs need a log bucket with ACLs enabled, which the rest of the stack avoids.');
    ack('AwsSolutions-CFR4', 'The distribution uses its default *.cloudfront.net certificate, for which CloudFront fixes the security policy; a custom domain and certificate allow TLSv1.2_2021.');
  }
}
