import { Match, Template } from 'aws-cdk-lib/assertions';
import { MAX_SUBMISSION_BYTES } from '../../lambdas/adapters/http/submission-body';
import { loggingRoleToSet } from '../../lambdas/handlers/deploy/api-gateway-logging-role';
import { buildApp } from '../../lib/app';
import { STAFF_PATH_PATTERN } from '../../lib/constructs/public-api';
import { nagPacks } from '../../lib/nag';

const ACCOUNT = '111122223333';
const TEST_DOMAINS = {
  apiDomainName: 'personvern.test.example.org',
  apiCertificateArn: `arn:aws:acm:eu-west-1:${ACCOUNT}:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d`,
  consoleDomainName: 'konsoll.test.example.org',
  consoleCertificateArn: `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d`,
};

/** The app as `cdk deploy` builds it: the CLI has resolved the account from the credentials. */
const deployed = (context: Record<string, unknown>) =>
  buildApp({ bundling: false, context: { account: ACCOUNT, ...context } });

const development = Template.fromStack(buildApp({ bundling: false }).stack);
const testWithDomains = deployed({
  env: 'test',
  region: 'eu-west-1',
  reserveConcurrency: true,
  staffEmailViaSes: true,
  ...TEST_DOMAINS,
});
const withDomains = Template.fromStack(testWithDomains.stack);

describe('First deploy: cdk-nag as a deploy runs it', () => {
  const stacks = [
    ['production, eu-north-1', deployed({ env: 'production' }).stack],
    ['test with custom domains and reservations, eu-west-1', testWithDomains.stack],
  ] as const;
  it.each(
    stacks.flatMap(([name, stack]) =>
      nagPacks(stack).map((pack) => [name, pack.readPackName, stack, pack] as const),
    ),
  )('finds nothing unacknowledged with a resolved account (%s, %s)', (_, __, stack, pack) => {
    // Act
    const report = pack.validateScope(stack);

    // Assess
    expect(report.violations.map((v) => v.ruleName)).toEqual([]);
  });
});

describe('First deploy: concurrency', () => {
  const reservations = (template: Template) =>
    Object.values(
      template.findResources('AWS::Lambda::Function', { Metadata: { 'personvern:entry': Match.anyValue() } }),
    ).map((fn) => fn.Properties.ReservedConcurrentExecutions as number | undefined);

  it('reserves nothing by default, so a new account with a small quota can deploy', () => {
    // Assess
    expect(reservations(development).length).toBeGreaterThan(30);
    expect(reservations(development).every((r) => r === undefined)).toBe(true);
  });

  it('reserves each function its share when reserveConcurrency is on', () => {
    // Assess
    expect(reservations(withDomains).every((r) => typeof r === 'number' && r > 0)).toBe(true);
  });
});

describe('First deploy: WAF', () => {
  const rules = () => {
    const acl = Object.values(development.findResources('AWS::WAFv2::WebACL'))[0];
    return acl?.Properties.Rules as { Name: string; Statement: Record<string, unknown> }[];
  };

  it('applies the common rule set to every route but the authenticated staff routes, its 8 KB body limit only counting', () => {
    // Assess
    const common = rules().find((rule) => rule.Name === 'AWSManagedRulesCommonRuleSet');
    expect(common?.Statement).toEqual({
      ManagedRuleGroupStatement: {
        VendorName: 'AWS',
        Name: 'AWSManagedRulesCommonRuleSet',
        RuleActionOverrides: [{ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } }],
        ScopeDownStatement: {
          NotStatement: {
            Statement: {
              RegexMatchStatement: {
                RegexString: STAFF_PATH_PATTERN,
                FieldToMatch: { UriPath: {} },
                TextTransformations: [{ Priority: 0, Type: 'NONE' }],
              },
            },
          },
        },
      },
    });
  });

  it('keeps the fixed monthly cost down: three rules (rate limit, common set, known bad inputs)', () => {
    // Assess
    expect(rules().map((rule) => rule.Name)).toEqual([
      'RateLimitPerIp',
      'AWSManagedRulesCommonRuleSet',
      'AWSManagedRulesKnownBadInputsRuleSet',
    ]);
  });

  it('lets the largest request a person can file through: over 8 KB, under the handlers’ 64 KB', () => {
    // Prepare: every text field at its limit, in letters that take the most room form-encoded
    const longest = (length: number) => '€'.repeat(length);
    const body = new URLSearchParams({
      type: 'rectification',
      name: longest(200),
      email: `${'k'.repeat(64)}@${'e'.repeat(180)}.no`,
      phone: '+4791234567',
      details: longest(5000),
      'onBehalfOf.name': longest(200),
      'onBehalfOf.birthDate': '2015-05-17',
      'onBehalfOf.relationship': 'guardian',
      lang: 'nb',
    }).toString();

    // Assess
    expect(Buffer.byteLength(body)).toBeGreaterThan(8 * 1024);
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(MAX_SUBMISSION_BYTES);
  });

  it.each([
    ['/v1/staff/policy/versions', true],
    ['/staff/policy/versions/2.0.0/notices', true],
    ['/v1/requests', false],
    ['/contact', false],
    ['/v1/policy/staff/x', false],
  ])('treats %s as a staff path: %s', (path, staff) => {
    // Assess
    expect(new RegExp(STAFF_PATH_PATTERN).test(path)).toBe(staff);
  });
});

