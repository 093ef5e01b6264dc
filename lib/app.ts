import { App, type AppProps } from 'aws-cdk-lib';
import { PersonvernStack, type PersonvernStackProps } from './personvern-stack';

export const STACK_NAME = 'Personvern';

/**
 * Builds the CDK app. bin/app.ts, the local stack and the tests all call this, so they see one template.
 * `bundling: false` skips esbuild for callers that only need the template (tests, `npm start`).
 */
export function buildApp(
  options: { appProps?: AppProps; stackProps?: PersonvernStackProps; bundling?: boolean } = {},
) {
  const context = {
    // Access-log delivery through a bucket policy instead of the legacy LogDeliveryWrite ACL.
    '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true,
    ...(options.bundling === false ? { 'aws:cdk:bundling-stacks': [] } : {}),
  };
  const app = new App({ ...options.appProps, context: { ...context, ...options.appProps?.context } });
  const stack = new PersonvernStack(app, STACK_NAME, {
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION ?? 'eu-north-1' },
    ...options.stackProps,
  });
  return { app, stack };
}
