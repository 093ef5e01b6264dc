/**
 * `cdk synth` with the second organisation's policy (`-c policyFile=policy/fjordsmil.json`): the app
 * synthesizes, everything built from the policy is the clinic's, and a function's bundle carries the clinic's
 * document as `#policy`, not STERK's (issue 18).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Key } from 'aws-cdk-lib/aws-kms';
import { buildApp } from '../../lib/app';
import { AppFunction } from '../../lib/constructs/app-function';
import { POLICY_FILE_CONTEXT, POLICY_FILE_METADATA } from '../../lib/policy-module';

const POLICY_FILE = 'policy/fjordsmil.json';

describe('cdk synth with policyFile=policy/fjordsmil.json', () => {
  const { stack, settings } = buildApp({ bundling: false, context: { policyFile: POLICY_FILE } });
  const template = Template.fromStack(stack);

  it('synthesizes, and records the policy its functions bundle for the local stack', () => {
    // Assess
    expect(settings.policyFile).toBe(POLICY_FILE);
    expect(template.toJSON().Metadata).toMatchObject({ [POLICY_FILE_METADATA]: POLICY_FILE });
  });

  it("makes the staff groups from the clinic's one controller", () => {
    // Act
    const groups = Object.values(template.findResources('AWS::Cognito::UserPoolGroup')).map(
      (group) => group.Properties.GroupName,
    );

    // Assess
    expect(groups.sort()).toEqual(['privacy-officer', 'staff-fjordsmil']);
  });

  it("sends the overdue digest to the clinic's privacy contact", () => {
    // Act
    const variables = Object.values(template.findResources('AWS::Lambda::Function')).flatMap((fn) =>
      Object.values(fn.Properties.Environment?.Variables ?? {}),
    );

    // Assess
    expect(variables).toContain('personvern@fjordsmil.example');
    expect(variables).not.toContain('kundeservice@sterkhelse.no');
  });

  it("bundles the clinic's document into a function as #policy, and nothing of STERK's", () => {
    // Prepare
    const app = new App({ context: { [POLICY_FILE_CONTEXT]: POLICY_FILE } });
    const bare = new Stack(app, 'Bundled', { env: { account: '111111111111', region: 'eu-north-1' } });
    new AppFunction(bare, 'GetPolicy', {
      entry: 'lambdas/handlers/api/get-policy.ts',
      description: 'The notice, bundled as on a deploy',
      reservedConcurrentExecutions: 1,
      logKey: new Key(bare, 'Key'),
    });

    // Act
    const outdir = app.synth().directory;
    const bundles = readdirSync(outdir)
      .filter((name) => name.startsWith('asset.'))
      .map((name) => readFileSync(join(outdir, name, 'index.mjs'), 'utf8'));

    // Assess
    expect(bundles).toHaveLength(1);
    expect(bundles[0]).toContain('Tannlege Fjordsmil AS');
    expect(bundles[0]).not.toContain('STERK Helse');
  });
});