describe('First deploy: account-wide settings', () => {
  it('never writes the API Gateway account setting directly, which would overwrite another stack’s', () => {
    // Assess
    development.resourceCountIs('AWS::ApiGateway::Account', 0);
    development.hasResourceProperties('Custom::ApiGatewayAccountLoggingRole', { RoleArn: Match.anyValue() });
  });

  it('keeps the logging role when the stack goes, since the account may point at it', () => {
    // Assess
    development.hasResource('AWS::IAM::Role', {
      DeletionPolicy: 'Retain',
      Properties: {
        AssumeRolePolicyDocument: Match.objectLike({
          Statement: [Match.objectLike({ Principal: { Service: 'apigateway.amazonaws.com' } })],
        }),
      },
    });
  });

  it('deploys the stage after the logging role is in place and its execution log group exists', () => {
    // Assess
    const stage = Object.values(development.findResources('AWS::ApiGateway::Stage'))[0];
    const dependsOn = stage?.DependsOn as string[];
    expect(dependsOn.some((id) => id.includes('AccountLoggingRoleSetting'))).toBe(true);
    expect(dependsOn.some((id) => id.includes('ExecutionLogs'))).toBe(true);
  });

  it('creates the execution log group itself, encrypted and with a retention', () => {
    // Assess
    development.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: { 'Fn::Join': ['', ['API-Gateway-Execution-Logs_', Match.anyValue(), '/v1']] },
      KmsKeyId: Match.anyValue(),
      RetentionInDays: 90,
    });
  });

  it.each([
    ['AWS::CloudFront::ResponseHeadersPolicy', 'ResponseHeadersPolicyConfig'],
    ['AWS::CloudFront::OriginAccessControl', 'OriginAccessControlConfig'],
  ])('names the %s after the stack and region, since the name is global to the account', (type, config) => {
    // Assess
    const [resource] = Object.values(withDomains.findResources(type));
    expect(resource?.Properties[config].Name).toBe(
      'Personvern-test-eu-west-1-'.concat(type.includes('Header') ? 'console-headers' : 'console'),
    );
  });

  it('gives each stack its own Cognito domain prefix', () => {
    // Assess
    withDomains.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: `personvern-test-${ACCOUNT}`,
    });
  });
});

describe('First deploy: the key policy', () => {
  it('lets each AWS service use our key only with conditions that bind it to this account', () => {
    // Assess
    const [key] = Object.values(development.findResources('AWS::KMS::Key'));
    const services = (
      (key?.Properties.KeyPolicy.Statement ?? []) as { Principal: { Service?: string }; Condition?: object }[]
    ).filter((statement) => statement.Principal.Service !== undefined);
    expect(services.map((statement) => statement.Principal.Service).sort()).toEqual([
      'cloudwatch.amazonaws.com',
      'delivery.logs.amazonaws.com',
      'logs.eu-north-1.amazonaws.com',
      'ses.amazonaws.com',
    ]);
    for (const statement of services) {
      const condition = JSON.stringify(statement.Condition ?? {});
      expect({
        service: statement.Principal.Service,
        bound: /aws:SourceAccount|aws:logs:arn/.test(condition),
      }).toEqual({
        service: statement.Principal.Service,
        bound: true,
      });
    }
  });
});

