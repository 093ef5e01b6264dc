/**
 * The end of a request: the respond step refuses to build an export from collected data that no longer
 * matches what collection recorded (nothing is sent, the request stays open for staff), records the
 * export's expiry when it does answer, and the purge deletes a closed request's objects only.
 */

import type { AuditEventInput } from '../../../lambdas/domain/audit/chain';
import type { OutgoingMessage } from '../../../lambdas/domain/ports/mailer';
import type { RequestRecord, StoredRequest } from '../../../lambdas/domain/requests/record';
import { type RespondDeps, respondStep } from '../../../lambdas/domain/workflow/answer';
import { CollectedDataMismatchError } from '../../../lambdas/domain/workflow/collected-match';
import { type ExportFileRecord, REQUEST_DATA_LIFETIME } from '../../../lambdas/domain/workflow/data-lifetime';
import type { Finding } from '../../../lambdas/domain/workflow/findings';
import { purgeStep, RequestStillOpenError } from '../../../lambdas/domain/workflow/purge';
import { testPseudonyms } from '../../support/pseudonyms';
import { sterkPolicy } from '../policy/sterk-fixture';

const NOW = new Date('2026-03-30T10:00:00.000Z');
const ID = 'r-0001';
const MEMBER = `requests/${ID}/collected/mailchimp/member.jsonl`;

function request(overrides: Partial<RequestRecord> = {}): RequestRecord {
  return {
    kind: 'request',
    id: ID,
    type: 'access',
    controllerId: 'sterk-helse-og-trening',
    lang: 'en',
    receivedAt: '2026-03-02T09:00:00.000Z',
    receivedDate: '2026-03-02',
    dueDate: '2026-04-02',
    dueAt: '2026-04-02T21:59:59.999Z',
    status: 'verified',
    statusTokenHashes: [],
    policyVersion: '1.0.0',
    requester: { name: 'Kari Nordmann', email: 'kari@example.no' },
    plan: { identityCheck: false, reasons: [], systems: [{ systemId: 'mailchimp' }] },
    stage: 'responding',
    ...overrides,
  } as RequestRecord;
}

const mailchimp: Finding = {
  systemId: 'mailchimp',
  source: 'connector',
  categories: ['email'],
  recordCount: 1,
  objectKey: `requests/${ID}/collected/mailchimp/`,
  objects: [{ kind: 'member', key: MEMBER, records: 1, bytes: 120 }],
  collectedAt: '2026-03-10T10:00:00.000Z',
};

function respondHarness(stored: Map<string, number>) {
  const sent: OutgoingMessage[] = [];
  const finished: string[] = [];
  const exportFiles: ExportFileRecord[] = [];
  const built: string[] = [];
  const deps: RespondDeps = {
    policy: sterkPolicy(),
    requests: { get: async () => request() } as unknown as RespondDeps['requests'],
    findings: { put: async () => undefined, remove: async () => undefined, list: async () => [mailchimp] },
    retention: { put: async () => undefined, get: async () => [] },
    fulfilments: { put: async () => undefined, list: async () => [] },
    progress: {
      setPlan: async () => undefined,
      setStage: async () => undefined,
      flagAttention: async () => undefined,
      finish: async (_id, outcome) => {
        finished.push(outcome);
      },
    },
    mailer: {
      send: async (message) => {
        sent.push(message);
        return { messageId: 'm-1' };
      },
    },
    mailFrom: 'personvern@sterk.example',
    publicBaseUrl: 'https://personvern.example/v1',
    pseudonyms: testPseudonyms,
    secrets: { newCode: () => '123456', newStatusToken: () => 'token-1' },
    buildExport: async (r) => {
      built.push(r.id);
      return { key: `requests/${r.id}/export.zip`, bytes: 9_000 };
    },
    storedObjects: { list: async () => stored },
    exportFiles: {
      record: async (_id, file) => {
        exportFiles.push(file);
      },
    },
    tokens: { add: async () => undefined },
    subjectFlags: { suppress: async () => undefined, restrict: async () => undefined },
    noticeConsents: { withdrawConsent: async () => true, recordOptOut: async () => undefined },
    clock: () => NOW,
  };
  return { deps, sent, finished, exportFiles, built };
}

describe('Function: respondStep', () => {
  it('sends nothing and leaves the request open when a collected object is gone', async () => {
    // Prepare
    const { deps, sent, finished, built } = respondHarness(new Map());

    // Act
    const answering = respondStep(ID, deps);

    // Assess
    await expect(answering).rejects.toBeInstanceOf(CollectedDataMismatchError);
    await expect(answering).rejects.toMatchObject({
      name: 'CollectedDataMismatchError',
      problems: [{ systemId: 'mailchimp', problem: 'missing', key: MEMBER }],
    });
    expect(built).toEqual([]);
    expect(sent).toEqual([]);
    expect(finished).toEqual([]);
  });

  it('answers from matching data and records when the export stops being handed out', async () => {
    // Prepare
    const { deps, sent, finished, exportFiles } = respondHarness(new Map([[MEMBER, 120]]));

    // Act
    await respondStep(ID, deps);

    // Assess
    expect(sent.map((m) => m.tags)).toEqual([{ email: 'request-completed' }]);
    expect(finished).toEqual(['completed']);
    expect(exportFiles).toEqual([
      {
        key: `requests/${ID}/export.zip`,
        bytes: 9_000,
        builtAt: NOW.toISOString(),
        expiresAt: new Date(
          NOW.getTime() + REQUEST_DATA_LIFETIME.keepDaysAfterClose * 86_400_000,
        ).toISOString(),
      },
    ]);
  });
});

