/**
 * List prices used to turn counted work into dollars, for eu-north-1 (Stockholm), on-demand, without free
 * tiers (a production account outgrows them, and a benchmark should not lean on them). Each line names its
 * page. Prices change: check the pages before quoting a figure outside this report. Where the regional
 * figure could not be confirmed when this table was written, the note says so and the US East (N.
 * Virginia) list price is used; AWS prices eu-north-1 at or near US East for these services.
 *
 * Fixed monthly costs (the KMS keys at $1 each, storage, the WAF, CloudWatch alarms) are not per request
 * and are left out: the target is the variable cost of one request.
 */
export interface Price {
  /** The price as the pricing page states it. */
  readonly listed: string;
  /** The same, per single unit. */
  readonly usd: number;
  readonly per: string;
  readonly source: string;
  readonly note?: string;
}

export const PRICES = {
  lambdaGbSecondArm: {
    listed: '$0.0000133334 per GB-second',
    usd: 0.0000133334,
    per: 'GB-second of arm64 duration (billed per 1 ms)',
    source: 'https://aws.amazon.com/lambda/pricing/',
  },
  lambdaRequest: {
    listed: '$0.20 per million',
    usd: 0.2 / 1_000_000,
    per: 'invocation',
    source: 'https://aws.amazon.com/lambda/pricing/',
  },
  stepFunctionsTransition: {
    listed: '$0.025 per 1,000',
    usd: 0.025 / 1000,
    per: 'state transition (Standard workflow)',
    source: 'https://aws.amazon.com/step-functions/pricing/',
  },
  dynamoWriteUnit: {
    listed: '$0.625 per million',
    usd: 0.625 / 1_000_000,
    per: 'write request unit (on-demand, Standard table class)',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    note: 'US East list price after the November 2024 on-demand price cut; eu-north-1 not confirmed',
  },
  dynamoReadUnit: {
    listed: '$0.125 per million',
    usd: 0.125 / 1_000_000,
    per: 'read request unit (on-demand, Standard table class)',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    note: 'US East list price after the November 2024 on-demand price cut; eu-north-1 not confirmed',
  },
  sesEmail: {
    listed: '$0.10 per 1,000',
    usd: 0.1 / 1000,
    per: 'outbound email',
    source: 'https://aws.amazon.com/ses/pricing/',
  },
  apiGatewayRequest: {
    listed: '$3.50 per million',
    usd: 3.5 / 1_000_000,
    per: 'REST API request (first 333 million a month)',
    source: 'https://aws.amazon.com/api-gateway/pricing/',
    note: 'US East list price; eu-north-1 not confirmed',
  },
  kmsRequest: {
    listed: '$0.03 per 10,000',
    usd: 0.03 / 10_000,
    per: 'KMS API request (symmetric)',
    source: 'https://aws.amazon.com/kms/pricing/',
  },
  s3Put: {
    listed: '$0.005 per 1,000',
    usd: 0.005 / 1000,
    per: 'S3 PUT, COPY, POST or LIST request (Standard)',
    source: 'https://aws.amazon.com/s3/pricing/',
    note: 'US East list price; eu-north-1 not confirmed',
  },
  s3Get: {
    listed: '$0.0004 per 1,000',
    usd: 0.0004 / 1000,
    per: 'S3 GET or HEAD request (Standard)',
    source: 'https://aws.amazon.com/s3/pricing/',
    note: 'US East list price; eu-north-1 not confirmed',
  },
  secretsManagerCall: {
    listed: '$0.05 per 10,000',
    usd: 0.05 / 10_000,
    per: 'Secrets Manager API call',
    source: 'https://aws.amazon.com/secrets-manager/pricing/',
  },
  logsIngestedGb: {
    listed: '$0.50 per GB',
    usd: 0.5,
    per: 'GB of CloudWatch Logs ingested (Standard class)',
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
    note: 'US East list price; eu-north-1 not confirmed',
  },
  xrayTrace: {
    listed: '$5.00 per million',
    usd: 5 / 1_000_000,
    per: 'X-Ray trace recorded',
    source: 'https://aws.amazon.com/xray/pricing/',
  },
} as const satisfies Record<string, Price>;

export type PriceName = keyof typeof PRICES;

/**
 * What Lambda writes to CloudWatch Logs for each invocation besides the function's own lines: the START,
 * END and REPORT platform lines (about 350 bytes together with X-Ray on).
 */
export const LAMBDA_PLATFORM_LOG_BYTES = 350;
