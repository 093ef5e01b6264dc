import { CfnOutput, CustomResource, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  AuthorizationType,
  type DomainName,
  EndpointType,
  type IAuthorizer,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  ResponseType,
  RestApi,
  SecurityPolicy,
} from 'aws-cdk-lib/aws-apigateway';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { ManagedPolicy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnLoggingConfiguration, CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { WebsitePreflightEnv } from '../../lambdas/config/environments';
import { AppFunction } from './app-function';

/**
 * The security headers of API Gateway's own answers, as static values (in single quotes, which a static
 * value must be written in; so none of them may contain one). The functions' answers get theirs from
 * middy (lambdas/adapters/http/http-handler.ts). `sandbox` alone is a complete CSP that needs no quotes:
 * an error body is JSON, and a browser that shows it anyway runs nothing from it.
 */
export const GATEWAY_RESPONSE_HEADERS: Record<string, string> = Object.fromEntries(
  Object.entries({
    'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': 'sandbox',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
  }).map(([name, value]) => [name, `'${value}'`]),
);
/** A literal, not the stage's token: functions build links with it without depending on the deployment. */
const STAGE_NAME = 'v1';

export interface PublicApiProps {
  readonly logKey: IKey;
  /** Sustained requests per second across the stage; bursts above it get 429 from API Gateway. */
  readonly throttleRateLimit?: number;
  readonly throttleBurstLimit?: number;
  /** Requests per 5 minutes from one client IP before WAF blocks it. */
  readonly wafRateLimitPer5Minutes?: number;
  /** The API's own domain (a regional endpoint: the certificate is in the stack's region). */
  readonly customDomain?: { readonly domainName: string; readonly certificateArn: string };
  /**
   * The organisation's website (the `websiteOrigins` setting; docs/website-integration.md): its scripts
   * may post to the website routes (CORS) and it may frame the forms. None by default.
   */
  readonly websiteOrigins?: readonly string[];
}

/**
 * The paths of authenticated staff routes as WAF sees them: through the execute-api domain or CloudFront
 * the stage name leads the path (`/v1/staff/…`); through a custom domain's base path mapping it does not.
 */
export const STAFF_PATH_PATTERN = `^(/${STAGE_NAME})?/staff/`;

/**
 * The regional REST API that the website and (later) the staff console talk to: access logs without
 * client IPs or bodies, stage throttling, X-Ray, and a WAF in front.
 */
export class PublicApi extends Construct {
  readonly api: RestApi;
  /** The custom domain, when the settings name one. */
  readonly domain?: DomainName;
  /** WEBSITE_ORIGINS for the functions that answer the website, always set (empty: none; config/environments.ts). */
  readonly websiteEnvironment: { readonly WEBSITE_ORIGINS: string };
  private readonly customDomainName?: string;
  private readonly logKey: IKey;
  private websitePreflight?: AppFunction<typeof WebsitePreflightEnv>;

  constructor(scope: Construct, id: string, props: PublicApiProps) {
    super(scope, id);
    this.logKey = props.logKey;
    this.websiteEnvironment = { WEBSITE_ORIGINS: (props.websiteOrigins ?? []).join(',') };
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.THREE_MONTHS,
      encryptionKey: props.logKey,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const loggingRoleSetting = this.ensureAccountLoggingRole(props.logKey);
    this.api = new RestApi(this, 'Api', {
      restApiName: `${Stack.of(this).stackName}-public`,
      description: 'Personvern: policy, contact and data subject requests',
      endpointTypes: [EndpointType.REGIONAL],
      // The account's logging role is one setting for every API in the account: see ensureAccountLoggingRole.
      cloudWatchRole: false,
      deployOptions: {
        stageName: STAGE_NAME,
        tracingEnabled: true,
        throttlingRateLimit: props.throttleRateLimit ?? 50,
        throttlingBurstLimit: props.throttleBurstLimit ?? 100,
        // Execution logs at ERROR only and never with bodies: request data is personal data.
        loggingLevel: MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        // Deliberately no caller IP, user agent or path parameters: those can identify a person.
        accessLogFormat: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTimeEpoch',
            method: '$context.httpMethod',
            resource: '$context.resourcePath',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationLatencyMs: '$context.integrationLatency',
            responseBytes: '$context.responseLength',
            wafStatus: '$context.waf.status',
          }),
        ),
      },
    });
    // API Gateway would create the execution log group itself, unencrypted and kept forever: make it first.
    const executionLogs = new LogGroup(this, 'ExecutionLogs', {
      logGroupName: `API-Gateway-Execution-Logs_${this.api.restApiId}/${STAGE_NAME}`,
      retention: RetentionDays.THREE_MONTHS,
      encryptionKey: props.logKey,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.api.deploymentStage.node.addDependency(executionLogs, loggingRoleSetting);
    if (props.customDomain !== undefined) {
      this.domain = this.addCustomDomain(props.customDomain);
      this.customDomainName = props.customDomain.domainName;
    }
    // Unknown paths answer like every other miss: 404 in our error format, not "Missing Authentication Token".
    this.api.addGatewayResponse('UnknownRoute', {
      type: ResponseType.MISSING_AUTHENTICATION_TOKEN,
      statusCode: '404',
      responseHeaders: GATEWAY_RESPONSE_HEADERS,
      templates: {
        'application/json': JSON.stringify({ error: { code: 'not_found', message: 'No such resource' } }),
      },
    });
    // API Gateway's own refusals (401, 413, throttling, …) carry the headers the functions' answers do.
    this.api.addGatewayResponse('Default4xx', {
      type: ResponseType.DEFAULT_4XX,
      responseHeaders: GATEWAY_RESPONSE_HEADERS,
    });
    this.api.addGatewayResponse('Default5xx', {
      type: ResponseType.DEFAULT_5XX,
      responseHeaders: GATEWAY_RESPONSE_HEADERS,
    });
    this.protectWithWaf(props.wafRateLimitPer5Minutes ?? 1000, props.logKey);
    this.acknowledgeFindings();
  }

  /**
   * The stage's base URL, built from the API id and stage name rather than `api.url`: functions that put
   * links in emails need it, and `api.url` would make them depend on the deployment that depends on them.
   */
  get baseUrl(): string {
    // The literal name, not the domain resource's token: links must not depend on the domain's deployment.
    if (this.customDomainName !== undefined) return `https://${this.customDomainName}`;
    return `https://${this.origin.domainName}${this.origin.originPath}`;
  }

  private addCustomDomain(customDomain: NonNullable<PublicApiProps['customDomain']>): DomainName {
    const domain = this.api.addDomainName('Domain', {
      domainName: customDomain.domainName,
      certificate: Certificate.fromCertificateArn(this, 'Certificate', customDomain.certificateArn),
      endpointType: EndpointType.REGIONAL,
      securityPolicy: SecurityPolicy.TLS_1_2,
    });
    new CfnOutput(this, 'DomainTarget', {
      value: domain.domainNameAliasDomainName,
      description: `DNS: point ${customDomain.domainName} here (CNAME, or an alias record in Route 53)`,
    });
    return domain;
  }

  /**
   * API Gateway writes access and execution logs with one role per account and region, and refuses a stage
   * with logging until the account has one. A custom resource sets ours only where none is set and never
   * undoes it (lambdas/handlers/deploy/api-gateway-logging-role.ts), so two stacks in one account (test and
   * production) do not break each other's logging. The role is retained with the stack for the same reason.
   */
  private ensureAccountLoggingRole(logKey: IKey): CustomResource {
    const role = new Role(this, 'AccountLoggingRole', {
      assumedBy: new ServicePrincipal('apigateway.amazonaws.com'),
      managedPolicies: [
        ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonAPIGatewayPushToCloudWatchLogs'),
      ],
    });
    role.applyRemovalPolicy(RemovalPolicy.RETAIN);
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      reason:
        "API Gateway's account-wide logging role; AWS documents this managed policy as the way API Gateway writes execution and access logs.",
    });
    const fn = new AppFunction(this, 'EnsureLoggingRole', {
      entry: 'lambdas/handlers/deploy/api-gateway-logging-role.ts',
      description: 'Deploy time: gives API Gateway a logging role where the account has none',
      timeout: Duration.seconds(30),
      reservedConcurrentExecutions: 1,
      logKey,
    });
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['apigateway:GET', 'apigateway:PATCH'],
        resources: [Stack.of(this).formatArn({ service: 'apigateway', account: '', resource: '/account' })],
      }),
    );
    fn.addToRolePolicy(new PolicyStatement({ actions: ['iam:PassRole'], resources: [role.roleArn] }));
    const setting = new CustomResource(this, 'AccountLoggingRoleSetting', {
      serviceToken: fn.functionArn,
      resourceType: 'Custom::ApiGatewayAccountLoggingRole',
      properties: { RoleArn: role.roleArn },
    });
    setting.node.addDependency(role);
    return setting;
  }

  /** The API as a CloudFront origin: its execute-api domain and the stage's path. */
  get origin(): { readonly domainName: string; readonly originPath: string } {
    const stack = Stack.of(this);
    return {
      domainName: `${this.api.restApiId}.execute-api.${stack.region}.${stack.urlSuffix}`,
      originPath: `/${STAGE_NAME}`,
    };
  }

  /** Adds `GET path` (path segments separated by `/`) served by `fn`, open to the public. */
  addPublicRoute(method: string, path: string, fn: IFunction): void {
    const resource = this.api.root.resourceForPath(path);
    const m = resource.addMethod(method, new LambdaIntegration(fn, { proxy: true }));
    for (const id of ['AwsSolutions-APIG4', 'AwsSolutions-COG4']) {
      Validations.of(m).acknowledge({
        id,
        reason:
          'Public by design: anyone may read the privacy policy or file a request; WAF and throttling guard it.',
      });
    }
  }

  /**
   * Adds `POST path` served by `fn` (which must answer with `cors: websiteOrigins`, adapters/http/cors.ts) and
   * its CORS preflight `OPTIONS path`, so the website's scripts may post JSON to it (docs/website-integration.md).
   *
   * The preflight is answered by one small function for every such route, not by API Gateway: a MOCK
   * integration (CDK's `addCorsPreflight`) answers with fixed header values, and a fixed
   * `Access-Control-Allow-Origin` can name one origin only; echoing the request's Origin would need a
   * mapping template that the local API cannot run. The function decides with the same code as the POST's
   * answers, on AWS and locally alike, and costs an invocation per browser per ten minutes (Max-Age).
   */
  addWebsiteRoute(path: string, fn: IFunction): void {
    this.addPublicRoute('POST', path, fn);
    this.websitePreflight ??= new AppFunction(this, 'WebsitePreflight', {
      entry: 'lambdas/handlers/api/website-preflight.ts',
      description: 'OPTIONS /contact and /requests: CORS preflights for the website’s own origins',
      envSchema: WebsitePreflightEnv,
      environment: this.websiteEnvironment,
      memorySize: 128,
      reservedConcurrentExecutions: 10,
      logKey: this.logKey,
    });
    this.addPublicRoute('OPTIONS', path, this.websitePreflight);
  }

  /**
   * Adds `method path` served by `fn`, for signed-in staff only: API Gateway answers 401 unless the
   * request carries a valid id token of the staff user pool (`Authorization: <idToken>`) and passes its
   * claims to `fn`, which must still check which controller's data the caller may see
   * (`lambdas/adapters/http/staff-principal.ts`). `authorizer` is `StaffAuth.authorizer`.
   */
  addStaffRoute(method: string, path: string, fn: IFunction, authorizer: IAuthorizer): void {
    const resource = this.api.root.resourceForPath(path);
    resource.addMethod(method, new LambdaIntegration(fn, { proxy: true }), {
      authorizationType: AuthorizationType.COGNITO,
      authorizer,
    });
  }

  private protectWithWaf(rateLimit: number, logKey: IKey): void {
    const managed = (name: string, priority: number): CfnWebACL.RuleProperty => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
      visibilityConfig: { cloudWatchMetricsEnabled: true, sampledRequestsEnabled: false, metricName: name },
    });
    const acl = new CfnWebACL(this, 'Waf', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: {
        cloudWatchMetricsEnabled: true,
        sampledRequestsEnabled: false,
        metricName: 'personvern',
      },
      rules: [
        {
          name: 'RateLimitPerIp',
          priority: 0,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: rateLimit, aggregateKeyType: 'IP' } },
          visibilityConfig: {
            cloudWatchMetricsEnabled: true,
            sampledRequestsEnabled: false,
            metricName: 'rate',
          },
        },
        {
          ...managed('AWSManagedRulesCommonRuleSet', 1),
          statement: {
            managedRuleGroupStatement: {
              vendorName: 'AWS',
              name: 'AWSManagedRulesCommonRuleSet',
              // Public forms are anonymous: the set applies there, but for its 8 KB body limit, which a
              // legitimate form passes: 5,000 characters of Norwegian text are 10 KB as JSON and up to
              // 45 KB form-encoded (å is %C3%A5). That rule only counts; the handlers refuse bodies over
              // 64 KB with 413 (MAX_SUBMISSION_BYTES), and a rule of our own would cost a fixed $1 a month.
              // Staff routes carry policy versions (about 45 KB), notice recipient lists (up to 5 MB) and
              // texts that look like markup; they need a valid id token from the Cognito authorizer before
              // a handler reads the body, and the handlers validate and cap it.
              ruleActionOverrides: [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }],
              scopeDownStatement: {
                notStatement: {
                  statement: {
                    regexMatchStatement: {
                      regexString: STAFF_PATH_PATTERN,
                      fieldToMatch: { uriPath: {} },
                      textTransformations: [{ priority: 0, type: 'NONE' }],
                    },
                  },
                },
              },
            },
          },
        },
        managed('AWSManagedRulesKnownBadInputsRuleSet', 2),
      ],
    });
    new CfnWebACLAssociation(this, 'WafAssociation', {
      resourceArn: this.api.deploymentStage.stageArn,
      webAclArn: acl.attrArn,
    });
    // WAF logs hold the client IP and URI of every request it sees; keep only what it blocked (the
    // security events), with query strings redacted.
    const wafLogs = new LogGroup(this, 'WafLogs', {
      logGroupName: `aws-waf-logs-${Stack.of(this).stackName}`,
      retention: RetentionDays.ONE_MONTH,
      encryptionKey: logKey,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    new CfnLoggingConfiguration(this, 'WafLogging', {
      resourceArn: acl.attrArn,
      logDestinationConfigs: [wafLogs.logGroupArn],
      redactedFields: [{ queryString: {} }],
      loggingFilter: {
        DefaultBehavior: 'DROP',
        Filters: [
          {
            Behavior: 'KEEP',
            Requirement: 'MEETS_ANY',
            Conditions: [{ ActionCondition: { Action: 'BLOCK' } }],
          },
        ],
      },
    });
  }

  private acknowledgeFindings(): void {
    const stage = this.api.deploymentStage;
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG2',
      reason:
        'Bodies are validated by zod in the handlers, which answer with per-field messages in our error format.',
    });
    Validations.of(stage).acknowledge({
      id: 'HIPAA.Security-APIGWCacheEnabledAndEncrypted',
      reason:
        'Responses are not cached in API Gateway: request responses hold personal data; the policy uses ETags.',
    });
    Validations.of(stage).acknowledge({
      id: 'NIST.800.53.R5-APIGWCacheEnabledAndEncrypted',
      reason:
        'Responses are not cached in API Gateway: request responses hold personal data; the policy uses ETags.',
    });
    Validations.of(stage).acknowledge({
      id: 'HIPAA.Security-APIGWSSLEnabled',
      reason:
        'Client certificates authenticate API Gateway to HTTP backends; every integration here is Lambda over IAM.',
    });
    Validations.of(stage).acknowledge({
      id: 'NIST.800.53.R5-APIGWSSLEnabled',
      reason:
        'Client certificates authenticate API Gateway to HTTP backends; every integration here is Lambda over IAM.',
    });
  }
}
