import { readFileSync } from 'node:fs';
import { App, type AppProps } from 'aws-cdk-lib';
import { RESERVE_CONCURRENCY_CONTEXT } from './constructs/app-function';
import { repoRoot } from './paths';
import { PersonvernStack } from './personvern-stack';
import { POLICY_FILE_CONTEXT } from './policy-module';
import { readDeploymentSettings } from './settings';

/** The stack name of the development environment, which `npm start` and the tests synthesize. */
export const STACK_NAME = 'Personvern';

/**
 * cdk.json's context. The CDK CLI passes it to the app itself; `npm start`, the tests and the benchmarks
 * build the app without the CLI, so they read it here and see the same settings a synth sees.
 */
function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(`${repoRoot}/cdk.json`, 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}

/**
 * Builds the CDK app. bin/app.ts, the local stack and the tests all call this, so they see one template.
 * `context` picks or overrides settings as `-c` does (`{ env: 'test' }`, `{ region: 'eu-west-1' }`);
 * `bundling: false` skips esbuild for callers that only need the template (tests, `npm start`).
 */
export function buildApp(
  options: { appProps?: AppProps; context?: Record<string, unknown>; bundling?: boolean } = {},
) {
  const context = {
    ...cdkJsonContext(),
    // Access-log delivery through a bucket policy instead of the legacy LogDeliveryWrite ACL.
    '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true,
    ...(options.bundling === false ? { 'aws:cdk:bundling-stacks': [] } : {}),
    ...options.context,
  };
  const app = new App({ ...options.appProps, context: { ...context, ...options.appProps?.context } });
  // The CLI always sets CDK_DEFAULT_REGION (us-east-1 when nothing is configured), so the region is a
  // setting of the environment, never taken from there; the account is, when the settings name none.
  const settings = readDeploymentSettings(app.node, process.env.CDK_DEFAULT_ACCOUNT);
  app.node.setContext(RESERVE_CONCURRENCY_CONTEXT, settings.reserveConcurrency);
  // Every function bundles this file as `#policy` (lib/constructs/app-function.ts).
  app.node.setContext(POLICY_FILE_CONTEXT, settings.policyFile);
  const stack = new PersonvernStack(app, settings.stackName, {
    env: { account: settings.account ?? process.env.CDK_DEFAULT_ACCOUNT, region: settings.region },
    settings,
  });
  return { app, stack, settings };
}
