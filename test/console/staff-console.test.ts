import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { consoleCsp } from '../../console/build';
import { buildApp } from '../../lib/app';
import { consoleContentSecurityPolicy, StaffConsole } from '../../lib/constructs/staff-console';

const UPLOAD_ORIGIN = 'https://exports.s3.eu-north-1.amazonaws.com';

function synth(): Template {
  const app = new App();
  const stack = new Stack(app, 'ConsoleTest', { env: { account: '111111111111', region: 'eu-north-1' } });
  new StaffConsole(stack, 'Console', {
    uploadOrigin: UPLOAD_ORIGIN,
    api: { domainName: 'abc123.execute-api.eu-north-1.amazonaws.com', originPath: '/v1' },
    policyFile: 'policy/sterk.json',
  });
  return Template.fromStack(stack);
}

describe('StaffConsole', () => {
  const template = synth();

  it('sends the same strict CSP as the local server, with the upload origin in connect-src', () => {
    // Prepare
    const expected = consoleCsp(UPLOAD_ORIGIN);

    // Act
    const policies = template.findResources('AWS::CloudFront::ResponseHeadersPolicy');

    // Assess
    const config = Object.values(policies)[0]?.Properties.ResponseHeadersPolicyConfig;
    expect(config.SecurityHeadersConfig.ContentSecurityPolicy).toEqual({
      ContentSecurityPolicy: expected,
      Override: true,
    });
    expect(config.SecurityHeadersConfig.FrameOptions.FrameOption).toBe('DENY');
  });

  it('serves a private bucket through origin access control, and /staff/* from the API uncached', () => {
    // Prepare
    const oac = 'AWS::CloudFront::OriginAccessControl';

    // Act
    const distribution = template.findResources('AWS::CloudFront::Distribution');

    // Assess
    template.resourceCountIs(oac, 1);
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: Match.objectLike({
        BlockPublicAcls: true,
        RestrictPublicBuckets: true,
      }),
    });
    const config = Object.values(distribution)[0]?.Properties.DistributionConfig;
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(config.CacheBehaviors).toEqual([
      expect.objectContaining({ PathPattern: '/staff/*', ViewerProtocolPolicy: 'https-only' }),
      expect.objectContaining({ PathPattern: '/policy.json', ViewerProtocolPolicy: 'https-only' }),
      expect.objectContaining({ PathPattern: '/policy/*', ViewerProtocolPolicy: 'https-only' }),
    ]);
  });

  it('allows the hosted UI in connect-src only when the console signs in through it', () => {
    // Act
    const withSignIn = consoleContentSecurityPolicy(
      UPLOAD_ORIGIN,
      'https://personvern.auth.eu-north-1.amazoncognito.com',
    );
    const without = consoleContentSecurityPolicy(UPLOAD_ORIGIN);

    // Assess
    expect(withSignIn).toContain(
      `connect-src 'self' ${UPLOAD_ORIGIN} https://personvern.auth.eu-north-1.amazoncognito.com;`,
    );
    expect(without).toContain(`connect-src 'self' ${UPLOAD_ORIGIN};`);
  });
});

describe('StaffConsole in the stack', () => {
  const { stack } = buildApp({ bundling: false });
  const template = Template.fromStack(stack);

  it('deploys a config.json that points the console at the hosted UI and the app client', () => {
    // Act
    const deployments = template.findResources('Custom::CDKBucketDeployment');

    // Assess
    const properties = Object.values(deployments)[0]?.Properties;
    // Two sources: the built console, and config.json filled in at deploy time with these two values.
    expect(properties.SourceObjectKeys).toHaveLength(2);
    const markers = JSON.stringify(properties.SourceMarkers[1]);
    expect(markers).toMatch(/"Ref":"StaffAuthUserPoolHostedUi\w+"/);
    expect(markers).toMatch(/"Ref":"StaffAuthUserPoolConsoleClient\w+"/);
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: Match.anyValue() });
  });

  it('lets the console PUT presigned uploads into the export bucket, and lists its own address as the sign-in callback', () => {
    // Act
    const buckets = template.findResources('AWS::S3::Bucket', {
      Properties: { CorsConfiguration: Match.anyValue() },
    });
    const clients = template.findResources('AWS::Cognito::UserPoolClient');

    // Assess
    const cors = Object.values(buckets)[0]?.Properties.CorsConfiguration.CorsRules[0];
    expect(cors.AllowedMethods).toEqual(['PUT']);
    expect(JSON.stringify(cors.AllowedOrigins)).toContain('StaffConsoleDistribution');
    const callbacks = JSON.stringify(Object.values(clients)[0]?.Properties.CallbackURLs);
    expect(callbacks).toContain('StaffConsoleDistribution');
    expect(callbacks).toContain('/"');
  });
});
