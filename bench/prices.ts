/**
 * List prices used to turn counted work into dollars, for eu-north-1 (Stockholm), on-demand, without free
 * tiers (a production account outgrows them, and a benchmark should not lean on them). Each line names its
 * page. Prices change: check the pages before quoting a figure outside this report. Where the regional
 * figure could not be confirmed when this table was written, the note says so and the US East (N.
 * Virginia) list price is used; AWS prices eu-north-1 at or near US East for these services.
 *
 * Fixed monthly costs (the KMS keys at $1 each, the WAF, CloudWatch alarms) are not per request and are
 * left out of PRICES: the workflow's target is the variable cost of one request. They are in FIXED_PRICES
 * below, which `bench/fixed-cost.ts` applies to the synthesized template.
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

/**
 * What the stack costs by the month whether or not anyone uses it, for `bench/fixed-cost.ts`. Same rules
 * as PRICES: list prices without free tiers (those are in FREE_TIER, applied separately), each line names
 * its page, and a note says where the eu-north-1 figure was not confirmed. Checked in December 2026 against
 * the pricing pages and the guides named in each note; none of the pages could be read for eu-north-1.
 */
export const FIXED_PRICES = {
  wafWebAcl: {
    listed: '$5.00 per web ACL per month (prorated hourly)',
    usd: 5,
    per: 'WAF web ACL (protection pack) a month',
    source: 'https://aws.amazon.com/waf/pricing/',
    note: "Same figure in AWS's WAF cost guide (https://aws.github.io/aws-security-services-best-practices/guides/waf/waf-cost/docs/); eu-north-1 not confirmed",
  },
  wafRule: {
    listed: '$1.00 per rule per month (prorated hourly)',
    usd: 1,
    per: 'rule in a WAF web ACL a month; a rule group, managed or our own, counts as one rule',
    source: 'https://aws.amazon.com/waf/pricing/',
    note: '"Each rule group (whether custom or managed) counts as a single rule for billing purposes": https://aws.github.io/aws-security-services-best-practices/guides/waf/waf-cost/docs/; eu-north-1 not confirmed',
  },
  wafPaidRuleGroup: {
    listed: '$10.00 per month per web ACL, plus per-request fees',
    usd: 10,
    per: 'paid AWS managed rule group (Bot Control, account takeover or account creation fraud prevention) a month',
    source: 'https://aws.amazon.com/waf/pricing/',
    note: 'Bot Control figure from secondary guides; the fraud control groups not confirmed. The stack uses none',
  },
  kmsKey: {
    listed: '$1/month per key',
    usd: 1,
    per: 'customer managed KMS key a month (each multi-Region primary and replica counts)',
    source: 'https://aws.amazon.com/kms/pricing/',
  },
  kmsRotation: {
    listed: '$1/month for each of the first and second rotations; later rotations free',
    usd: 1,
    per: "rotation of a key's material a month, for the first two rotations only",
    source: 'https://aws.amazon.com/kms/pricing/',
    note: 'The price of a key is capped after its second rotation since April 2024 (AWS Security Blog, "a new limit on the price of all symmetric keys that have had two or more rotations"; copy at https://sysops.app/aws-news/474.html). Older copies of the pricing page still say every rotation adds $1',
  },
  secretsManagerSecret: {
    listed: '$0.40 per secret per month',
    usd: 0.4,
    per: 'Secrets Manager secret a month (each replica counts as a secret)',
    source: 'https://aws.amazon.com/secrets-manager/pricing/',
  },
  alarmMetric: {
    listed: '$0.10 per alarm metric per month',
    usd: 0.1,
    per: 'metric in a standard-resolution alarm a month (a metric-math alarm pays for each metric it reads)',
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
    note: "US East list price; eu-north-1 not confirmed. Per-metric billing of math alarms is the pricing page's alarm model, not quoted from it here",
  },
  alarmMetricHighResolution: {
    listed: '$0.30 per alarm metric per month',
    usd: 0.3,
    per: 'metric in a high-resolution alarm (period under 60 s) a month',
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
    note: 'US East list price; eu-north-1 not confirmed',
  },
  compositeAlarm: {
    listed: '$0.50 per alarm per month',
    usd: 0.5,
    per: 'CloudWatch composite alarm a month',
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
    note: 'US East list price; eu-north-1 not confirmed',
  },
  dashboard: {
    listed: '$3.00 per dashboard per month',
    usd: 3,
    per: 'CloudWatch dashboard a month',
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
    note: 'US East list price; eu-north-1 not confirmed',
  },
  sqsRequest: {
    listed: '$0.40 per million',
    usd: 0.4 / 1_000_000,
    per: 'SQS request (standard queue, 64 KB chunk)',
    source: 'https://aws.amazon.com/sqs/pricing/',
    note: 'US East list price; eu-north-1 not confirmed',
  },
} as const satisfies Record<string, Price>;

/**
 * The always-free tier (per account and month, never expiring) for the fixed costs above. Secrets Manager's
 * 30-day trial and the 12-month offers are not always-free and are left out.
 */
export const FREE_TIER = {
  /** Standard-resolution alarm metrics (https://aws.amazon.com/cloudwatch/pricing/, "Free tier"). */
  alarmMetrics: 10,
  /** Dashboards free, each of up to `dashboardMaxMetrics` metrics (same page). */
  dashboards: 3,
  dashboardMaxMetrics: 50,
  /** SQS requests a month (https://aws.amazon.com/sqs/pricing/). */
  sqsRequests: 1_000_000,
} as const;
