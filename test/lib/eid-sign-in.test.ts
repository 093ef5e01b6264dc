/**
 * ID-porten in the template (docs/id-porten.md section 6): the routes exist only with the settings, the
 * national identity number's key is used by exactly two roles, each for one action and only for the
 * number's encryption context, and the client key is readable by the callback alone.
 */
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../lib/app';

const withEid = Template.fromStack(buildApp({ bundling: false }).stack);
const withoutEid = Template.fromStack(buildApp({ bundling: false, context: { env: 'production' } }).stack);

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };

/** Every IAM policy statement of the template, with the roles it is attached to. */
function statements(template: Template): { roles: string; statement: Statement }[] {
  return Object.values(template.findResources('AWS::IAM::Policy')).flatMap((policy) =>
    (policy.Properties.PolicyDocument.Statement as Statement[]).map((statement) => ({
      roles: JSON.stringify(policy.Properties.Roles),
      statement,
    })),
  );
}

const keyId =
  Object.keys(withEid.findResources('AWS::KMS::Key')).find((id) => id.includes('NationalIdKey')) ?? '';

/** The routes as `METHOD path-part` pairs: each resource's last path part with its methods. */
function methods(template: Template): string[] {
  const resources = template.findResources('AWS::ApiGateway::Resource');
  return Object.values(template.findResources('AWS::ApiGateway::Method')).map((method) => {
    const resource =
      resources[(method.Properties.ResourceId as { Ref?: string }).Ref ?? '']?.Properties.PathPart;
    return `${method.Properties.HttpMethod} ${resource ?? '/'}`;
  });
}

describe('ID-porten in the template', () => {
  it('has the start, callback and reveal routes with the settings, and none without them', () => {
    // Assess
    expect(methods(withEid)).toEqual(expect.arrayContaining(['GET eid', 'GET callback', 'POST national-id']));
    expect(methods(withoutEid)).not.toEqual(expect.arrayContaining(['GET callback']));
    expect(
      Object.keys(withoutEid.findResources('AWS::KMS::Key')).some((id) => id.includes('NationalIdKey')),
    ).toBe(false);
  });

  it('keeps the national identity number under its own key, rotated and retained', () => {
    // Assess
    expect(keyId).not.toBe('');
    withEid.hasResource('AWS::KMS::Key', {
      Properties: { EnableKeyRotation: true },
      DeletionPolicy: 'Retain',
    });
  });

  it('lets only the callback make data keys and only the reveal route open them, for the number only', () => {
    // Prepare
    const onKey = statements(withEid).filter(({ statement }) =>
      JSON.stringify(statement.Resource).includes(keyId),
    );

    // Assess
    expect(
      onKey.map(({ roles, statement }) => [
        roles.includes('EidCallback') ? 'callback' : roles.includes('RevealNationalId') ? 'reveal' : roles,
        statement.Action,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['callback', 'kms:GenerateDataKey'],
        ['reveal', 'kms:Decrypt'],
      ]),
    );
    expect(onKey).toHaveLength(2);
    for (const { statement } of onKey) {
      expect(statement.Condition).toEqual({
        StringEquals: { 'kms:EncryptionContext:purpose': 'national-id' },
      });
    }
  });

  it('gives the client key secret to the callback alone, and the callback time for three calls to ID-porten', () => {
    // Prepare
    const secretId = Object.keys(withEid.findResources('AWS::SecretsManager::Secret')).find((id) =>
      id.includes('IdportenClientKey'),
    );
    const readers = statements(withEid).filter(
      ({ statement }) =>
        JSON.stringify(statement.Resource).includes(secretId ?? 'none') &&
        [statement.Action].flat().includes('secretsmanager:GetSecretValue'),
    );

    // Assess
    expect(secretId).toBeDefined();
    expect(readers.map(({ roles }) => roles.includes('EidCallback'))).toEqual([true]);
    const callback = Object.values(withEid.findResources('AWS::Lambda::Function')).find((fn) =>
      String(fn.Properties.Description).startsWith('GET /eid/callback'),
    );
    expect(callback?.Properties.Timeout).toBe(20);
  });
});
