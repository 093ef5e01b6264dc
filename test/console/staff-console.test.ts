import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { consoleCsp } from '../../console/build';
import { StaffConsole } from '../../lib/constructs/staff-console';

const UPLOAD_ORIGIN = 'https://exports.s3.eu-north-1.amazonaws.com';

function synth(): Template {
  const app = new App();
  const stack = new Stack(app, 'ConsoleTest', { env: { account: '111111111111', region: 'eu-north-1' } });
  new StaffConsole(stack, 'Console', {
    uploadOrigin: UPLOAD_ORIGIN,
    api: { domainName: 'abc123.execute-api.eu-north-1.amazonaws.com', originPath: '/v1' },
  });
  return Template.fromStack(stack);
}

describe('StaffConsole (unwired)', () => {
  const template = synth();

  it('sends the same strict CSP as the local server, with the upload origin in connect-src', () => {
    // Arrange
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
    // Arrange
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
    ]);
  });
});
