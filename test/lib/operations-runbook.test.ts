/**
 * docs/operations.md must show only real commands and real names. What can be checked on this machine is:
 *
 * - every `aws <service> <operation>` exists in the AWS CLI, and every option it uses is one of that
 *   operation's options (from `aws <service> <operation> help`);
 * - every `npx cdk`, `npx personvern` and `npm run` command exists;
 * - every resource type the runbook looks up occurs exactly once in the synthesized template, and the state
 *   machine name, index names and Cognito groups it names exist there;
 * - the Mailchimp secret's example is valid for the connector;
 * - every setting in the configuration table synthesizes, and does what the table says.
 */
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { MailchimpCredentialsSchema } from '../../lambdas/adapters/connectors/mailchimp-credentials';
import { buildApp, STACK_NAME } from '../../lib/app';
import { repoRoot } from '../../lib/paths';

const run = promisify(execFile);
const runbook = readFileSync(`${repoRoot}/docs/operations.md`, 'utf8');
const packageJson = JSON.parse(readFileSync(`${repoRoot}/package.json`, 'utf8')) as {
  scripts: Record<string, string>;
};

/** The shell blocks, with continuation lines joined. */
const shell = [...runbook.matchAll(/```sh\n([\s\S]*?)```/g)]
  .map(([, body]) => (body ?? '').replace(/\\\n\s*/g, ''))
  .join('\n');

interface AwsCall {
  readonly service: string;
  /** `redrive-execution`, or `wait table-exists` for waiters. */
  readonly operation: string;
  readonly options: string[];
  readonly text: string;
}

