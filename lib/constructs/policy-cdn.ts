import { readFileSync } from 'node:fs';
import { CfnOutput, Duration, Stack, Validations } from 'aws-cdk-lib';
import {
  AllowedMethods,
  type BehaviorOptions,
  CachedMethods,
  CachePolicy,
  CacheQueryStringBehavior,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HttpVersion,
  OriginProtocolPolicy,
  OriginSslPolicy,
  PriceClass,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Construct } from 'constructs';
import { DEFAULT_LANGUAGE, type Language, languageForTag } from '../../lambdas/domain/policy/language';
import { repoRoot } from '../paths';
import type { PublicApi } from './public-api';

/**
 * The cached behaviours' path patterns: the policy routes of lib/constructs/policy-service.ts but the root.
 * `GET /` (the privacy centre) is the default behaviour's: a pattern for the root alone is not something
 * CloudFront's patterns promise (a leading `/` is optional in them), so the viewer-request function lets
 * exactly `/` through there and redirects every other path. test/lib/policy-cdn.test.ts checks these
 * against the API's routes in the template.
 */
export const POLICY_PATH_PATTERNS = ['/policy', '/policy.json', '/policy/versions', '/policy/versions/*'];

/** A CloudFront path pattern as a regular expression: `*` is any run of characters (`/` too), `?` one. */
export function pathPatternSource(pattern: string): string {
  return pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
}

/**
 * The primary language tags we have text in, as lambdas/domain/policy/language.ts answers them: asked of
 * `languageForTag` for every two- and three-letter tag, so the edge's table cannot drift from the origin's.
 */
export function languageByPrimaryTag(): Record<string, Language> {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const table: Record<string, Language> = {};
  const visit = (tag: string) => {
    const language = languageForTag(tag);
    if (language !== undefined) table[tag] = language;
  };
  for (const a of letters) {
    for (const b of letters) {
      visit(a + b);
      for (const c of letters) visit(a + b + c);
    }
  }
  return table;
}

/**
 * The viewer-request function's code (lib/cloudfront/policy-viewer-request.js) with its settings first.
 * `apiBaseUrl` is where every path that is not a policy page is redirected: the API's own address.
 */
export function policyViewerRequestCode(apiBaseUrl: string): string {
  const config = {
    apiBaseUrl,
    cachedPaths: `^(?:/|${POLICY_PATH_PATTERNS.map(pathPatternSource).join('|')})$`,
    // JSON is not negotiated: keying it on a language would only halve its hit rate.
    unnegotiatedPaths: /^\/policy\/versions$|\.json$/.source,
    // Only the comparison of two versions reads `?from=`.
    comparisonPaths: /^\/policy\/versions\/[^/]+\/changes(?:\.json)?$/.source,
    languageByPrimaryTag: languageByPrimaryTag(),
    defaultLanguage: DEFAULT_LANGUAGE,
  };
  const code = readFileSync(`${repoRoot}/lib/cloudfront/policy-viewer-request.js`, 'utf8');
  return `const CONFIG = ${JSON.stringify(config)};\n${code}`;
}

export interface PolicyCdnProps {
  /** The public API whose policy pages the distribution caches (its execute-api domain and stage). */
  readonly api: PublicApi;
}

/**
 * The public policy pages behind CloudFront (issue 22), so most reads of the notice never reach Lambda.
 *
 * TTLs come from the origin's Cache-Control (5 minutes for the version in effect, 60 s for the list, a day
 * for a published version). When one runs out, CloudFront asks the origin again with `If-None-Match` and
 * the ETag it holds, and keeps its copy on a 304: "Conditional requests" in
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/RequestAndResponseBehaviorCustomOrigin.html#RequestCustomConditionalGETs
 * and https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/Expiration.html. A browser's own
 * If-None-Match is answered by CloudFront from its copy. CloudFront sends conditional requests only when it
 * forwards no cookies (Cookies.html in the same guide), and this cache policy forwards none. So the ETag is
 * honoured from the function to the browser.
 *
 * The security headers are the origin's (middy's, lambdas/adapters/http/http-handler.ts): no response
 * headers policy replaces them, and CloudFront passes them through unchanged.
 */
export class PolicyCdn extends Construct {
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: PolicyCdnProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const { domainName, originPath } = props.api.origin;
    const origin = new HttpOrigin(domainName, {
      originPath,
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
    });
    const cachePolicy = new CachePolicy(this, 'PolicyPages', {
      // Cache policy names are one namespace per account: test and production need their own.
      cachePolicyName: `${stack.stackName}-${stack.region}-policy-pages`,
      comment: 'Policy pages: TTLs from the origin, keyed on the normalized language and ?from=',
      minTtl: Duration.seconds(0),
      // Without Cache-Control nothing is kept; the origin says how long each page may be.
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.days(1),
      queryStringBehavior: CacheQueryStringBehavior.allowList('lang', 'from'),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    const viewerRequest = new EdgeFunction(this, 'ViewerRequest', {
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Policy pages: ?lang= from Accept-Language; every other path redirected to the API',
      code: FunctionCode.fromInline(policyViewerRequestCode(props.api.baseUrl)),
    });
    const cached: BehaviorOptions = {
      origin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      cachedMethods: CachedMethods.CACHE_GET_HEAD,
      cachePolicy,
      compress: true,
      functionAssociations: [{ function: viewerRequest, eventType: FunctionEventType.VIEWER_REQUEST }],
    };
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Personvern policy pages (${stack.stackName})`,
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      // The default behaviour serves `GET /` and redirects the rest (the function decides which), so forms,
      // requests, staff routes, eID and consent never pass through CloudFront: the API's per-client limits
      // and the WAF's per-IP rule must see the reader's address, not CloudFront's.
      defaultBehavior: cached,
      additionalBehaviors: Object.fromEntries(POLICY_PATH_PATTERNS.map((pattern) => [pattern, cached])),
    });
    this.acknowledgeFindings();
    new CfnOutput(this, 'NoticeUrl', {
      value: `https://${this.distribution.distributionDomainName}/policy`,
      description:
        'The privacy notice, cached by CloudFront: the address the website links to (the privacy centre is /)',
    });
  }

  /** Each finding's reason; docs/architecture.md ("The policy pages behind CloudFront") says more. */
  private acknowledgeFindings(): void {
    const ack = (id: string, reason: string) => Validations.of(this.distribution).acknowledge({ id, reason });
    ack(
      'AwsSolutions-CFR1',
      'The privacy notice must be readable from anywhere: data subjects abroad have the same right to it.',
    );
    ack(
      'AwsSolutions-CFR2',
      'Only public, read-only, cached policy pages pass; a miss reaches the API stage, whose regional WAF and throttling stay. A CLOUDFRONT web ACL would have to live in us-east-1, a second stack.',
    );
    ack(
      'AwsSolutions-CFR3',
      'Standard logs would hold every reader’s IP address and user agent; API Gateway logs each miss without them, and CloudFront’s metrics count the rest.',
    );
    ack(
      'AwsSolutions-CFR4',
      'With the default cloudfront.net certificate the viewer TLS policy cannot be pinned (browsers still negotiate TLS 1.2+); the origin is reached over TLS 1.2 only.',
    );
  }
}
