/**
 * Issue 7's infrastructure assertions on the synthesized template, across every state machine, table and
 * bucket (request-workflow.test.ts holds the request machine's own rules; personvern-stack.test.ts the
 * log groups' key and retention). A new resource of these kinds is covered without touching this file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../lib/app';
import { repoRoot } from '../../lib/paths';

const { stack } = buildApp({ bundling: false });
const template = Template.fromStack(stack);
const resources = template.toJSON().Resources as Record<
  string,
  {
    Type: string;
    Properties?: Record<string, unknown>;
    DeletionPolicy?: string;
    UpdateReplacePolicy?: string;
  }
>;
const propertiesOf = (resource: { Properties?: Record<string, unknown> }) => resource.Properties ?? {};
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);

interface State {
  Type: string;
  TimeoutSeconds?: number;
  TimeoutSecondsPath?: string;
  Retry?: { ErrorEquals: string[]; JitterStrategy?: string; MaxAttempts?: number }[];
  Catch?: { ErrorEquals: string[]; Next: string }[];
  ItemProcessor?: { States: Record<string, State> };
  Iterator?: { States: Record<string, State> };
  Branches?: { States: Record<string, State> }[];
}

/** The definition with every token (ARNs) replaced by a placeholder, parsed. */
function definitionOf(machine: { Properties?: Record<string, unknown> }): { States: Record<string, State> } {
  const body = machine.Properties?.DefinitionString as string | { 'Fn::Join': [string, unknown[]] };
  const text =
    typeof body === 'string'
      ? body
      : body['Fn::Join'][1].map((p) => (typeof p === 'string' ? p : 'x')).join('');
  return JSON.parse(text);
}

const catchesAll = (state: State) => (state.Catch ?? []).some((c) => c.ErrorEquals.includes('States.ALL'));

interface Found {
  readonly name: string;
  readonly state: State;
  /** Its own Catch takes every error, or the Map or Parallel state around it does. */
  readonly caught: boolean;
}

/** Every state, nested ones (Map, Parallel) included, named `machine/state`. */
function allStates(states: Record<string, State>, prefix: string, enclosingCaught = false): Found[] {
  return Object.entries(states).flatMap(([name, state]) => {
    const caught = enclosingCaught || catchesAll(state);
    return [
      { name: `${prefix}/${name}`, state, caught },
      ...allStates(state.ItemProcessor?.States ?? state.Iterator?.States ?? {}, `${prefix}/${name}`, caught),
      ...(state.Branches ?? []).flatMap((branch, i) =>
        allStates(branch.States, `${prefix}/${name}[${i}]`, caught),
      ),
    ];
  });
}

const machines = ofType('AWS::StepFunctions::StateMachine');
const tasks = machines.flatMap(([id, machine]) =>
  allStates(definitionOf(machine).States, id).filter(({ state }) => state.Type === 'Task'),
);

/** The transient failures a Task must retry: Lambda's own, and AWS services being busy or unavailable. */
const TRANSIENT = [
  'Lambda.ServiceException',
  'Lambda.TooManyRequestsException',
  'ServiceUnavailable',
  'ThrottlingException',
];

const keyArn = (value: unknown) =>
  JSON.stringify(value ?? null).match(/"Fn::GetAtt":\["(EncryptionKey\w+)","Arn"\]/)?.[1];
const customerKeys = ofType('AWS::KMS::Key').map(([id]) => id);

describe('Infrastructure: every Task state of every state machine', () => {
  it('finds the tasks of both workflows', () => {
    // Assess
    expect(machines.length).toBeGreaterThanOrEqual(2);
    expect(tasks.length).toBeGreaterThan(15);
  });

  it('has a timeout', () => {
    // Assess
    const without = tasks
      .filter(({ state: s }) => !((s.TimeoutSeconds ?? 0) > 0 || s.TimeoutSecondsPath !== undefined))
      .map(({ name }) => name);
    expect(without).toEqual([]);
  });

  it('retries the transient errors with full jitter', () => {
    // Assess
    const without = tasks
      .filter(({ state }) => {
        const transient = (state.Retry ?? []).find((r) => TRANSIENT.every((e) => r.ErrorEquals.includes(e)));
        return (
          transient === undefined || transient.JitterStrategy !== 'FULL' || (transient.MaxAttempts ?? 3) < 2
        );
      })
      .map(({ name }) => name);
    expect(without).toEqual([]);
  });

  it('catches every error (itself or through its Map), or is the last resort that flags the request for staff', () => {
    // Assess
    // The recovery path (flag the request, open an attention task) cannot be caught into itself: if it
    // fails after its retries, the execution fails, and docs/operations.md says how to find and redrive it.
    const uncaught = tasks.filter(({ caught }) => !caught).map(({ name }) => name);
    expect(uncaught.filter((name) => !/\/(FlagAttention|AttentionTask)/.test(name))).toEqual([]);
    expect(tasks.filter(({ caught }) => caught).length).toBeGreaterThan(10);
  });
});

