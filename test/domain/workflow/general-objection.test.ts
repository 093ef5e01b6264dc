/**
 * The general right to object (GDPR Art. 21(1), issue 18 item 3): a request of its own, run against the
 * systems on legitimate interest. Staff weigh it (the review, then a manual-action task per system that holds
 * the person's data), except where the system is direct marketing: there the objection is absolute
 * (Art. 21(3)) and the system is suppressed as for the direct-marketing objection.
 */

import type { OutgoingMessage } from '../../../lambdas/domain/ports/mailer';
import type { RequestRecord } from '../../../lambdas/domain/requests/record';
import { fulfilPlan, type RespondDeps, respondStep } from '../../../lambdas/domain/workflow/answer';
import type { Finding } from '../../../lambdas/domain/workflow/findings';
import { planRequest } from '../../../lambdas/domain/workflow/plan';
import { testPseudonyms } from '../../support/pseudonyms';
import { sterkPolicy } from '../policy/sterk-fixture';

const NOW = new Date('2026-03-30T10:00:00.000Z');
const ID = 'r-0002';

const policy = sterkPolicy();
const system = (id: string) => {
  const found = policy.systems.find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`no system ${id}`);
  return found;
};
const finding = (systemId: string, recordCount: number): Finding => ({
  systemId,
  source: 'connector',
  categories: ['email'],
  recordCount,
  collectedAt: '2026-03-10T10:00:00.000Z',
});

describe('Function: planRequest, for a general objection', () => {
  it('runs against the systems on legitimate interest only, with no identity check', () => {
    // Act
    const plan = planRequest(
      policy,
      { type: 'objection-general', controllerId: 'sterk-helse-og-trening' },
      '2026-03-02',
    );

    // Assess
    expect(plan.systems.map((step) => step.systemId)).toEqual(['mailchimp', 'personvern']);
    for (const step of plan.systems) {
      expect(system(step.systemId).legalBasis.article6).toContain('f');
    }
    expect(plan.identityCheck).toBe(false);
  });
});

describe('Function: fulfilPlan, for a general objection', () => {
  it('hands each system on legitimate interest that holds data to staff (the Art. 21(1) weighing)', () => {
    // Act, Assess
    expect(fulfilPlan('objection-general', system('personvern'), finding('personvern', 2), [])).toBe('staff');
    // The direct-marketing objection, run in the same system, would suppress without weighing.
    expect(fulfilPlan('objection', system('personvern'), finding('personvern', 2), [])).toBe('suppress');
  });

  it('does nothing where nothing was found', () => {
    // Act, Assess
    expect(fulfilPlan('objection-general', system('personvern'), finding('personvern', 0), [])).toBe('none');
    expect(fulfilPlan('objection-general', system('personvern'), undefined, [])).toBe('none');
  });

  it('suppresses a direct-marketing system without weighing (Art. 21(3))', () => {
    // Act, Assess
    expect(fulfilPlan('objection-general', system('mailchimp'), finding('mailchimp', 1), [])).toBe(
      'suppress',
    );
    expect(fulfilPlan('objection-general', system('mailchimp'), undefined, [])).toBe('suppress');
  });

  it('does nothing in a system that cannot be linked to the person', () => {
    // Act, Assess
    expect(fulfilPlan('objection-general', system('facebook-pixel'), undefined, [])).toBe('none');
  });
});

describe('Function: respondStep, for a general objection', () => {
  function harness() {
    const sent: OutgoingMessage[] = [];
    const suppressed: string[] = [];
    const request = {
      kind: 'request',
      id: ID,
      type: 'objection-general',
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
      plan: {
        identityCheck: false,
        reasons: [],
        systems: [{ systemId: 'mailchimp' }, { systemId: 'personvern' }],
      },
      stage: 'responding',
    } as unknown as RequestRecord;
    const deps: RespondDeps = {
      policy,
      requests: { get: async () => request } as unknown as RespondDeps['requests'],
      findings: {
        put: async () => undefined,
        remove: async () => undefined,
        list: async () => [finding('mailchimp', 1), finding('personvern', 3)],
      },
      retention: { put: async () => undefined, get: async () => [] },
      fulfilments: {
        put: async () => undefined,
        list: async () => [{ systemId: 'mailchimp', at: NOW.toISOString(), action: 'suppressed' }],
      },
      progress: {
        setPlan: async () => undefined,
        setStage: async () => undefined,
        flagAttention: async () => undefined,
        finish: async () => undefined,
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
      buildExport: async () => {
        throw new Error('an objection builds no export');
      },
      storedObjects: { list: async () => new Map() },
      exportFiles: { record: async () => undefined },
      tokens: { add: async () => undefined },
      subjectFlags: {
        suppress: async (subject) => {
          suppressed.push(subject.email);
        },
        restrict: async () => undefined,
      },
      noticeConsents: { withdrawConsent: async () => true, recordOptOut: async () => undefined },
      clock: () => NOW,
    };
    return { deps, sent, suppressed };
  }

  it('tells the requester, system by system, that the marketing stopped and the rest was stopped by staff', async () => {
    // Prepare
    const { deps, sent, suppressed } = harness();

    // Act
    await respondStep(ID, deps);

    // Assess
    const text = sent[0]?.content.text ?? '';
    expect(sent[0]?.content.subject).toBeDefined();
    expect(text).toContain('Mailchimp: we no longer use your information for marketing.');
    expect(text).toContain(
      'Personvern: we have stopped the use of your information that rested on our legitimate interest (GDPR Article 21(1)).',
    );
    // Marketing on legitimate interest is covered, and there the objection is absolute: a suppression record.
    expect(suppressed).toEqual(['kari@example.no']);
  });
});
