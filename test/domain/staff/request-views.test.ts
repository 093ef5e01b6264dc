import type { AuditEvent } from '../../../lambdas/domain/audit/chain';
import type { RequestRecord } from '../../../lambdas/domain/requests/record';
import { requestDetail, requestRow } from '../../../lambdas/domain/staff/request-views';
import type { StaffTask } from '../../../lambdas/domain/workflow/tasks';
import { sterkPolicy } from '../policy/sterk-fixture';

const NOW = new Date('2026-03-02T12:00:00.000Z');
const REQUEST: RequestRecord = {
  kind: 'request',
  id: 'req-1',
  type: 'access',
  controllerId: 'sterk-helse-og-trening',
  lang: 'nb',
  receivedAt: '2026-03-02T09:00:00.000Z',
  receivedDate: '2026-03-02',
  dueDate: '2026-04-07',
  dueAt: '2026-04-07T21:59:59.999Z',
  status: 'verified',
  statusTokenHashes: [],
  policyVersion: '1.0.0',
  requester: { name: 'Kari Nordmann', email: 'kari@example.no' },
};
const CHILD = { name: 'Ola Nordmann', birthDate: '2009-05-01', relationship: 'guardian' } as const;

describe('staff request views', () => {
  it('names the child in the inbox row of a guardian’s request, and no one in any other row', () => {
    // Act
    const forChild = requestRow({ ...REQUEST, onBehalfOf: CHILD }, [], NOW);
    const own = requestRow(REQUEST, [], NOW);

    // Assess
    expect(forChild.childName).toBe('Ola Nordmann');
    expect(JSON.stringify(forChild)).not.toContain('Kari');
    expect(JSON.stringify(own)).not.toMatch(/Kari|Ola|kari@/);
  });

  it('gives an open identity check its guide, keeps the raw trail, and adds the timeline in words', () => {
    // Prepare
    const identity: StaffTask = {
      taskId: 'req-1.identity',
      requestId: 'req-1',
      controllerId: REQUEST.controllerId,
      type: 'identity-check',
      status: 'open',
      createdAt: '2026-03-02T09:06:00.000Z',
      reasons: [{ kind: 'age-rule', ruleId: 'guardian-consent-under-18' }],
    };
    const review: StaffTask = { ...identity, taskId: 'req-1.review', type: 'review', reasons: [] };
    const viewed: AuditEvent = {
      requestId: 'req-1',
      seq: 1,
      at: '2026-03-02T11:00:00.000Z',
      action: 'request-viewed',
      actor: { kind: 'staff', id: 'personvernombud' },
      details: {},
      prevHash: 'p',
      hash: 'h',
    };

    // Act
    const detail = requestDetail(
      {
        request: { ...REQUEST, onBehalfOf: CHILD },
        tasks: [identity, review],
        findings: [],
        retention: [],
        events: [viewed],
        holds: [],
      },
      sterkPolicy(),
      NOW,
    );

    // Assess
    const [withGuide, without] = detail.openTasks;
    expect(withGuide && 'guide' in withGuide ? withGuide.guide.childAge : undefined).toBe(16);
    expect(without && 'guide' in without).toBe(false);
    expect(detail.timeline).toEqual([viewed]);
    expect(detail.history.map((e) => e.text.nb)).toContain('personvernombud åpnet forespørselen');
    expect(detail.childName).toBe('Ola Nordmann');
  });

  it('shows an ID-porten sign-in without the pseudonym, says it in words, and offers the number on a system keyed on it', () => {
    // Prepare
    const signIn = {
      method: 'eid',
      level: 'high',
      amr: ['BankID'],
      birthDate: 'matches',
      verifiedAt: '2026-03-02T09:05:00.000Z',
      personPseudonym: 'pseudonym-of-the-number',
    } as const;
    const task = (systemId: string): StaffTask => ({
      taskId: `req-1.manual-collection.${systemId}`,
      requestId: 'req-1',
      controllerId: REQUEST.controllerId,
      type: 'manual-collection',
      status: 'open',
      createdAt: '2026-03-02T09:06:00.000Z',
      systemId,
    });
    const file = (request: RequestRecord) =>
      requestDetail(
        {
          request,
          tasks: [task('pasientsky'), task('brp-systems')],
          findings: [],
          retention: [],
          events: [],
          holds: [],
        },
        sterkPolicy(),
        NOW,
      );

    // Act
    const signedIn = file({ ...REQUEST, eidSignIn: signIn });
    const withCode = file(REQUEST);

    // Assess
    expect(signedIn.eidSignIn).toEqual({
      method: 'eid',
      level: 'high',
      amr: ['BankID'],
      birthDate: 'matches',
      verifiedAt: '2026-03-02T09:05:00.000Z',
    });
    expect(JSON.stringify(signedIn)).not.toContain('pseudonym-of-the-number');
    expect(signedIn.history.map((e) => e.text.nb)).toContain(
      'Kari Nordmann bekreftet identiteten med ID-porten, høyt nivå (BankID)',
    );
    expect(signedIn.openTasks.map((t) => 'nationalIdAvailable' in t && t.nationalIdAvailable)).toEqual([
      true,
      false,
    ]);
    expect(withCode).not.toHaveProperty('eidSignIn');
    expect(withCode.openTasks.some((t) => 'nationalIdAvailable' in t)).toBe(false);
  });
});
