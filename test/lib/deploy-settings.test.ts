import { App } from 'aws-cdk-lib';
import { buildApp } from '../../lib/app';
import { DeploymentSettingsError, readDeploymentSettings } from '../../lib/settings';

const CERTIFICATE_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const certificate = (region: string) => `arn:aws:acm:${region}:111122223333:certificate/${CERTIFICATE_ID}`;

/** The settings an app with this context reads, as `-c` would give them. */
function settingsOf(context: Record<string, unknown>, resolvedAccount?: string) {
  const development = {
    region: 'eu-north-1',
    mailFrom: 'personvern@example.org',
    alarmEmail: 'alarms@example.org',
  };
  const app = new App({ context: { environments: { development, test: development }, ...context } });
  return readDeploymentSettings(app.node, resolvedAccount);
}

function problemsOf(context: Record<string, unknown>, resolvedAccount?: string): string {
  try {
    settingsOf(context, resolvedAccount);
  } catch (error) {
    if (error instanceof DeploymentSettingsError) return error.message;
    throw error;
  }
  throw new Error('the settings were accepted');
}

describe('Function: readDeploymentSettings', () => {
  it('reads the development environment with its defaults when nothing is asked for', () => {
    // Act
    const settings = settingsOf({});

    // Assess
    expect(settings).toMatchObject({
      env: 'development',
      stackName: 'Personvern',
      region: 'eu-north-1',
      policyFile: 'policy/sterk.json',
      reserveConcurrency: false,
      staffEmailViaSes: false,
    });
  });

  it('lets a single -c value override the chosen environment, strings included', () => {
    // Act
    const settings = settingsOf({ env: 'test', region: 'eu-west-1', reserveConcurrency: 'true' });

    // Assess
    expect(settings).toMatchObject({ env: 'test', region: 'eu-west-1', reserveConcurrency: true });
  });

  it.each([
    [{ region: 'mars-1' }, 'region: must be an AWS region such as eu-north-1'],
    [{ mailFrom: 'personvern' }, 'mailFrom: must be an email address'],
    [{ alarmEmail: '' }, 'alarmEmail: must be an email address'],
    [{ account: '1234' }, 'account: must be a 12-digit AWS account id'],
    [{ policyFile: 'policy/nope.json' }, 'policyFile: no such file in the repository'],
    [{ apiDomainName: 'personvern.example.org' }, 'apiCertificateArn: is needed with apiDomainName'],
    [
      { consoleCertificateArn: certificate('us-east-1') },
      'consoleDomainName: is needed with consoleCertificateArn',
    ],
    [
      { apiDomainName: 'personvern.example.org', apiCertificateArn: certificate('us-east-1') },
      "apiCertificateArn: must be in the stack's region eu-north-1",
    ],
    [
      { consoleDomainName: 'konsoll.example.org', consoleCertificateArn: certificate('eu-north-1') },
      'consoleCertificateArn: must be in us-east-1',
    ],
    [
      { apiDomainName: 'Not A Domain', apiCertificateArn: certificate('eu-north-1') },
      'apiDomainName: must be a lower-case domain name',
    ],
    [{ signInDomainPrefix: 'aws-personvern' }, 'signInDomainPrefix: may not contain aws, amazon or cognito'],
    [{ reserveConcurrency: 'yes please' }, 'reserveConcurrency:'],
    [{ stackName: '1st' }, 'stackName: must start with a letter'],
  ])('refuses %j with a line that names the setting', (context, line) => {
    // Act
    const message = problemsOf(context);

    // Assess
    expect(message).toContain(`  ${line}`);
  });

  it('refuses a misspelt setting in an environment instead of ignoring it', () => {
    // Prepare
    const app = new App({
      context: {
        environments: {
          development: {
            region: 'eu-north-1',
            mailfrom: 'personvern@example.org',
            alarmEmail: 'a@example.org',
          },
        },
      },
    });

    // Act
    const read = () => readDeploymentSettings(app.node);

    // Assess
    expect(read).toThrow(/Unrecognized key: "mailfrom"/);
    expect(read).toThrow(/mailFrom: must be an email address/);
  });

  it('lists every bad value at once, not only the first', () => {
    // Act
    const message = problemsOf({ region: 'mars-1', mailFrom: 'x' });

    // Assess
    expect(message).toContain('region:');
    expect(message).toContain('mailFrom:');
  });

  it('refuses an unknown environment and names the known ones', () => {
    // Act
    const message = problemsOf({ env: 'prod' });

    // Assess
    expect(message).toBe(
      'Unknown environment "prod" (-c env=prod): cdk.json "environments" has development, test.',
    );
  });

  it('stops a deploy whose credentials are for another account than the environment names', () => {
    // Act
    const message = problemsOf({ account: '111122223333' }, '444455556666');

    // Assess
    expect(message).toContain(
      'account: environment "development" is account 111122223333, but the credentials are for 444455556666',
    );
  });
});

describe('Function: buildApp', () => {
  it("synthesizes cdk.json's development environment with no flags", () => {
    // Act
    const { stack, settings } = buildApp({ bundling: false });

    // Assess
    expect(settings.env).toBe('development');
    expect(stack.stackName).toBe('Personvern');
    expect(stack.region).toBe('eu-north-1');
  });

  it('puts the stack in the region the settings name, whatever CDK_DEFAULT_REGION says', () => {
    // Prepare
    const before = process.env.CDK_DEFAULT_REGION;
    process.env.CDK_DEFAULT_REGION = 'us-east-1';

    try {
      // Act
      const { stack } = buildApp({
        bundling: false,
        context: { region: 'eu-west-1', account: '111122223333' },
      });

      // Assess
      expect(stack.region).toBe('eu-west-1');
      expect(stack.account).toBe('111122223333');
    } finally {
      if (before === undefined) delete process.env.CDK_DEFAULT_REGION;
      else process.env.CDK_DEFAULT_REGION = before;
    }
  });

  it("gives cdk.json's test environment a stack name of its own, so it can share an account with production", () => {
    // Act
    const test = buildApp({ bundling: false, context: { env: 'test' } });
    const production = buildApp({ bundling: false, context: { env: 'production' } });

    // Assess
    expect(test.stack.stackName).not.toBe(production.stack.stackName);
    expect(production.settings.mailFrom).not.toMatch(/example\.(org|com)$/);
  });
});
