import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '../../..');

/** A Lambda built from a handler in lambdas/handlers: Node 22 on arm64, bundled as ESM. */
export function runnelFunction(scope: Construct, id: string, handlerFile: string, props: Partial<NodejsFunctionProps> = {}): NodejsFunction {
  return new NodejsFunction(scope, id, {
    entry: join(root, 'lambdas/handlers', handlerFile),
    handler: 'handler',
    runtime: Runtime.NODEJS_22_X,
    architecture: Architecture.ARM_64,
    memorySize: 1024,
    timeout: Duration.seconds(30),
    // One concise line per request: two weeks is plenty and keeps CloudWatch storage cheap.
    logGroup: new LogGroup(scope, `${id}Logs`, { retention: RetentionDays.TWO_WEEKS, removalPolicy: RemovalPolicy.DESTROY }),
    projectRoot: root,
    depsLockFilePath: join(root, 'package-lock.json'),
    bundling: {
      format: OutputFormat.ESM,
      target: 'node22',
      minify: true,
      sourceMap: false,
      mainFields: ['module', 'main'],
      // The SDK's CommonJS parts still call require(); ESM bundles need it recreated.
      banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
    },
    ...props,
  });
}
