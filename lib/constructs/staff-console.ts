import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import {
  type CfnElement,
  CfnOutput,
  DefaultStackSynthesizer,
  DockerImage,
  Duration,
  RemovalPolicy,
  Stack,
  Token,
  Validations,
} from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  type BehaviorOptions,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  S3OriginAccessControl,
  SecurityPolicyProtocol,
  Signing,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, type CorsRule, HttpMethods } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct, type IConstruct } from 'constructs';
import { repoRoot } from '../paths';

export interface StaffConsoleProps {
  /**
   * Where the console's presigned uploads go: the export bucket's regional origin,
   * `https://${bucket.bucketRegionalDomainName}`. Allowed in the CSP's `connect-src`.
   */
  readonly uploadOrigin: string;
  /**
   * The staff API behind the same distribution (`/staff/*`), so the console calls its own origin and
   * `connect-src 'self'` holds: the API's domain (`<id>.execute-api.<region>.amazonaws.com`) and stage path.
   */
  readonly api?: { readonly domainName: string; readonly originPath: string };
  /** The Cognito hosted UI (`https://<prefix>.auth.<region>.amazoncognito.com`): the console posts the code there. */
  readonly signInOrigin?: string;
  /** Encrypts the deployment function's log group, like every other log group of ours. */
  readonly logKey?: IKey;
  /** The console's own domain; its certificate must be in us-east-1, where CloudFront takes them from. */
  readonly customDomain?: { readonly domainName: string; readonly certificateArn: string };
  /** The `policyFile` setting: the console shows this policy's names and its linter report. */
  readonly policyFile: string;
}

/**
 * The CSP the local server sends too (console/build.ts `consoleCsp`), with CDK tokens allowed for the
 * origins: uploads go to S3, and the authorization code is exchanged at the hosted UI's token endpoint.
 */
