import { existsSync } from 'node:fs';
import type { Node } from 'constructs';
import * as z from 'zod';
import { parseWebsiteOrigins } from '../lambdas/domain/intake/website-origins';
import { repoRoot } from './paths';
import { DEFAULT_POLICY_FILE } from './policy-module';

/**
 * What differs between one deployment of Personvern and the next (development, test, production), read
 * from CDK context and checked at synth, so a bad value stops `cdk synth` with a line that names it.
 *
 * Where the values come from, later ones winning:
 * 1. `environments.<env>` in cdk.json, where `env` is `-c env=<name>` (default `development`);
 * 2. a single setting on the command line, e.g. `-c region=eu-west-1`.
 *
 * The development environment's values are examples (an `example.org` sender, no custom domains) so a
 * fresh clone synthesizes with no flags; a production environment names its own. Settings are not
 * inherited from development: a production stack must never send mail from an example domain.
 */

const DEFAULT_ENVIRONMENT = 'development';

// The partitions' regions we can deploy to: `eu-north-1`, `us-gov-west-1`, `ap-southeast-3`.
const region = z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'must be an AWS region such as eu-north-1');
const domainName = z
  .string()
  .regex(
    /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    'must be a lower-case domain name such as personvern.example.org',
  );
const certificateArn = z
  .string()
  .regex(
    /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}$/,
    'must be an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>)',
  );
// `-c reserveConcurrency=true` arrives as a string; cdk.json may hold a real boolean.
const flag = z.union([z.boolean(), z.stringbool()]).default(false);

// Strict: a misspelt setting in cdk.json (`mailfrom`) is an error, not a silently ignored default.
export const DeploymentSettingsSchema = z
  .strictObject({
    env: z.string().regex(/^[a-z][a-z0-9-]{0,19}$/, 'must be a short lower-case name such as test'),
    /** CloudFormation stack name; two environments in one account need two names. */
    stackName: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9-]{0,63}$/, 'must start with a letter; letters, digits and hyphens only')
      .default('Personvern'),
    region,
    /** When set, a deploy with credentials for another account stops at synth. */
    account: z
      .string()
      .regex(/^\d{12}$/, 'must be a 12-digit AWS account id')
      .optional(),
    /** The sender of every email; its domain becomes the SES domain identity. */
    mailFrom: z.email('must be an email address'),
    /** Gets a copy of each digest with overdue requests; default: the policy's main privacy contact. */
    privacyOfficerEmail: z.email('must be an email address').optional(),
    /** Where CloudWatch alarms are emailed (an operations mailbox, not a person's). */
    alarmEmail: z.email('must be an email address'),
    /**
     * The policy served and enforced, relative to the repository root: every function bundles it as
     * `#policy`, the staff console and the staff groups are built from it (docs/policy.md).
     */
    policyFile: z
      .string()
      .refine((file) => existsSync(`${repoRoot}/${file}`), 'no such file in the repository')
      .default(DEFAULT_POLICY_FILE),
    apiDomainName: domainName.optional(),
    /** In the stack's region: the API is a regional endpoint. */
    apiCertificateArn: certificateArn.optional(),
    consoleDomainName: domainName.optional(),
    /** In us-east-1, whatever the stack's region: CloudFront takes certificates from there only. */
    consoleCertificateArn: certificateArn.optional(),
    /** The Cognito hosted UI's prefix; unique across AWS in the region. Default `<stackName>-<account>`. */
    signInDomainPrefix: z
      .string()
      .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'must be lower-case letters, digits and hyphens')
      .refine((prefix) => !/aws|amazon|cognito/.test(prefix), 'may not contain aws, amazon or cognito')
      .optional(),
    /** Reserve each function's concurrency (opt-in: a new account has too little to give). */
    reserveConcurrency: flag,
    /** Cognito sends staff invitations through our SES identity; turn on once the domain is verified. */
    staffEmailViaSes: flag,
    /**
     * ID-porten's issuer for this environment (`https://test.idporten.no` for Digdir's test environment);
     * with `idportenClientId`, requesters may prove who they are with it (docs/id-porten.md). Absent: the
     * emailed code only.
     */
    idportenIssuer: z
      .url('must be a URL such as https://test.idporten.no')
      .refine(
        (url) => url.startsWith('https://') || /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/|$)/.test(url),
        'must be https (http only on this machine, for a local provider)',
      )
      .optional(),
    /** The client id Digdir gave the integration. */
    idportenClientId: z
      .string()
      .regex(/^[A-Za-z0-9._:-]{1,100}$/, 'must be the client id from Digdir’s self-service')
      .optional(),
    /**
     * The organisation's own website (docs/website-integration.md): the origins whose scripts may read the
     * intake's answers (CORS), which may frame the forms, and which a form's `returnUrl` may lead back to.
     * https only (`http://localhost:<port>` and `http://127.0.0.1:<port>` for a page on one machine). A list
     * in cdk.json, comma-separated on the command line; none by default.
     */
    websiteOrigins: z
      .union(
        [z.array(z.string()), z.string()],
        'must be a list of origins such as ["https://www.example.no"]',
      )
      .transform((value, ctx) => {
        const { origins, problems } = parseWebsiteOrigins(value);
        for (const problem of problems) ctx.addIssue({ code: 'custom', message: problem });
        return origins;
      })
      .default([]),
  })
  .superRefine((settings, ctx) => {
    const pair = (name: 'api' | 'console') => {
      const domain = settings[`${name}DomainName`];
      const arn = settings[`${name}CertificateArn`];
      if ((domain === undefined) !== (arn === undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: [domain === undefined ? `${name}DomainName` : `${name}CertificateArn`],
          message: `is needed with ${domain === undefined ? `${name}CertificateArn` : `${name}DomainName`}`,
        });
      }
      return arn?.split(':')[3];
    };
    if ((settings.idportenIssuer === undefined) !== (settings.idportenClientId === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [settings.idportenIssuer === undefined ? 'idportenIssuer' : 'idportenClientId'],
        message: 'ID-porten needs both idportenIssuer and idportenClientId',
      });
    }
    const apiCertificateRegion = pair('api');
    if (apiCertificateRegion !== undefined && apiCertificateRegion !== settings.region) {
      ctx.addIssue({
        code: 'custom',
        path: ['apiCertificateArn'],
        message: `must be in the stack's region ${settings.region} (a regional API's certificate), not ${apiCertificateRegion}`,
      });
    }
    const consoleCertificateRegion = pair('console');
    if (consoleCertificateRegion !== undefined && consoleCertificateRegion !== 'us-east-1') {
      ctx.addIssue({
        code: 'custom',
        path: ['consoleCertificateArn'],
        message: `must be in us-east-1 (CloudFront takes certificates only from there), not ${consoleCertificateRegion}`,
      });
    }
  });

