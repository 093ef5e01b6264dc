/**
 * What a request stores lives as long as the request, not as long since it was written: the request
 * workflow waits after the answer or the refusal and then deletes it, the bucket's lifecycle is only a
 * backstop, and the respond step's refusal to answer from data that no longer matches goes to staff.
 * Checked on the synthesized template (days-long waits cannot run in a test; the e2e suite runs them
 * compressed).
 */
import { Template } from 'aws-cdk-lib/assertions';
import { REQUEST_DATA_LIFETIME } from '../../lambdas/domain/workflow/data-lifetime';
import { buildApp } from '../../lib/app';

const { stack } = buildApp({ bundling: false });
const template = Template.fromStack(stack);
const DAY = 86_400;

interface State {
  Type: string;
  Next?: string;
  Seconds?: number;
  Default?: string;
  Choices?: { Variable: string; StringEquals: string; Next: string }[];
  Catch?: { ErrorEquals: string[]; Next: string }[];
  Parameters?: { FunctionName?: unknown; Payload?: Record<string, unknown> };
}

const [machine] = Object.values(
  template.findResources('AWS::StepFunctions::StateMachine', {
    Properties: { StateMachineName: 'Personvern-request' },
  }),
);
const body = machine?.Properties.DefinitionString as { 'Fn::Join': [string, unknown[]] };
/** Tokens become the logical id they point at (a function's, for a Task), so the definition parses. */
const tokenId = (part: unknown) =>
  (part as { 'Fn::GetAtt'?: string[] })['Fn::GetAtt']?.[0] ?? (part as { Ref?: string }).Ref ?? 'x';
const definition = JSON.parse(
  body['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : tokenId(part))).join(''),
) as { States: Record<string, State>; TimeoutSeconds: number };
const { States } = definition;

type Statement = { Action: string | string[]; Resource: unknown; Condition?: unknown };
function statementsOf(role: string): Statement[] {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties.Roles).includes(role))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}
const actions = (s: Statement) => [s.Action].flat();

describe('Request workflow: data lives as long as the request', () => {
  it('waits the lifetime after the answer and after a refusal, then deletes what the request stored', () => {
    // Assess
    expect(States.RespondToRequest?.Next).toBe('KeepStoredData');
    expect(States.RejectRequest?.Next).toBe('KeepStoredData');
    expect(States.KeepStoredData).toEqual({
      Type: 'Wait',
      Seconds: REQUEST_DATA_LIFETIME.keepDaysAfterClose * DAY,
      Next: 'DeleteStoredData',
    });
    expect(JSON.stringify(States.DeleteStoredData?.Parameters?.FunctionName)).toContain('PurgeRequestData');
    expect(States.DeleteStoredData?.Next).toBe('ClosedAs');
    expect(States.ClosedAs?.Choices?.[0]).toMatchObject({ StringEquals: 'rejected', Next: 'Rejected' });
    expect(States.ClosedAs?.Default).toBe('Done');
  });

  it('lets staff retry a deletion that keeps failing, or take it on themselves', () => {
    // Assess
    expect(States.DeleteStoredData?.Catch?.[0]).toMatchObject({
      ErrorEquals: ['States.ALL'],
      Next: 'FlagAttentionPurge',
    });
    expect(States.RetryOrClosePurge?.Choices?.[0]?.Next).toBe('DeleteStoredData');
    expect(States.RetryOrClosePurge?.Default).toBe('StoredDataLeftToStaff');
  });

  it('lives long enough to reach the deletion: a year, the most a Standard execution may', () => {
    // Assess
    expect(definition.TimeoutSeconds).toBe(REQUEST_DATA_LIFETIME.longestWorkflowDays * DAY);
    expect(definition.TimeoutSeconds).toBeLessThanOrEqual(365 * DAY);
  });

  it('turns collected data that no longer matches into a staff task that collects again, before any other catch', () => {
    // Assess
    const [first, second] = States.RespondToRequest?.Catch ?? [];
    expect(first).toEqual({
      ErrorEquals: ['CollectedDataMismatchError'],
      ResultPath: '$.failure',
      Next: 'FlagAttentionCollectAgain',
    });
    expect(second?.ErrorEquals).toEqual(['States.ALL']);
    expect(States.FlagAttentionCollectAgain?.Next).toBe('AttentionTaskCollectAgain');
    expect(States.RetryOrCloseCollectAgain?.Choices?.[0]?.Next).toBe('CollectFromEverySystem');
    expect(States.RetryOrCloseCollectAgain?.Default).toBe('RejectRequest');
  });
});

describe('Export bucket and grants', () => {
  it('expires objects only as a backstop, after longer than any workflow lives, and clears cut-off uploads', () => {
    // Assess
    const [bucket] = Object.entries(template.findResources('AWS::S3::Bucket')).filter(([id]) =>
      id.startsWith('ExportsBucket'),
    );
    const rules = bucket?.[1].Properties.LifecycleConfiguration.Rules as Record<string, unknown>[];
    expect(rules).toEqual(
      ['requests/', 'uploads/'].map((prefix) => ({
        Prefix: prefix,
        ExpirationInDays: REQUEST_DATA_LIFETIME.backstopDays,
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
        Status: 'Enabled',
      })),
    );
    expect(REQUEST_DATA_LIFETIME.backstopDays).toBeGreaterThan(REQUEST_DATA_LIFETIME.longestWorkflowDays);
  });

  it('lets the purge list and delete under the request prefixes, and nothing else in the bucket', () => {
    // Assess
    const s3 = statementsOf('RequestWorkflowPurgeRequestDataRole').filter((s) =>
      actions(s).some((a) => a.startsWith('s3:')),
    );
    expect([...new Set(s3.flatMap(actions))].sort()).toEqual(['s3:DeleteObject', 's3:ListBucket']);
    const text = JSON.stringify(s3);
    expect(text).toContain('/requests/*');
    expect(text).toContain('/uploads/*');
    expect(text).toContain('"s3:prefix":["requests/*"]');
    expect(text).toContain('"s3:prefix":["uploads/*"]');
  });

  it('lets the download function list requests/ only, so a missing export is a 404 and not a 403', () => {
    // Assess
    const list = statementsOf('RequestsDownloadExportRole').filter((s) =>
      actions(s).includes('s3:ListBucket'),
    );
    expect(list).toHaveLength(1);
    expect(list[0]?.Condition).toEqual({ StringLike: { 's3:prefix': ['requests/*'] } });
  });
});