export function consoleContentSecurityPolicy(uploadOrigin: string, signInOrigin?: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    ['connect-src', "'self'", uploadOrigin, signInOrigin].filter(Boolean).join(' '),
    "img-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/** The CORS rule the export bucket needs so the console (on `consoleOrigin`) may PUT a presigned upload. */
export function consoleUploadCors(consoleOrigin: string): CorsRule {
  return {
    allowedOrigins: [consoleOrigin],
    allowedMethods: [HttpMethods.PUT],
    allowedHeaders: [
      'content-type',
      'x-amz-server-side-encryption',
      'x-amz-server-side-encryption-aws-kms-key-id',
    ],
    maxAge: 600,
  };
}

/**
 * The API paths the console calls on its own origin: the staff routes, the policy document (the hold
 * form's categories) and its versions and changes (the policy page). Uncached; with caching disabled the viewer's Authorization header reaches
 * API Gateway, whose Cognito authorizer checks it.
 */
function apiBehaviours(api: NonNullable<StaffConsoleProps['api']>): Record<string, BehaviorOptions> {
  const behaviour: BehaviorOptions = {
    origin: new HttpOrigin(api.domainName, { originPath: api.originPath }),
    viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
    allowedMethods: AllowedMethods.ALLOW_ALL,
    cachePolicy: CachePolicy.CACHING_DISABLED,
    originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
  };
  return { '/staff/*': behaviour, '/policy.json': behaviour, '/policy/*': behaviour };
}

/**
 * The staff console on AWS: static files (console/build.ts) in a private bucket, served by CloudFront
 * through origin access control, with the console's strict CSP and security headers on every answer.
 * `useSignIn` adds the `config.json` that points the console at the Cognito hosted UI.
 */
export class StaffConsole extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  private readonly customDomainName?: string;
  private readonly deployment: BucketDeployment;

  constructor(scope: Construct, id: string, props: StaffConsoleProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Files', {
      encryption: BucketEncryption.S3_MANAGED,
      versioned: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // Kept on stack deletion (it holds only the built code): emptying it would take CDK's auto-delete
      // function, one more helper with a role and logs of its own.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const stack = Stack.of(this);
    // CloudFront's names are global to the account: two stacks (test and production, or two regions) each
    // need their own.
    const globalName = (what: string) => `${stack.stackName}-${stack.region}-${what}`;
    const headers = new ResponseHeadersPolicy(this, 'Headers', {
      responseHeadersPolicyName: globalName('console-headers'),
      comment: 'Staff console: strict CSP, no framing, no referrer, HSTS',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: consoleContentSecurityPolicy(props.uploadOrigin, props.signInOrigin),
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          override: true,
        },
      },
      customHeadersBehavior: {
        customHeaders: [
          { header: 'Cache-Control', value: 'no-store', override: false },
          { header: 'Cross-Origin-Opener-Policy', value: 'same-origin', override: true },
        ],
      },
    });
    const originAccessControl = new S3OriginAccessControl(this, 'OriginAccess', {
      originAccessControlName: globalName('console'),
      signing: Signing.SIGV4_ALWAYS,
    });
    const custom = props.customDomain;
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Personvern staff console (${stack.stackName})`,
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      // With the default cloudfront.net certificate a minimum version has no effect (see CFR4 below).
      ...(custom === undefined
        ? {}
        : {
            domainNames: [custom.domainName],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', custom.certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }),
      priceClass: PriceClass.PRICE_CLASS_100,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket, { originAccessControl }),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
      },
      additionalBehaviors: props.api === undefined ? {} : apiBehaviours(props.api),
    });
    this.deployment = new BucketDeployment(this, 'Deploy', {
      destinationBucket: this.bucket,
      // Our log group, with a retention and our key: CDK's default keeps the deployment's logs forever.
      logGroup: new LogGroup(this, 'DeployLogs', {
        retention: RetentionDays.ONE_MONTH,
        encryptionKey: props.logKey,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
      distribution: this.distribution,
      sources: [
        Source.asset(join(repoRoot, 'console'), {
          bundling: {
            // Only if the local build fails; it needs the repository, so it is not expected to.
            image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:22-slim'),
            local: {
              tryBundle(outputDir) {
                execFileSync(
                  join(repoRoot, 'node_modules/.bin/tsx'),
                  [join(repoRoot, 'console/build-cli.ts'), outputDir, props.policyFile],
                  { cwd: repoRoot, stdio: 'ignore' },
                );
                return true;
              },
            },
          },
        }),
      ],
    });
    this.customDomainName = custom?.domainName;
    this.acknowledgeFindings();
    new CfnOutput(this, 'Url', { value: this.url, description: 'The staff console: open it to sign in' });
    if (custom !== undefined) {
      new CfnOutput(this, 'DomainTarget', {
        value: this.distribution.distributionDomainName,
        description: `DNS: point ${custom.domainName} here (CNAME, or an alias record in Route 53)`,
      });
    }
  }

  /**
   * The findings a static site brings, each with its reason (listed in docs/security.md). The console's
   * files are the same application code anyone signing in downloads: no personal data, no secrets.
   */
  private acknowledgeFindings(): void {
    const ack = (scope: IConstruct, ids: readonly string[], reason: string) => {
      for (const id of ids) Validations.of(scope).acknowledge({ id, reason });
    };
    ack(
      this.bucket,
      [
        'AwsSolutions-S1',
        'HIPAA.Security-S3BucketLoggingEnabled',
        'NIST.800.53.R5-S3BucketLoggingEnabled',
        'HIPAA.Security-S3BucketReplicationEnabled',
        'NIST.800.53.R5-S3BucketReplicationEnabled',
      ],
      'The console bucket holds only the built application code, rebuilt by every deploy, read only by CloudFront through origin access control; it holds no personal data to log access to or replicate.',
    );
    ack(
      this.bucket,
      ['HIPAA.Security-S3DefaultEncryptionKMS', 'NIST.800.53.R5-S3DefaultEncryptionKMS'],
      'Application code, no personal data: SSE-S3 lets CloudFront read it through origin access control without a key policy for the CloudFront service.',
    );
    ack(
      this.distribution,
      ['AwsSolutions-CFR1', 'AwsSolutions-CFR2'],
      'The distribution serves static code and forwards /staff/* to the API, whose stage has the WAF web ACL and throttling; staff may sign in from abroad. A CloudFront web ACL (us-east-1) can be added without code changes.',
    );
    ack(
      this.distribution,
      ['AwsSolutions-CFR3'],
      'Every staff call is logged by API Gateway and every view of personal data is in the audit trail; the distribution itself serves only static code.',
    );
    if (this.customDomainName === undefined) {
      ack(
        this.distribution,
        ['AwsSolutions-CFR4'],
        'With the default cloudfront.net certificate CloudFront negotiates TLS 1.2+ for modern browsers but cannot pin the viewer policy; a custom domain with an ACM certificate (consoleDomainName) gets TLSv1.2_2021.',
      );
    }
    this.acknowledgeDeploymentFindings();
  }

  /** CDK's BucketDeployment function and role, made once per stack. */
  private acknowledgeDeploymentFindings(): void {
    const ack = (scope: IConstruct, ids: readonly string[], reason: string) => {
      for (const id of ids) Validations.of(scope).acknowledge({ id, reason });
    };
    const stack = Stack.of(this);
    for (const child of stack.node.children) {
      if (!child.node.id.startsWith('Custom::CDKBucketDeployment')) continue;
      ack(
        child,
        [
          'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          ...['GetObject*', 'GetBucket*', 'List*', 'DeleteObject*', 'Abort*'].map(
            (action) => `AwsSolutions-IAM5[Action::s3:${action}]`,
          ),
          'AwsSolutions-IAM5[Resource::*]',
          `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(this.bucket.node.defaultChild as CfnElement)}.Arn>/*]`,
          `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${assetBucketAsNagShowsIt(stack)}/*]`,
          'AwsSolutions-L1',
          'Serverless-LambdaLatestVersion',
          'Serverless-LambdaTracing',
          'Serverless-LambdaDLQ',
          'HIPAA.Security-LambdaDLQ',
          'NIST.800.53.R5-LambdaDLQ',
          'HIPAA.Security-LambdaConcurrency',
          'NIST.800.53.R5-LambdaConcurrency',
          'HIPAA.Security-LambdaInsideVPC',
          'NIST.800.53.R5-LambdaInsideVPC',
          'HIPAA.Security-IAMNoInlinePolicy',
          'NIST.800.53.R5-IAMNoInlinePolicy',
        ],
        'CDK’s BucketDeployment function runs only during a deploy, copying the console’s code from the CDK asset bucket into the console bucket; its role and runtime are CDK’s, it never sees personal data.',
      );
    }
  }

  /** Deploys `config.json`: sign in through this Cognito hosted UI and app client (authorization code + PKCE). */
  useSignIn(config: { readonly domain: string; readonly clientId: string }): void {
    this.deployment.addSource(Source.jsonData('config.json', { signIn: 'cognito', ...config }));
  }

  /** The console's address, for `CONSOLE_URL` and the invitation: the custom domain when there is one. */
  get url(): string {
    return this.urls[0] ?? `https://${this.distribution.distributionDomainName}`;
  }

  /** Every address the console answers on (custom domain first): sign-in callbacks and upload CORS. */
  get urls(): string[] {
    const own = `https://${this.distribution.distributionDomainName}`;
    return this.customDomainName === undefined ? [own] : [`https://${this.customDomainName}`, own];
  }
}

/**
 * The CDK asset bucket's name as cdk-nag prints it in a finding id: the account is `<AWS::AccountId>` while
 * the environment is unresolved and the literal id once the CLI has resolved it (a deploy), so an
 * acknowledgement spelled one way would not hold the other way.
 */
export function assetBucketAsNagShowsIt(stack: Stack): string {
  const qualifier =
    (stack.node.tryGetContext('@aws-cdk/core:bootstrapQualifier') as string | undefined) ??
    DefaultStackSynthesizer.DEFAULT_QUALIFIER;
  const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  return `cdk-${qualifier}-assets-${account}-${region}`;
}
