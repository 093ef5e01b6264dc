import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../lib/app';
import { DeploymentSettingsError, readDeploymentSettings } from '../../lib/settings';
import { readLocalResources } from '../../local/template/resources';
import type { CfnTemplate } from '../../local/template/types';

/** The settings an app with this context reads, as `-c` would give them. */
function settingsOf(context: Record<string, unknown>) {
  const development = {
    region: 'eu-north-1',
    mailFrom: 'personvern@example.org',
    alarmEmail: 'alarms@example.org',
  };
  const app = new App({ context: { environments: { development }, ...context } });
  return readDeploymentSettings(app.node);
}

describe('Setting: websiteOrigins', () => {
  it('is none by default, as every environment in cdk.json has it', () => {
    // Assess
    expect(settingsOf({}).websiteOrigins).toEqual([]);
  });

  it.each([
    ['a list, as cdk.json holds it', ['https://www.sterkhelse.no', 'https://sterkhelse.no/']],
    ['a comma-separated string, as -c gives it', 'https://www.sterkhelse.no,https://sterkhelse.no'],
  ])('reads %s', (_, value) => {
    // Assess
    expect(settingsOf({ websiteOrigins: value }).websiteOrigins).toEqual([
      'https://www.sterkhelse.no',
      'https://sterkhelse.no',
    ]);
  });

  it('stops the synth with a line for each bad origin', () => {
    // Act
    const run = () =>
      settingsOf({ websiteOrigins: ['http://www.sterkhelse.no', 'https://sterkhelse.no/takk'] });

    // Assess
    expect(run).toThrow(DeploymentSettingsError);
    expect(run).toThrow(/websiteOrigins: "http:\/\/www\.sterkhelse\.no" must be https/);
    expect(run).toThrow(/websiteOrigins: "https:\/\/sterkhelse\.no\/takk" is not an origin/);
  });

  it('refuses something that is not a list of origins', () => {
    // Assess
    expect(() => settingsOf({ websiteOrigins: 42 })).toThrow(/websiteOrigins: must be a list of origins/);
  });
});

describe('Stack: the website routes', () => {
  const { stack } = buildApp({
    bundling: false,
    context: { websiteOrigins: 'https://www.sterkhelse.no,https://sterkhelse.no' },
  });
  const template = Template.fromStack(stack);
  const json = template.toJSON() as CfnTemplate;
  const functions = template.findResources('AWS::Lambda::Function', {
    Metadata: { 'personvern:entry': Match.anyValue() },
  });
  const idOf = (entry: string) =>
    Object.entries(functions).find(([, fn]) => fn.Metadata['personvern:entry'] === entry)?.[0] ?? 'missing';

  it('answers the preflight of POST /contact and POST /requests with the preflight function, not a MOCK', () => {
    // Act
    const routes = readLocalResources(json).routes.filter((route) =>
      ['/contact', '/requests'].includes(route.resourcePath),
    );

    // Assess
    const preflight = idOf('lambdas/handlers/api/website-preflight.ts');
    expect(
      routes.map((route) => `${route.method} ${route.resourcePath} ${route.functionLogicalId}`).sort(),
    ).toEqual(
      [
        `OPTIONS /contact ${preflight}`,
        `OPTIONS /requests ${preflight}`,
        `POST /contact ${idOf('lambdas/handlers/api/post-contact.ts')}`,
        `POST /requests ${idOf('lambdas/handlers/api/post-request.ts')}`,
      ].sort(),
    );
    expect(
      template.findResources('AWS::ApiGateway::Method', { Properties: { Integration: { Type: 'MOCK' } } }),
    ).toEqual({});
  });

  it('gives the setting to the functions that answer the website, and to no other', () => {
    // Act
    const having = Object.entries(functions)
      .filter(([, fn]) => fn.Properties.Environment?.Variables?.WEBSITE_ORIGINS !== undefined)
      .map(([, fn]) => [
        fn.Metadata['personvern:entry'],
        fn.Properties.Environment.Variables.WEBSITE_ORIGINS,
      ]);

    // Assess
    expect(Object.fromEntries(having)).toEqual({
      'lambdas/handlers/api/get-form.ts': 'https://www.sterkhelse.no,https://sterkhelse.no',
      'lambdas/handlers/api/post-contact.ts': 'https://www.sterkhelse.no,https://sterkhelse.no',
      'lambdas/handlers/api/post-request.ts': 'https://www.sterkhelse.no,https://sterkhelse.no',
      'lambdas/handlers/api/website-preflight.ts': 'https://www.sterkhelse.no,https://sterkhelse.no',
    });
  });

  it('sets it empty without website origins, so a deploy answers no website and npm start can fill it in', () => {
    // Act
    const plain = Template.fromStack(buildApp({ bundling: false }).stack);
    const values = Object.values(
      plain.findResources('AWS::Lambda::Function', { Metadata: { 'personvern:entry': Match.anyValue() } }),
    )
      .map((fn) => fn.Properties.Environment?.Variables?.WEBSITE_ORIGINS)
      .filter((value) => value !== undefined);

    // Assess
    expect(values).toEqual(['', '', '', '']);
  });

  it('grants the preflight function nothing but its own logs and traces', () => {
    // Act
    const role =
      functions[idOf('lambdas/handlers/api/website-preflight.ts')]?.Properties.Role['Fn::GetAtt'][0];
    const statements = Object.values(
      template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: role }] } }),
    ).flatMap((policy) => policy.Properties.PolicyDocument.Statement);

    // Assess
    expect(statements.flatMap((statement) => [statement.Action].flat()).sort()).toEqual([
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'xray:PutTelemetryRecords',
      'xray:PutTraceSegments',
    ]);
  });
});
