import { Validations } from 'aws-cdk-lib';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';

const ack = (scope: IFunction | IRole, ids: string[], reason: string) => {
  for (const id of ids) Validations.of(scope).acknowledge({ id, reason });
};

/** cdk-nag findings every AppFunction shares, each with the reason we accept it (listed in docs/security.md). */
export function acknowledgeFunctionFindings(
  fn: IFunction,
  role: IRole,
  options: { reserved: boolean },
): void {
  if (!options.reserved) {
    ack(
      fn,
      ['HIPAA.Security-LambdaConcurrency', 'NIST.800.53.R5-LambdaConcurrency'],
      'Reservations are opt-in (the reserveConcurrency setting): a new account has too little concurrency to give 40 functions their share, so the deploy would fail. API Gateway throttling and WAF rate limits bound the load; docs/operations.md has the quota check before turning reservations on.',
    );
  }
  ack(
    fn,
    ['Serverless-LambdaDLQ', 'HIPAA.Security-LambdaDLQ', 'NIST.800.53.R5-LambdaDLQ'],
    'Invoked synchronously by API Gateway or a Step Functions task: the caller sees each failure and retries it, so there is no async event to dead-letter.',
  );
  ack(
    fn,
    ['HIPAA.Security-LambdaInsideVPC', 'NIST.800.53.R5-LambdaInsideVPC'],
    'The functions reach only AWS APIs (DynamoDB, SES, S3, Step Functions, KMS) over TLS with IAM; a VPC would add NAT or endpoint cost and cold-start time without narrowing any path.',
  );
  ack(
    fn,
    ['AwsSolutions-L1', 'Serverless-LambdaLatestVersion'],
    'Node.js 22 is the runtime the project is built and tested on (an LTS line supported by Lambda); moving to a newer runtime is a deliberate, tested change.',
  );
  ack(
    role,
    ['HIPAA.Security-IAMNoInlinePolicy', 'NIST.800.53.R5-IAMNoInlinePolicy'],
    "Each function's role holds one inline policy generated from CDK grants on named resources; inline keeps it bound to that role alone, which is the least-privilege intent of the rule.",
  );
  ack(
    role,
    ['AwsSolutions-IAM5[Resource::*]'],
    'X-Ray PutTraceSegments and PutTelemetryRecords support no resource-level permissions; the wildcard covers those two actions only.',
  );
}