/** Every `aws …` call, also inside `$(…)`; quoted values are dropped before options are read. */
const awsCalls: AwsCall[] = [...shell.matchAll(/\baws ([a-z0-9-]+) ((?:wait )?[a-z0-9-]+)([^\n)]*)/g)].map(
  ([text, service = '', operation = '', rest = '']) => ({
    service,
    operation,
    options: [...rest.replace(/'[^']*'|"[^"]*"/g, '').matchAll(/(?<![\w-])--[a-z0-9-]+/g)].map(([o]) => o),
    text,
  }),
);

const template = Template.fromStack(buildApp({ bundling: false }).stack).toJSON() as {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
};
const resources = Object.values(template.Resources);

describe('docs/operations.md: commands', () => {
  it('has AWS CLI commands to check, and only known services', () => {
    // Assess
    expect(awsCalls.length).toBeGreaterThan(25);
    expect(new Set(awsCalls.map((c) => c.service))).toEqual(
      new Set([
        'cloudformation',
        'stepfunctions',
        'sesv2',
        'cognito-idp',
        'secretsmanager',
        'dynamodb',
        'kms',
        'lambda',
        'apigateway',
        'sns',
      ]),
    );
  });

  it('uses only AWS CLI operations that exist, with options they take', async () => {
    // Prepare
    const pairs = [
      ...new Map(awsCalls.map((c) => [`${c.service} ${c.operation}`, [c.service, c.operation]])).values(),
    ];

    // Act: the installed AWS CLI's own argument tables (aws-cli-arguments.py), in one process.
    const child = execFile(pythonWithAwsCli(), [`${repoRoot}/test/lib/aws-cli-arguments.py`], {
      maxBuffer: 10 * 1024 * 1024,
    });
    child.stdin?.end(JSON.stringify(pairs));
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    const code = await new Promise((resolve) => child.on('close', resolve));
    if (code !== 0)
      throw new Error(`aws-cli-arguments.py failed (the AWS CLI must be installed for python3): ${stderr}`);
    const optionsOf = JSON.parse(stdout) as Record<string, string[] | string>;

    // Assess
    const problems = awsCalls.flatMap(({ service, operation, options, text }) => {
      const known = optionsOf[`${service} ${operation}`];
      if (!Array.isArray(known)) return [`${text}: ${known}`];
      return options.filter((o) => !known.includes(o)).map((o) => `${text}: no option ${o}`);
    });
    expect(problems).toEqual([]);
  }, 60_000);

  it('uses only cdk commands that exist, on the stack the app defines', async () => {
    // Prepare
    const { stdout } = await run(`${repoRoot}/node_modules/.bin/cdk`, ['--help'], { cwd: repoRoot });
    const cdkCalls = [...shell.matchAll(/npx cdk ([a-z-]+)([^\n]*)/g)];

    // Assess
    expect(cdkCalls.map(([, sub]) => sub)).toEqual(expect.arrayContaining(['bootstrap', 'deploy']));
    for (const [, sub = '', rest = ''] of cdkCalls) {
      expect(stdout).toMatch(new RegExp(`^\\s+cdk ${sub}\\b`, 'm'));
      const stacks = rest.split(' ').filter((word) => /^[A-Z]\w+$/.test(word));
      expect(stacks.every((name) => name === STACK_NAME)).toBe(true);
    }
  }, 60_000);

  it('uses only npm scripts and personvern commands that exist', async () => {
    // Prepare
    const { main } = await import('../../bin/cli');
    const usage: string[] = [];
    await main(['help'], { out: (line) => usage.push(line), err: (line) => usage.push(line) });

    // Assess
    for (const [, script] of shell.matchAll(/npm run ([\w:-]+)/g))
      expect(Object.keys(packageJson.scripts)).toContain(script);
    const personvern = [...shell.matchAll(/npx personvern ([a-z-]+) ([a-z-]+)/g)];
    expect(personvern.length).toBeGreaterThan(0);
    for (const [, command, sub] of personvern) {
      const line = usage.find((entry) => entry.trim().startsWith(`personvern ${command} `));
      expect(line).toBeDefined();
      // A command whose first argument is a value (`trace <code folder>`) has no subcommand to check.
      if (!line?.includes(`personvern ${command} <`))
        expect(usage.join('\n')).toContain(`personvern ${command} ${sub}`);
    }
  });
});

describe('docs/operations.md: names', () => {
  it('looks up only resource types the stack has exactly one of, in the stack it deploys', () => {
    // Assess
    expect(shell).toContain(`STACK=${STACK_NAME}`);
    const types = [...shell.matchAll(/physical (AWS::[\w:]+)/g)].map(([, type]) => type);
    expect(types.length).toBeGreaterThanOrEqual(3);
    for (const type of types) {
      expect({ type, count: resources.filter((r) => r.Type === type).length }).toEqual({ type, count: 1 });
    }
  });

  it('looks up a resource of a type the stack has several of by a logical id that names exactly one', () => {
    // Assess
    const prefixes = [...shell.matchAll(/starts_with\(LogicalResourceId, '(\w+)'\)/g)].map(
      ([, prefix]) => prefix ?? '',
    );
    expect(prefixes.length).toBeGreaterThanOrEqual(1);
    for (const prefix of prefixes) {
      const named = Object.keys(template.Resources).filter((id) => id.startsWith(prefix));
      expect({ prefix, count: named.length }).toEqual({ prefix, count: 1 });
    }
  });

  it('names the state machine, the table index and the Cognito groups as the template does', () => {
    // Assess
    const machineNames = resources
      .filter((r) => r.Type === 'AWS::StepFunctions::StateMachine')
      .map((r) => r.Properties?.StateMachineName);
    for (const [, name] of shell.matchAll(/name=='([\w-]+)'/g)) expect(machineNames).toContain(name);
    const indexes = resources
      .filter((r) => r.Type === 'AWS::DynamoDB::Table')
      .flatMap(
        (r) =>
          (r.Properties?.GlobalSecondaryIndexes as { IndexName: string }[] | undefined)?.map(
            (i) => i.IndexName,
          ) ?? [],
      );
    for (const [, index] of shell.matchAll(/--index-name ([\w-]+)/g)) expect(indexes).toContain(index);
    const groups = resources
      .filter((r) => r.Type === 'AWS::Cognito::UserPoolGroup')
      .map((r) => r.Properties?.GroupName);
    const named = [
      ...runbook.matchAll(/`((?:staff-[a-z-]+[a-z])|privacy-officer)`/g),
      ...shell.matchAll(/--group-name ([\w-]+)/g),
    ]
      .map(([, group]) => group)
      .filter((group) => group !== 'staff-<controllerId>');
    expect(named.length).toBeGreaterThanOrEqual(4);
    for (const group of named) expect(groups).toContain(group);
  });

  it('shows a Mailchimp secret the connector accepts', () => {
    // Prepare
    const example = /```json\n([\s\S]*?)```/.exec(runbook)?.[1] ?? '';

    // Act
    const parsed = MailchimpCredentialsSchema.safeParse(JSON.parse(example));

    // Assess
    expect(parsed.success).toBe(true);
  });
});

describe('docs/operations.md: configuration per environment', () => {
  const settings = [...runbook.matchAll(/^\| `(\w+)`\s+\|/gm)].map(([, name]) => name ?? '');
  const ACCOUNT = '444455556666';
  const values: Record<string, string> = {
    stackName: 'Personvern-staging',
    region: 'eu-west-1',
    account: ACCOUNT,
    mailFrom: 'personvern@test.sterkhelse.no',
    privacyOfficerEmail: 'personvernombud@test.sterkhelse.no',
    alarmEmail: 'drift@test.sterkhelse.no',
    policyFile: 'policy/sterk.json',
    apiDomainName: 'personvern.test.sterkhelse.no',
    apiCertificateArn: `arn:aws:acm:eu-west-1:${ACCOUNT}:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d`,
    consoleDomainName: 'konsoll.test.sterkhelse.no',
    consoleCertificateArn: `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d`,
    signInDomainPrefix: 'sterk-personvern-staging',
    reserveConcurrency: 'true',
    staffEmailViaSes: 'true',
    websiteOrigins: 'https://www.test.sterkhelse.no',
  };
  interface Synthesized {
    readonly stack: Stack;
    readonly json: string;
    readonly env: Record<string, string>[];
    readonly resources: { Type: string; Properties?: Record<string, unknown> }[];
  }
  const ofType = (s: Synthesized, type: string) => s.resources.filter((r) => r.Type === type);
  /** Where each setting shows in the template. */
  const effects: Record<string, (s: Synthesized) => void> = {
    stackName: (s) => expect(s.stack.stackName).toBe(values.stackName),
    region: (s) => expect(s.stack.region).toBe(values.region),
    account: (s) => expect(s.stack.account).toBe(ACCOUNT),
    mailFrom: (s) => {
      expect(s.json).toContain('"EmailIdentity":"test.sterkhelse.no"');
      expect(s.env.some((e) => e.MAIL_FROM === values.mailFrom)).toBe(true);
    },
    privacyOfficerEmail: (s) =>
      expect(s.env.some((e) => e.PRIVACY_OFFICER_EMAIL === values.privacyOfficerEmail)).toBe(true),
    alarmEmail: (s) =>
      expect(ofType(s, 'AWS::SNS::Subscription').map((r) => r.Properties?.Endpoint)).toContain(
        values.alarmEmail,
      ),
    policyFile: (s) => expect(ofType(s, 'AWS::Cognito::UserPoolGroup').length).toBeGreaterThan(1),
    apiDomainName: (s) => {
      expect(ofType(s, 'AWS::ApiGateway::DomainName').map((r) => r.Properties?.DomainName)).toEqual([
        values.apiDomainName,
      ]);
      expect(s.env.some((e) => e.PUBLIC_BASE_URL === `https://${values.apiDomainName}`)).toBe(true);
    },
    apiCertificateArn: (s) =>
      expect(s.json).toContain(`"RegionalCertificateArn":"${values.apiCertificateArn}"`),
    consoleDomainName: (s) => {
      expect(s.env.some((e) => e.CONSOLE_URL === `https://${values.consoleDomainName}`)).toBe(true);
      expect(s.json).toContain(`"Aliases":["${values.consoleDomainName}"]`);
    },
    consoleCertificateArn: (s) =>
      expect(s.json).toContain(`"AcmCertificateArn":"${values.consoleCertificateArn}"`),
    signInDomainPrefix: (s) =>
      expect(ofType(s, 'AWS::Cognito::UserPoolDomain').map((r) => r.Properties?.Domain)).toEqual([
        values.signInDomainPrefix,
      ]),
    reserveConcurrency: (s) =>
      expect(
        ofType(s, 'AWS::Lambda::Function').some(
          (r) => typeof r.Properties?.ReservedConcurrentExecutions === 'number',
        ),
      ).toBe(true),
    staffEmailViaSes: (s) => expect(s.json).toContain('"EmailSendingAccount":"DEVELOPER"'),
    websiteOrigins: (s) => expect(s.env.some((e) => e.WEBSITE_ORIGINS === values.websiteOrigins)).toBe(true),
  };

  it('lists settings, each with a value and a check here', () => {
    // Assess
    expect(settings.length).toBeGreaterThanOrEqual(10);
    for (const setting of settings)
      expect({ setting, checked: setting in effects && setting in values }).toEqual({
        setting,
        checked: true,
      });
  });

  it('synthesizes with every setting changed on the command line, and each shows where the table says', () => {
    // Act
    const context = Object.fromEntries(settings.map((setting) => [setting, values[setting]]));
    const { stack } = buildApp({ bundling: false, context });
    const template = Template.fromStack(stack).toJSON() as {
      Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
    };
    const resources = Object.values(template.Resources);
    const synthesized: Synthesized = {
      stack,
      json: JSON.stringify(template),
      resources,
      env: resources
        .filter((r) => r.Type === 'AWS::Lambda::Function')
        .map(
          (r) =>
            (r.Properties?.Environment as { Variables?: Record<string, string> } | undefined)?.Variables ??
            {},
        ),
    };

    // Assess
    for (const setting of settings) effects[setting]?.(synthesized);
  }, 60_000);
});

/**
 * The Python that has the AWS CLI's modules: the one on PATH (a pip or pyenv install), or Debian's, where
 * `apt-get install awscli` (scripts/install-test-tools.sh) puts them.
 */
function pythonWithAwsCli(): string {
  for (const python of ['python3', '/usr/bin/python3']) {
    try {
      execFileSync(python, ['-c', 'import awscli.clidriver'], { stdio: 'ignore' });
      return python;
    } catch {
      // Not this one.
    }
  }
  return 'python3';
}