export type DeploymentSettings = z.infer<typeof DeploymentSettingsSchema>;

/** A setting with a bad value, or an unknown environment: the message lists every problem, one per line. */
export class DeploymentSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeploymentSettingsError';
  }
}

/**
 * Reads the settings of the environment chosen with `-c env=<name>` from the app's context.
 * `resolvedAccount` is the account the CDK CLI found in the credentials (`CDK_DEFAULT_ACCOUNT`), if any.
 */
export function readDeploymentSettings(node: Node, resolvedAccount?: string): DeploymentSettings {
  const env = String(node.tryGetContext('env') ?? DEFAULT_ENVIRONMENT);
  const environments = (node.tryGetContext('environments') ?? {}) as Record<string, Record<string, unknown>>;
  const named = environments[env];
  if (named === undefined) {
    const known = Object.keys(environments).join(', ') || 'none';
    throw new DeploymentSettingsError(
      `Unknown environment "${env}" (-c env=${env}): cdk.json "environments" has ${known}.`,
    );
  }
  // One context key per setting (all but `env`, which chose the environment): `-c <key>=<value>` wins.
  const settingKeys = Object.keys(DeploymentSettingsSchema.shape).filter((key) => key !== 'env');
  const fromCommandLine = Object.fromEntries(
    settingKeys.flatMap((key) => {
      const value = node.tryGetContext(key);
      return value === undefined ? [] : [[key, value]];
    }),
  );
  const result = DeploymentSettingsSchema.safeParse({ ...named, ...fromCommandLine, env });
  const problems = (result.error?.issues ?? []).map(
    (issue) => `  ${issue.path.join('.') || '(settings)'}: ${issue.message}`,
  );
  if (result.success && result.data.account !== undefined && resolvedAccount !== undefined) {
    if (result.data.account !== resolvedAccount) {
      problems.push(
        `  account: environment "${env}" is account ${result.data.account}, but the credentials are for ${resolvedAccount}`,
      );
    }
  }
  if (!result.success || problems.length > 0) {
    throw new DeploymentSettingsError(
      `Deployment settings of environment "${env}" (cdk.json "environments.${env}" and -c overrides):\n${problems.join('\n')}`,
    );
  }
  return result.data;
}
