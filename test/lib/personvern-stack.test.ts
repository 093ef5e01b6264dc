import { readFileSync } from 'node:fs';
import { Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { buildApp } from '../../lib/app';
import { nagPacks } from '../../lib/nag';
import { repoRoot } from '../../lib/paths';

const { stack } = buildApp({ bundling: false });
const template = Template.fromStack(stack);

describe('Stack: Personvern', () => {
  it('runs every function on Node 22, arm64, with X-Ray and JSON logs', () => {
    // Assess
    const functions = template.findResources('AWS::Lambda::Function', {
      Metadata: { 'personvern:entry': Match.anyValue() },
    });
    expect(Object.keys(functions).length).toBeGreaterThan(0);
    for (const fn of Object.values(functions)) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogFormat: 'JSON' },
      });
      // Reservations are opt-in (test/lib/first-deploy.test.ts): a new account could not give them.
      expect(fn.Properties.ReservedConcurrentExecutions).toBeUndefined();
      // Source maps are read offline (`personvern trace`): parsing one costs every cold start 10–15 ms.
      expect(JSON.stringify(fn.Properties.Environment ?? {})).not.toContain('--enable-source-maps');
    }
  });

  it('keeps every log group encrypted with the customer-managed key and on a retention', () => {
    // Assess
    const groups = Object.values(template.findResources('AWS::Logs::LogGroup'));
    expect(groups.length).toBeGreaterThan(0);
    for (const group of groups) {
      expect(group.Properties.KmsKeyId).toEqual({
        'Fn::GetAtt': [expect.stringMatching(/^EncryptionKey/), 'Arn'],
      });
      expect(group.Properties.RetentionInDays).toBeGreaterThan(0);
    }
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it.each(['policy', 'policy.json'])('serves GET /%s from the policy function', (pathPart) => {
    // Assess
    const resources = template.findResources('AWS::ApiGateway::Resource', {
      Properties: { PathPart: pathPart },
    });
    const [resourceId] = Object.keys(resources);
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'GET',
      ResourceId: { Ref: resourceId },
      AuthorizationType: 'NONE',
      Integration: {
        Type: 'AWS_PROXY',
        Uri: {
          'Fn::Join': [
            '',
            Match.arrayWith([{ 'Fn::GetAtt': [Match.stringLikeRegexp('^PolicyGetPolicy'), 'Arn'] }]),
          ],
        },
      },
    });
  });

  it('serves the privacy centre, GET / on the API root, from the policy function', () => {
    // Assess: a method on the root resource is how the local stack (and API Gateway) serve "/"
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'GET',
      ResourceId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^PublicApi'), 'RootResourceId'] },
      AuthorizationType: 'NONE',
      Integration: {
        Type: 'AWS_PROXY',
        Uri: {
          'Fn::Join': [
            '',
            Match.arrayWith([{ 'Fn::GetAtt': [Match.stringLikeRegexp('^PolicyGetPolicy'), 'Arn'] }]),
          ],
        },
      },
    });
  });

  it('throttles the stage, traces it and writes access logs without client IPs', () => {
    // Assess
    const stage = Object.values(template.findResources('AWS::ApiGateway::Stage'))[0];
    expect(stage?.Properties).toMatchObject({
      TracingEnabled: true,
      MethodSettings: [
        expect.objectContaining({
          ThrottlingRateLimit: 50,
          ThrottlingBurstLimit: 100,
          DataTraceEnabled: false,
        }),
      ],
    });
    expect(stage?.Properties.AccessLogSetting.Format).not.toContain('sourceIp');
  });

  it('puts a WAF with a per-IP rate rule in front of the API', () => {
    // Assess
    template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      Rules: Match.arrayWith([
        Match.objectLike({ Statement: { RateBasedStatement: Match.objectLike({ AggregateKeyType: 'IP' }) } }),
      ]),
    });
    template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 1);
  });

  it('answers unknown paths with 404 instead of "Missing Authentication Token"', () => {
    // Assess
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'MISSING_AUTHENTICATION_TOKEN',
      StatusCode: '404',
    });
  });
});

describe('Compliance: cdk-nag packs', () => {
  it.each(nagPacks(stack).map((pack) => [pack.readPackName, pack] as const))(
    'finds nothing unacknowledged in %s',
    (_, pack) => {
      // Act
      const report = pack.validateScope(stack);

      // Assess
      const findings = report.violations.map(
        (v) =>
          `${v.ruleName}: ${v.violatingResources.map((r) => (r as { constructPath?: string }).constructPath).join(', ')}`,
      );
      expect(findings).toEqual([]);
    },
  );

  it('gives every acknowledgement a reason and lists it in docs/security.md', () => {
    // Prepare
    const securityDoc = readFileSync(`${repoRoot}/docs/security.md`, 'utf8');

    // Act
    const acknowledgements = collectAcknowledgements(stack);

    // Assess
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const { id, reason } of acknowledgements) {
      expect(reason.trim().length).toBeGreaterThan(20);
      expect(securityDoc).toContain(
        id
          .replace(/^Annotation::/, '')
          .replace(/Policy::arn:.*\//, 'Policy::…')
          .replace(/<\w+\.Arn>:\*/, '<function>.Arn:*')
          .replace(/<DataTable\w+\.Arn>\/index\/\*/, '<table>.Arn/index/*')
          .replace(/<ExportsBucket\w+\.Arn>\/(\w+)\/\*/, '<export bucket>.Arn/$1/*'),
      );
    }
  });
});

function collectAcknowledgements(root: IConstruct): { id: string; reason: string }[] {
  return root.node
    .findAll()
    .flatMap((c) =>
      c.node.metadata
        .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((m) =>
          Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({ id, reason })),
        ),
    );
}
