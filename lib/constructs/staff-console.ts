import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { DockerImage, Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, type CorsRule, HttpMethods } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
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
}

/** The CSP the local server sends too (console/build.ts `consoleCsp`), with a CDK token for the upload origin. */
export function consoleContentSecurityPolicy(uploadOrigin: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src 'self' ${uploadOrigin}`,
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
 * The staff console on AWS: static files (console/build.ts) in a private bucket, served by CloudFront
 * through origin access control, with the console's strict CSP and security headers on every answer.
 * Not wired into the stack yet (see docs/console.md for what wiring it needs: Cognito hosted UI with
 * PKCE, the export bucket's CORS rule, the CONSOLE_URL).
 */
export class StaffConsole extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: StaffConsoleProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Files', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    const headers = new ResponseHeadersPolicy(this, 'Headers', {
      comment: 'Staff console: strict CSP, no framing, no referrer, HSTS',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: consoleContentSecurityPolicy(props.uploadOrigin),
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
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Personvern staff console',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      priceClass: PriceClass.PRICE_CLASS_100,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
      },
      additionalBehaviors:
        props.api === undefined
          ? {}
          : {
              '/staff/*': {
                origin: new HttpOrigin(props.api.domainName, { originPath: props.api.originPath }),
                viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
                allowedMethods: AllowedMethods.ALLOW_ALL,
                cachePolicy: CachePolicy.CACHING_DISABLED,
                originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
              },
            },
    });
    new BucketDeployment(this, 'Deploy', {
      destinationBucket: this.bucket,
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
                  [join(repoRoot, 'console/build-cli.ts'), outputDir],
                  { cwd: repoRoot, stdio: 'ignore' },
                );
                return true;
              },
            },
          },
        }),
      ],
    });
  }

  /** The console's address, for `CONSOLE_URL` and the export bucket's CORS rule. */
  get url(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }
}