describe('Infrastructure: encryption, recovery and retention', () => {
  it('encrypts every table with the customer-managed key, with PITR and deletion protection, and keeps it on stack deletion', () => {
    // Assess
    const tables = ofType('AWS::DynamoDB::Table');
    expect(tables.length).toBeGreaterThan(0);
    for (const [id, table] of tables) {
      expect({ id, ...table.Properties }).toMatchObject({
        id,
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
      });
      expect(customerKeys).toContain(keyArn(table.Properties?.SSESpecification));
      expect(table.DeletionPolicy).toBe('Retain');
    }
  });

  it('encrypts every bucket with the customer-managed key, but those that hold no personal data and cannot use it', () => {
    // Assess
    // S3 server access logging cannot deliver to a bucket under a customer-managed key; the console's
    // bucket holds only the built console (no data) and is read by CloudFront. Both use SSE-S3. Any other
    // bucket, and the export bucket above all, must use our key.
    const sseS3Allowed = /^(ExportsAccessLogs|StaffConsoleFiles)/;
    const buckets = ofType('AWS::S3::Bucket');
    expect(buckets.some(([id]) => id.startsWith('ExportsBucket'))).toBe(true);
    for (const [id, bucket] of buckets) {
      const rule = (
        propertiesOf(bucket).BucketEncryption as {
          ServerSideEncryptionConfiguration: { ServerSideEncryptionByDefault: Record<string, unknown> }[];
        }
      ).ServerSideEncryptionConfiguration[0]?.ServerSideEncryptionByDefault;
      if (sseS3Allowed.test(id)) expect({ id, rule }).toEqual({ id, rule: { SSEAlgorithm: 'AES256' } });
      else {
        expect({ id, algorithm: rule?.SSEAlgorithm }).toEqual({ id, algorithm: 'aws:kms' });
        expect(customerKeys).toContain(keyArn(rule?.KMSMasterKeyID));
      }
    }
  });

  it('blocks public access to every bucket and denies every request without TLS', () => {
    // Assess
    const policies = ofType('AWS::S3::BucketPolicy');
    for (const [id, bucket] of ofType('AWS::S3::Bucket')) {
      expect({ id, block: bucket.Properties?.PublicAccessBlockConfiguration }).toEqual({
        id,
        block: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
      });
      const policy = policies.find(
        ([, p]) => JSON.stringify(p.Properties?.Bucket) === JSON.stringify({ Ref: id }),
      );
      const statements = (
        (policy?.[1].Properties?.PolicyDocument as { Statement: Record<string, unknown>[] } | undefined)
          ?.Statement ?? []
      ).filter(
        (s) =>
          s.Effect === 'Deny' && JSON.stringify(s.Condition) === '{"Bool":{"aws:SecureTransport":"false"}}',
      );
      expect({ id, denyWithoutTls: statements.map((s) => [s.Action, s.Principal]) }).toEqual({
        id,
        denyWithoutTls: [['s3:*', { AWS: '*' }]],
      });
    }
  });

  it('keeps a backstop expiry on exports and staff uploads (the workflow deletes them), and the access logs expire after a year', () => {
    // Assess
    const expiry = Object.fromEntries(
      ofType('AWS::S3::Bucket')
        .filter(([id]) => id.startsWith('Exports'))
        .map(([id, b]) => [
          id.replace(/[0-9A-F]{8}$/, ''),
          (
            propertiesOf(b).LifecycleConfiguration as {
              Rules: { Prefix?: string; ExpirationInDays?: number }[];
            }
          ).Rules.map((r) => `${r.Prefix ?? '*'} ${r.ExpirationInDays}`),
        ]),
    );
    // The request workflow deletes a request's objects 14 days after it closes (request-data-lifetime.test.ts).
    expect(expiry).toEqual({
      ExportsBucket: ['requests/ 400', 'uploads/ 400'],
      ExportsAccessLogs: ['* 365'],
    });
  });

  it('sends every function and state machine to a log group of its own in the stack (so key and retention apply)', () => {
    // Assess
    const groups = new Set(ofType('AWS::Logs::LogGroup').map(([id]) => id));
    const functions = ofType('AWS::Lambda::Function').filter(([, f]) => f.Properties?.Handler !== undefined);
    const unowned = [
      ...functions
        .filter(
          ([, f]) =>
            !groups.has(
              (f.Properties?.LoggingConfig as { LogGroup?: { Ref?: string } })?.LogGroup?.Ref ?? '',
            ),
        )
        .map(([id]) => id),
      ...machines
        .filter(([, m]) => {
          const target = JSON.stringify(m.Properties?.LoggingConfiguration ?? {}).match(
            /"Fn::GetAtt":\["(\w+)","Arn"\]/,
          )?.[1];
          return !groups.has(target ?? '');
        })
        .map(([id]) => id),
    ];
    expect(functions.length).toBeGreaterThan(20);
    // CDK's own helper functions count too: without a log group of ours, theirs keeps logs forever.
    expect(unowned).toEqual([]);
  });

  it('keeps execution data out of the state machines’ logs', () => {
    // Assess
    for (const [id, machine] of machines) {
      expect({ id, logging: machine.Properties?.LoggingConfiguration }).toMatchObject({
        id,
        logging: { IncludeExecutionData: false, Level: 'ALL' },
      });
    }
  });
});

describe('Infrastructure: fault injection exists only on this machine', () => {
  it('is neither in the template nor reachable from any Lambda source', () => {
    // Prepare
    const sources = readdirSync(`${repoRoot}/lambdas`, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'))
      .map((file) => ({ file, text: readFileSync(`${repoRoot}/lambdas/${file}`, 'utf8') }));

    // Assess
    expect(sources.length).toBeGreaterThan(50);
    expect(JSON.stringify(template.toJSON())).not.toMatch(/PERSONVERN_FAULTS|fault-proxy/);
    expect(
      sources.filter(({ text }) => /PERSONVERN_FAULTS|from '[^']*\/local\//.test(text)).map((s) => s.file),
    ).toEqual([]);
  });
});