describe('Function: respondStep, the answer to an erasure', () => {
  it('says until when the request itself is kept, and that it is then deleted', async () => {
    // Prepare: answered on 30 March 2026; the policy keeps privacy-request records three years.
    const { deps, sent } = respondHarness(new Map([[MEMBER, 120]]));
    const erasure: RespondDeps = {
      ...deps,
      requests: {
        get: async () => request({ type: 'erasure', lang: 'en' }),
      } as unknown as RespondDeps['requests'],
    };

    // Act
    await respondStep(ID, erasure);

    // Assess
    const text = sent[0]?.content.text ?? '';
    expect(text).toContain('We keep the request itself and how we handled it');
    expect(text).toContain('until 30 March 2029. Then it is deleted automatically.');
  });
});

describe('Function: purgeStep', () => {
  function purgeHarness(stored: StoredRequest) {
    const deleted: string[] = [];
    const audit: AuditEventInput[] = [];
    const expiries: [string, string][] = [];
    const numbersRemoved: string[] = [];
    const deps = {
      policy: sterkPolicy(),
      requests: { get: async () => stored } as unknown as RespondDeps['requests'],
      records: {
        expireAfter: async (id: string, at: Date) => {
          expiries.push([id, at.toISOString()]);
          return 7;
        },
      },
      objects: {
        list: async () => new Map(),
        deleteAll: async (id: string) => {
          deleted.push(id);
          return 3;
        },
      },
      audit: {
        append: async (_id: string, input: AuditEventInput) => {
          audit.push(input);
          return {} as never;
        },
      },
      nationalIds: {
        remove: async (id: string) => {
          numbersRemoved.push(id);
        },
      },
      clock: () => NOW,
    };
    return { deps, deleted, audit, expiries, numbersRemoved };
  }

  it.each(['completed', 'rejected'] as const)(
    'deletes what a %s request stored, says so in its trail, and lets its own records expire after three years',
    async (status) => {
      // Prepare: closed on 16 March 2026 (Oslo), purged 14 days later.
      const { deps, deleted, audit, expiries, numbersRemoved } = purgeHarness(
        request({ status, completedAt: '2026-03-16T09:30:00.000Z' }),
      );

      // Act
      const result = await purgeStep(ID, deps);

      // Assess: the sealed national identity number from ID-porten, if any, goes with the data
      expect(numbersRemoved).toEqual([ID]);

      // Assess: the policy keeps privacy-request records three years from the closing (through that day).
      const keptUntil = '2029-03-16T22:59:59.999Z';
      expect(result).toEqual({ deleted: 3, outcome: status });
      expect(deleted).toEqual([ID]);
      expect(audit).toEqual([
        {
          action: 'stored-data-deleted',
          actor: { kind: 'system', id: 'request-workflow' },
          details: { deleted: 3, recordsKeptUntil: keptUntil },
        },
      ]);
      expect(expiries).toEqual([[ID, keptUntil]]);
    },
  );

  it('keeps the records without an expiry when the policy sets no period for them', async () => {
    // Prepare
    const { deps, audit, expiries } = purgeHarness(request({ status: 'completed' }));
    const policy = sterkPolicy();
    const withoutPeriod = {
      ...policy,
      retention: policy.retention.map((rule) =>
        rule.categories.includes('privacy-requests')
          ? { ...rule, duration: null, condition: { nb: 'så lenge', en: 'as long as needed' } }
          : rule,
      ),
    };

    // Act
    await purgeStep(ID, { ...deps, policy: withoutPeriod });

    // Assess
    expect(expiries).toEqual([]);
    expect(audit[0]?.details).toEqual({ deleted: 3 });
  });

  it('refuses to delete the data of a request that is still open', async () => {
    // Prepare
    const { deps, deleted } = purgeHarness(request({ status: 'verified' }));

    // Act
    const purging = purgeStep(ID, deps);

    // Assess
    await expect(purging).rejects.toBeInstanceOf(RequestStillOpenError);
    expect(deleted).toEqual([]);
  });
});

describe('REQUEST_DATA_LIFETIME', () => {
  it('keeps the backstop longer than any workflow lives, and the workflow within a Standard execution', () => {
    // Assess
    expect(REQUEST_DATA_LIFETIME.backstopDays).toBeGreaterThan(REQUEST_DATA_LIFETIME.longestWorkflowDays);
    expect(REQUEST_DATA_LIFETIME.longestWorkflowDays).toBeLessThanOrEqual(365);
    // The longest lawful answer (1 + 2 months) and the wait after it fit in the workflow's life.
    expect(REQUEST_DATA_LIFETIME.longestWorkflowDays).toBeGreaterThan(
      92 + REQUEST_DATA_LIFETIME.keepDaysAfterClose,
    );
  });
});