describe('First deploy: SES and Cognito', () => {
  it('keeps the SES identity when the stack is deleted, so its published DKIM records stay valid', () => {
    // Assess
    development.hasResource('AWS::SES::EmailIdentity', {
      DeletionPolicy: 'Retain',
      Properties: { EmailIdentity: 'example.org' },
    });
  });

  it('sends Cognito’s email through SES when staffEmailViaSes is on, and leaves Cognito’s sender otherwise', () => {
    // Assess
    withDomains.hasResourceProperties('AWS::Cognito::UserPool', {
      EmailConfiguration: {
        EmailSendingAccount: 'DEVELOPER',
        From: 'Personvern <personvern@test.sterkhelse.no>',
        SourceArn: Match.anyValue(),
      },
    });
    const [pool] = Object.values(withDomains.findResources('AWS::Cognito::UserPool'));
    expect(JSON.stringify(pool?.Properties.EmailConfiguration.SourceArn)).toContain(
      ':identity/test.sterkhelse.no',
    );
    development.hasResourceProperties('AWS::Cognito::UserPool', {
      EmailConfiguration: { EmailSendingAccount: 'COGNITO_DEFAULT' },
    });
  });

  it('invites new staff with a link to the console', () => {
    // Assess
    withDomains.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: {
        InviteMessageTemplate: {
          EmailMessage: Match.stringLikeRegexp(
            'https://konsoll\\.test\\.example\\.org/.*\\{username\\}.*\\{####\\}',
          ),
        },
      },
    });
  });
});

describe('First deploy: custom domains', () => {
  it('gives the API its domain with the regional certificate, and links in emails use it', () => {
    // Assess
    withDomains.hasResourceProperties('AWS::ApiGateway::DomainName', {
      DomainName: TEST_DOMAINS.apiDomainName,
      RegionalCertificateArn: TEST_DOMAINS.apiCertificateArn,
      SecurityPolicy: 'TLS_1_2',
    });
    withDomains.resourceCountIs('AWS::ApiGateway::BasePathMapping', 1);
    const env = Object.values(withDomains.findResources('AWS::Lambda::Function')).map(
      (fn) => fn.Properties.Environment?.Variables?.PUBLIC_BASE_URL,
    );
    expect(env).toContain(`https://${TEST_DOMAINS.apiDomainName}`);
  });

  it('gives the console its alias with the us-east-1 certificate and TLS 1.2', () => {
    // Assess
    withDomains.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: [TEST_DOMAINS.consoleDomainName],
        ViewerCertificate: Match.objectLike({
          AcmCertificateArn: TEST_DOMAINS.consoleCertificateArn,
          MinimumProtocolVersion: 'TLSv1.2_2021',
        }),
      }),
    });
  });

  it('accepts the sign-in callback on both the alias and the distribution’s own address', () => {
    // Assess
    const [client] = Object.values(withDomains.findResources('AWS::Cognito::UserPoolClient'));
    const callbacks = JSON.stringify(client?.Properties.CallbackURLs);
    expect(callbacks).toContain(`https://${TEST_DOMAINS.consoleDomainName}/`);
    expect(callbacks).toContain('DomainName');
  });
});

describe('Function: loggingRoleToSet', () => {
  it('sets our role where the account has none', () => {
    // Assess
    expect(loggingRoleToSet(undefined, 'arn:ours')).toBe('arn:ours');
    expect(loggingRoleToSet('', 'arn:ours')).toBe('arn:ours');
  });

  it('leaves a role another stack set alone', () => {
    // Assess
    expect(loggingRoleToSet('arn:theirs', 'arn:ours')).toBeUndefined();
  });
});
