import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { PublicApi } from '../../lib/constructs/public-api';
import { hostedUiUrl, StaffAuth } from '../../lib/constructs/staff-auth';
import { nagPacks } from '../../lib/nag';
import { loadPolicyDocument } from '../../lib/policy-document';

const POLICY_FILE = 'policy/sterk.json';
const controllerIds = loadPolicyDocument(POLICY_FILE).controllers.map((controller) => controller.id);

function stackWithStaffAuth(options: { staffRoute: boolean; threatProtection?: boolean }) {
  const stack = new Stack(new App(), 'Test', { env: { region: 'eu-north-1', account: '111111111111' } });
  const api = new PublicApi(stack, 'PublicApi', { logKey: new Key(stack, 'Key') });
  const staffAuth = new StaffAuth(stack, 'StaffAuth', {
    policyFile: POLICY_FILE,
    callbackUrls: ['https://personvern.example/console'],
    consoleUrl: 'https://personvern.example/console',
    domainPrefix: 'personvern-test',
    threatProtection: options.threatProtection,
  });
  const fn = new LambdaFunction(stack, 'Handler', {
    runtime: Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: Code.fromInline('export const handler = async () => ({ statusCode: 200 });'),
  });
  api.addPublicRoute('GET', 'policy', fn);
  if (options.staffRoute) api.addStaffRoute('GET', 'staff/requests', fn, staffAuth.authorizer);
  return { stack, staffAuth, template: Template.fromStack(stack) };
}

describe('Construct: StaffAuth', () => {
  const { stack, template, staffAuth } = stackWithStaffAuth({ staffRoute: true });

  it('makes a user pool that only administrators add people to, signing in by username or email', () => {
    // Assess
    template.resourceCountIs('AWS::Cognito::UserPool', 1);
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      AliasAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      DeletionProtection: 'ACTIVE',
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: 14,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
    });
    template.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  it('makes the privacy-officer group and one staff group per controller of the policy', () => {
    // Prepare
    const expected = ['privacy-officer', ...controllerIds.map((id) => `staff-${id}`)];

    // Act
    const groups = Object.values(template.findResources('AWS::Cognito::UserPoolGroup')).map(
      (group) => group.Properties.GroupName,
    );

    // Assess
    expect(controllerIds).toEqual(['sterk-helse-og-trening', 'sterk-hasle', 'sterk-helse']);
    expect(groups.sort()).toEqual([...expected].sort());
    expect(staffAuth.groupNames).toEqual(expected);
  });

  it('gives the staff console a public client: code grant only, no secret, id tokens for one hour', () => {
    // Assess
    template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: Match.arrayWith(['openid']),
      CallbackURLs: ['https://personvern.example/console'],
      SupportedIdentityProviders: ['COGNITO'],
      IdTokenValidity: 60,
      TokenValidityUnits: Match.objectLike({ IdToken: 'minutes' }),
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
    });
  });

  it('gives the hosted UI a Cognito domain with the given prefix, at the address the console is told', () => {
    // Act
    const address = hostedUiUrl('personvern-test', 'eu-north-1');

    // Assess
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'personvern-test' });
    expect(address).toBe('https://personvern-test.auth.eu-north-1.amazoncognito.com');
  });

  it('puts staff routes behind the Cognito authorizer of that pool', () => {
    // Prepare
    const [authorizerId] = Object.keys(template.findResources('AWS::ApiGateway::Authorizer'));
    const [poolId] = Object.keys(template.findResources('AWS::Cognito::UserPool'));

    // Assess
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'COGNITO_USER_POOLS',
      IdentitySource: 'method.request.header.Authorization',
      ProviderARNs: [{ 'Fn::GetAtt': [poolId, 'Arn'] }],
    });
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'GET',
      AuthorizationType: 'COGNITO_USER_POOLS',
      AuthorizerId: { Ref: authorizerId },
    });
  });

  it.each(nagPacks(stack).map((pack) => [pack.readPackName, pack] as const))(
    'leaves no unacknowledged %s finding on the user pool or a staff route',
    (_, pack) => {
      // Act
      const report = pack.validateScope(stack);

      // Assess
      const findings = report.violations.flatMap((v) =>
        v.violatingResources
          .map((r) => (r as { constructPath?: string }).constructPath ?? '')
          .filter((path) => path.startsWith('Test/StaffAuth') || path.includes('/staff/'))
          .map((path) => `${v.ruleName}: ${path}`),
      );
      expect(findings).toEqual([]);
    },
  );

  it('makes no authorizer while there is no staff route (API Gateway refuses an unused one)', () => {
    // Act
    const { template: withoutRoutes } = stackWithStaffAuth({ staffRoute: false });

    // Assess
    withoutRoutes.resourceCountIs('AWS::ApiGateway::Authorizer', 0);
    withoutRoutes.resourceCountIs('AWS::Cognito::UserPool', 1);
  });

  it('enforces threat protection on the Plus plan when asked to', () => {
    // Act
    const { template: protectedPool } = stackWithStaffAuth({ staffRoute: false, threatProtection: true });

    // Assess
    protectedPool.hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
    });
    template.hasResourceProperties('AWS::Cognito::UserPool', { UserPoolTier: 'ESSENTIALS' });
  });
});
