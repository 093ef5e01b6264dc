import * as fc from 'fast-check';
import type { PolicyDocument, RetentionRule } from '../../../lambdas/domain/policy/schema';
import { REQUEST_TYPES } from '../../../lambdas/domain/policy/schema';
import type { Finding, FindingSource, LegalHold } from '../../../lambdas/domain/workflow/findings';
import { type CategoryDecision, decideRetention } from '../../../lambdas/domain/workflow/legal-hold';
import { sterkPolicy } from '../policy/sterk-fixture';

const TODAY = '2026-05-20';

function finding(
  systemId: string,
  categories: string[],
  lastActivityDate?: string,
  source: FindingSource = 'connector',
): Finding {
  return {
    systemId,
    source,
    categories,
    recordCount: categories.length === 0 ? 0 : 3,
    ...(lastActivityDate === undefined ? {} : { lastActivityDate }),
    collectedAt: '2026-05-19T10:00:00Z',
  };
}

function hold(overrides: Partial<LegalHold> & Pick<LegalHold, 'id' | 'categories' | 'expiresOn'>): LegalHold {
  return {
    subjectHash: 'a'.repeat(64),
    reason: 'Dispute over an invoice',
    placedBy: 'staff@sterk.no',
    placedAt: '2026-04-01T08:00:00Z',
    ...overrides,
  };
}

function decide(
  findings: Finding[],
  holds: LegalHold[] = [],
  today = TODAY,
  policy: PolicyDocument = sterkPolicy(),
): CategoryDecision[] {
  return decideRetention({ requestType: 'erasure', findings, policy, holds, today });
}

/** The decision for one pair, with the fields the tables compare. */
function summary(decisions: CategoryDecision[], systemId: string, categoryId: string) {
  const decision = decisions.find((d) => d.systemId === systemId && d.categoryId === categoryId);
  if (decision === undefined) throw new Error(`no decision for ${systemId}/${categoryId}`);
  const { basis } = decision;
  return {
    action: decision.action,
    basis:
      basis.kind === 'retention-rule'
        ? basis.ruleId
        : basis.kind === 'legal-hold'
          ? basis.holdId
          : basis.kind,
    retainUntil: decision.retainUntil,
    condition: decision.condition?.en,
  };
}

/** STERK's document with its own systems and rules replaced: a minimal policy for edge cases. */
function syntheticPolicy(
  systems: { id: string; categories: string[] }[],
  retention: Partial<RetentionRule>[],
): PolicyDocument {
  const base = sterkPolicy();
  const template = base.systems[0];
  if (template === undefined) throw new Error('STERK has no systems');
  const reference = { citation: { nb: 'lov § 1', en: 'Act section 1' } };
  return {
    ...base,
    systems: systems.map((system) => ({ ...template, ...system })),
    retention: retention.map((rule, index) => ({
      id: `rule-${index + 1}`,
      categories: ['x'],
      duration: 'P1Y',
      startsFrom: 'last-contact',
      legalReference: reference,
      forbidsErasure: true,
      ...rule,
    })),
  };
}

describe('Function: decideRetention', () => {
  describe('with the STERK policy', () => {
    it.each([
      {
        name: 'the journal: 10 years after the last journal entry',
        found: finding('pasientsky', ['health-record'], '2021-03-15'),
        systemId: 'pasientsky',
        categoryId: 'health-record',
        expected: { action: 'retain', basis: 'patient-record', retainUntil: '2031-03-15' },
      },
      {
        name: 'the national id in the journal, under the same rule',
        found: finding('pasientsky', ['national-id'], '2019-11-02'),
        systemId: 'pasientsky',
        categoryId: 'national-id',
        expected: { action: 'retain', basis: 'patient-record', retainUntil: '2029-11-02' },
      },
      {
        name: 'a journal whose 10 years ended yesterday',
        found: finding('pasientsky', ['health-record'], '2016-05-19'),
        systemId: 'pasientsky',
        categoryId: 'health-record',
        expected: { action: 'erase', basis: 'no-obligation' },
      },
      {
        name: 'a journal whose 10 years end today (kept through the last day)',
        found: finding('pasientsky', ['health-record'], '2016-05-20'),
        systemId: 'pasientsky',
        categoryId: 'health-record',
        expected: { action: 'retain', basis: 'patient-record', retainUntil: '2026-05-20' },
      },
      {
        name: 'purchase history in BRP: 5 years after the end of the financial year',
        found: finding('brp-systems', ['purchase-history'], '2023-06-10'),
        systemId: 'brp-systems',
        categoryId: 'purchase-history',
        expected: { action: 'retain', basis: 'accounting', retainUntil: '2028-12-31' },
      },
      {
        name: 'purchase history from 1 January counts from the end of that year',
        found: finding('brp-systems', ['purchase-history'], '2021-01-01'),
        systemId: 'brp-systems',
        categoryId: 'purchase-history',
        expected: { action: 'retain', basis: 'accounting', retainUntil: '2026-12-31' },
      },
      {
        name: 'purchase history from 31 December 2020, whose period ended on 31 December 2025',
        found: finding('brp-systems', ['purchase-history'], '2020-12-31'),
        systemId: 'brp-systems',
        categoryId: 'purchase-history',
        expected: { action: 'erase', basis: 'no-obligation' },
      },
      {
        name: 'purchase history in the payment terminal (the accounting rule has no systems)',
        found: finding('melin-convene-medical', ['purchase-history'], '2025-02-01', 'staff-upload'),
        systemId: 'melin-convene-medical',
        categoryId: 'purchase-history',
        expected: { action: 'retain', basis: 'accounting', retainUntil: '2030-12-31' },
      },
      {
        name: 'payment card data: our own limit',
        found: finding('melin-convene-medical', ['payment-card'], '2025-02-01', 'staff-upload'),
        systemId: 'melin-convene-medical',
        categoryId: 'payment-card',
        expected: { action: 'erase', basis: 'payment-card' },
      },
      {
        name: 'a name in the journal (patient-record is limited to pasientsky)',
        found: finding('pasientsky', ['name'], '2024-08-01'),
        systemId: 'pasientsky',
        categoryId: 'name',
        expected: { action: 'retain', basis: 'patient-record', retainUntil: '2034-08-01' },
      },
      {
        name: 'a name in BRP (membership, not the journal rule)',
        found: finding('brp-systems', ['name'], '2024-08-01', 'staff-upload'),
        systemId: 'brp-systems',
        categoryId: 'name',
        expected: { action: 'erase', basis: 'membership' },
      },
      {
        name: 'a phone number in a contact message (not the journal rule)',
        found: finding('personvern', ['phone'], '2026-01-10'),
        systemId: 'personvern',
        categoryId: 'phone',
        expected: { action: 'erase', basis: 'contact-messages' },
      },
      {
        name: 'a contact message',
        found: finding('personvern', ['message-content'], '2026-01-10'),
        systemId: 'personvern',
        categoryId: 'message-content',
        expected: { action: 'erase', basis: 'contact-messages' },
      },
      {
        name: 'earlier privacy requests',
        found: finding('personvern', ['privacy-requests'], '2026-01-10'),
        systemId: 'personvern',
        categoryId: 'privacy-requests',
        expected: { action: 'erase', basis: 'privacy-requests' },
      },
      {
        name: 'a newsletter subscription',
        found: finding('mailchimp', ['newsletter-subscription'], '2025-09-09'),
        systemId: 'mailchimp',
        categoryId: 'newsletter-subscription',
        expected: { action: 'erase', basis: 'newsletter' },
      },
      {
        name: 'the journal without a last journal entry date (kept, the law says so)',
        found: finding('pasientsky', ['health-record']),
        systemId: 'pasientsky',
        categoryId: 'health-record',
        expected: {
          action: 'retain',
          basis: 'patient-record',
          condition: '10 years after the last journal entry',
        },
      },
      {
        name: 'purchase history without a date',
        found: finding('brp-systems', ['purchase-history'], undefined, 'staff-upload'),
        systemId: 'brp-systems',
        categoryId: 'purchase-history',
        expected: {
          action: 'retain',
          basis: 'accounting',
          condition: '5 years after the end of the financial year',
        },
      },
      {
        name: 'a contact message without a date (erasable: nothing obliges us to keep it)',
        found: finding('personvern', ['email']),
        systemId: 'personvern',
        categoryId: 'email',
        expected: { action: 'erase', basis: 'contact-messages' },
      },
      {
        name: 'the journal from a leap day: 28 February ten years on',
        found: finding('pasientsky', ['health-record'], '2024-02-29'),
        systemId: 'pasientsky',
        categoryId: 'health-record',
        expected: { action: 'retain', basis: 'patient-record', retainUntil: '2034-02-28' },
      },
      {
        name: 'purchase history from a leap day',
        found: finding('brp-systems', ['purchase-history'], '2024-02-29'),
        systemId: 'brp-systems',
        categoryId: 'purchase-history',
        expected: { action: 'retain', basis: 'accounting', retainUntil: '2029-12-31' },
      },
    ])('$name', ({ found, systemId, categoryId, expected }) => {
      // Act
      const decisions = decide([found]);

      // Assess
      expect(decisions).toHaveLength(found.categories.length);
      expect(summary(decisions, systemId, categoryId)).toEqual({
        retainUntil: undefined,
        condition: undefined,
        ...expected,
      });
    });

    it('quotes the rule’s legal reference and note for the journal', () => {
      // Prepare
      const rule = sterkPolicy().retention.find((r) => r.id === 'patient-record');

      // Act
      const [decision] = decide([finding('pasientsky', ['health-record'], '2021-03-15')]);

      // Assess
      expect(decision).toEqual({
        systemId: 'pasientsky',
        categoryId: 'health-record',
        action: 'retain',
        basis: {
          kind: 'retention-rule',
          ruleId: 'patient-record',
          legalReference: rule?.legalReference,
          note: rule?.note,
        },
        retainUntil: '2031-03-15',
      });
      expect(decision?.basis).toMatchObject({
        legalReference: { citation: { nb: 'helsepersonelloven § 39 og pasientjournalforskriften § 15' } },
      });
    });

    it('gives an unknown anchor in both languages', () => {
      // Act
      const [decision] = decide([finding('pasientsky', ['health-record'])]);

      // Assess
      expect(decision?.retainUntil).toBeUndefined();
      expect(decision?.condition).toEqual({
        nb: '10 år etter siste journalnotat',
        en: '10 years after the last journal entry',
      });
    });

    it('quotes the legal reference of an erasable contact message, without a retention date', () => {
      // Act
      const [decision] = decide([finding('personvern', ['message-content'], '2026-01-10')]);

      // Assess
      expect(decision).toEqual({
        systemId: 'personvern',
        categoryId: 'message-content',
        action: 'erase',
        basis: {
          kind: 'retention-rule',
          ruleId: 'contact-messages',
          legalReference: {
            citation: {
              nb: 'personvernforordningen artikkel 5 nr. 1 bokstav e (lagringsbegrensning)',
              en: 'GDPR Article 5(1)(e) (storage limitation)',
            },
            url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj',
          },
        },
      });
    });

    it('decides every category of a whole subject, in the policy’s order', () => {
      // Prepare
      const findings = [
        finding('mailchimp', ['newsletter-subscription', 'email', 'name'], '2025-09-09'),
        finding('personvern', ['message-content', 'name', 'email', 'phone'], '2026-01-10'),
        finding('brp-systems', ['purchase-history', 'name'], '2023-06-10', 'staff-upload'),
        finding('pasientsky', ['health-record', 'name'], '2021-03-15', 'staff-upload'),
        finding('google-analytics', [], undefined, 'not-linkable'),
        finding('melin-convene-medical', [], undefined, 'no-data'),
      ];

      // Act
      const decisions = decide(findings);

      // Assess
      expect(
        decisions.map((d) => [d.systemId, d.categoryId, d.action, d.retainUntil ?? '-'].join(' ')),
      ).toEqual([
        'pasientsky health-record retain 2031-03-15',
        'pasientsky name retain 2031-03-15',
        'brp-systems name erase -',
        'brp-systems purchase-history retain 2028-12-31',
        'mailchimp email erase -',
        'mailchimp name erase -',
        'mailchimp newsletter-subscription erase -',
        'personvern name erase -',
        'personvern email erase -',
        'personvern phone erase -',
        'personvern message-content erase -',
      ]);
    });
  });

  describe('findings', () => {
    it.each<{ name: string; findings: Finding[]; expected: string[] }>([
      {
        name: 'no-data and not-linkable findings produce no decisions',
        findings: [
          finding('pasientsky', [], undefined, 'no-data'),
          finding('google-analytics', [], undefined, 'not-linkable'),
          finding('facebook-pixel', ['website-usage'], undefined, 'not-linkable'),
        ],
        expected: [],
      },
      {
        name: 'two findings for one system: one decision per category, the latest date counts',
        findings: [
          finding('pasientsky', ['health-record'], '2021-03-15', 'staff-upload'),
          finding('pasientsky', ['health-record', 'name'], '2023-01-04', 'staff-upload'),
          finding('pasientsky', ['health-record'], '2019-07-07', 'staff-upload'),
        ],
        expected: ['pasientsky health-record 2033-01-04', 'pasientsky name 2033-01-04'],
      },
      {
        name: 'one finding without a date makes the anchor unknown',
        findings: [
          finding('pasientsky', ['health-record'], '2021-03-15', 'staff-upload'),
          finding('pasientsky', ['health-record'], undefined, 'staff-upload'),
        ],
        expected: ['pasientsky health-record -'],
      },
      {
        name: 'a no-data finding next to an upload for the same system changes nothing',
        findings: [
          finding('brp-systems', [], undefined, 'no-data'),
          finding('brp-systems', ['purchase-history'], '2023-06-10', 'staff-upload'),
        ],
        expected: ['brp-systems purchase-history 2028-12-31'],
      },
    ])('$name', ({ findings, expected }) => {
      // Act
      const decisions = decide(findings);

      // Assess
      expect(decisions.map((d) => `${d.systemId} ${d.categoryId} ${d.retainUntil ?? '-'}`)).toEqual(expected);
    });
  });

  describe('explicit holds', () => {
    const newsletter = finding('mailchimp', ['email', 'name', 'newsletter-subscription'], '2025-09-09');

    it.each<{ name: string; holds: LegalHold[]; expected: Record<string, string> }>([
      {
        name: 'an active hold retains the categories it covers, and only those',
        holds: [hold({ id: 'hold-1', categories: ['email'], expiresOn: '2026-09-30' })],
        expected: { email: 'retain hold-1 2026-09-30', name: 'erase newsletter -' },
      },
      {
        name: 'a hold expiring today still applies',
        holds: [hold({ id: 'hold-1', categories: ['email'], expiresOn: TODAY })],
        expected: { email: `retain hold-1 ${TODAY}`, name: 'erase newsletter -' },
      },
      {
        name: 'a hold that expired yesterday does not',
        holds: [hold({ id: 'hold-1', categories: ['email'], expiresOn: '2026-05-19' })],
        expected: { email: 'erase newsletter -', name: 'erase newsletter -' },
      },
      {
        name: 'a lifted hold does not',
        holds: [
          hold({
            id: 'hold-1',
            categories: ['email'],
            expiresOn: '2026-09-30',
            liftedAt: '2026-05-02T12:00:00Z',
          }),
        ],
        expected: { email: 'erase newsletter -', name: 'erase newsletter -' },
      },
      {
        name: 'a hold on other categories does not',
        holds: [hold({ id: 'hold-1', categories: ['photo', 'purchase-history'], expiresOn: '2026-09-30' })],
        expected: { email: 'erase newsletter -', name: 'erase newsletter -' },
      },
      {
        name: 'of two holds, the one that lasts longer',
        holds: [
          hold({ id: 'hold-a', categories: ['email'], expiresOn: '2026-09-30' }),
          hold({ id: 'hold-b', categories: ['email', 'name'], expiresOn: '2027-01-31' }),
        ],
        expected: { email: 'retain hold-b 2027-01-31', name: 'retain hold-b 2027-01-31' },
      },
      {
        name: 'of two holds ending the same day, the smaller id, whatever their order',
        holds: [
          hold({ id: 'hold-z', categories: ['email'], expiresOn: '2026-09-30' }),
          hold({ id: 'hold-m', categories: ['email'], expiresOn: '2026-09-30' }),
        ],
        expected: { email: 'retain hold-m 2026-09-30', name: 'erase newsletter -' },
      },
    ])('$name', ({ holds, expected }) => {
      // Act
      const decisions = decide([newsletter], holds);

      // Assess
      const line = (categoryId: string) => {
        const { action, basis, retainUntil } = summary(decisions, 'mailchimp', categoryId);
        return `${action} ${basis} ${retainUntil ?? '-'}`;
      };
      expect({ email: line('email'), name: line('name') }).toEqual(expected);
    });

    it('covers the category in every system', () => {
      // Prepare
      const findings = [newsletter, finding('personvern', ['name', 'message-content'], '2026-01-10')];
      const holds = [hold({ id: 'hold-1', categories: ['name'], expiresOn: '2026-09-30' })];

      // Act
      const decisions = decide(findings, holds);

      // Assess
      expect(decisions.map((d) => `${d.systemId} ${d.categoryId} ${d.action}`)).toEqual([
        'mailchimp email erase',
        'mailchimp name retain',
        'mailchimp newsletter-subscription erase',
        'personvern name retain',
        'personvern message-content erase',
      ]);
    });

    it('reports the hold’s reason', () => {
      // Act
      const [decision] = decide(
        [finding('personvern', ['message-content'], '2026-01-10')],
        [
          hold({
            id: 'hold-7',
            categories: ['message-content'],
            expiresOn: '2026-12-01',
            reason: 'Complaint',
          }),
        ],
      );

      // Assess
      expect(decision).toEqual({
        systemId: 'personvern',
        categoryId: 'message-content',
        action: 'retain',
        basis: { kind: 'legal-hold', holdId: 'hold-7', reason: 'Complaint' },
        retainUntil: '2026-12-01',
      });
    });

    it.each([
      {
        name: 'a hold that outlasts the journal rule is reported',
        lastActivity: '2021-03-15',
        expiresOn: '2032-01-01',
        expected: { action: 'retain', basis: 'hold-1', retainUntil: '2032-01-01' },
      },
      {
        name: 'a hold that ends first gives way to the journal rule',
        lastActivity: '2021-03-15',
        expiresOn: '2027-01-01',
        expected: { action: 'retain', basis: 'patient-record', retainUntil: '2031-03-15' },
      },
      {
        name: 'on the same day the rule is reported',
        lastActivity: '2021-03-15',
        expiresOn: '2031-03-15',
        expected: { action: 'retain', basis: 'patient-record', retainUntil: '2031-03-15' },
      },
      {
        name: 'a rule with an unknown end outlasts any hold',
        lastActivity: undefined,
        expiresOn: '2099-12-31',
        expected: {
          action: 'retain',
          basis: 'patient-record',
          condition: '10 years after the last journal entry',
        },
      },
      {
        name: 'a hold keeps a journal whose period has ended',
        lastActivity: '2015-01-01',
        expiresOn: '2026-06-30',
        expected: { action: 'retain', basis: 'hold-1', retainUntil: '2026-06-30' },
      },
    ])('$name', ({ lastActivity, expiresOn, expected }) => {
      // Prepare
      const holds = [hold({ id: 'hold-1', categories: ['health-record'], expiresOn })];

      // Act
      const decisions = decide(
        [finding('pasientsky', ['health-record'], lastActivity, 'staff-upload')],
        holds,
      );

      // Assess
      expect(summary(decisions, 'pasientsky', 'health-record')).toEqual({
        retainUntil: undefined,
        condition: undefined,
        ...expected,
      });
    });
  });

  describe('with a synthetic policy', () => {
    const systems = [
      { id: 'alpha', categories: ['x', 'y'] },
      { id: 'beta', categories: ['x'] },
    ];

    it.each<{
      name: string;
      retention: Partial<RetentionRule>[];
      last?: string;
      today?: string;
      expected: object;
    }>([
      {
        name: 'P18M from a month end',
        retention: [{ duration: 'P18M' }],
        last: '2023-08-31',
        today: '2024-12-01',
        expected: { action: 'retain', basis: 'rule-1', retainUntil: '2025-02-28' },
      },
      {
        name: 'P2W from a leap day',
        retention: [{ duration: 'P2W' }],
        last: '2024-02-29',
        today: '2024-03-01',
        expected: { action: 'retain', basis: 'rule-1', retainUntil: '2024-03-14' },
      },
      {
        name: 'P4Y from a leap day lands on a leap day',
        retention: [{ duration: 'P4Y', startsFrom: 'last-journal-entry' }],
        last: '2024-02-29',
        expected: { action: 'retain', basis: 'rule-1', retainUntil: '2028-02-29' },
      },
      {
        name: 'P1M from 31 January in a leap year',
        retention: [{ duration: 'P1M', startsFrom: 'transaction' }],
        last: '2024-01-31',
        today: '2024-02-01',
        expected: { action: 'retain', basis: 'rule-1', retainUntil: '2024-02-29' },
      },
      {
        name: 'P1Y2M3W4D: years and months first, then weeks and days',
        retention: [{ duration: 'P1Y2M3W4D', startsFrom: 'collection' }],
        last: '2025-05-31',
        expected: { action: 'retain', basis: 'rule-1', retainUntil: '2026-08-25' },
      },
      {
        name: 'P0D from the end of the financial year',
        retention: [{ duration: 'P0D', startsFrom: 'end-of-fiscal-year' }],
        last: '2026-02-01',
        expected: { action: 'retain', basis: 'rule-1', retainUntil: '2026-12-31' },
      },
      {
        name: 'a period that has ended, with only a forbidding rule',
        retention: [{ duration: 'P1Y' }],
        last: '2025-05-19',
        expected: { action: 'erase', basis: 'no-obligation' },
      },
      {
        name: 'a period that has ended, next to our own limit',
        retention: [
          { duration: 'P1Y' },
          { duration: null, forbidsErasure: false, condition: text('while needed') },
        ],
        last: '2025-05-19',
        expected: { action: 'erase', basis: 'rule-2' },
      },
      {
        name: 'the rule that keeps longer wins',
        retention: [{ duration: 'P1Y' }, { duration: 'P3Y' }, { duration: 'P2Y' }],
        last: '2025-05-19',
        expected: { action: 'retain', basis: 'rule-2', retainUntil: '2028-05-19' },
      },
      {
        name: 'of rules ending the same day, the first in the policy',
        retention: [{ duration: 'P12M' }, { duration: 'P1Y' }],
        last: '2025-06-01',
        expected: { action: 'retain', basis: 'rule-1', retainUntil: '2026-06-01' },
      },
      {
        name: 'a rule with an unknown end outlasts a dated one',
        retention: [{ duration: 'P9Y' }, { duration: null, condition: text('while the case runs') }],
        last: '2025-05-19',
        expected: { action: 'retain', basis: 'rule-2', condition: 'while the case runs' },
      },
      {
        name: 'a forbidding rule with no duration retains under its condition',
        retention: [{ duration: null, condition: text('while the inspection runs') }],
        last: '2020-01-01',
        expected: { action: 'retain', basis: 'rule-1', condition: 'while the inspection runs' },
      },
      {
        name: 'our own limit does not retain',
        retention: [{ duration: 'P10Y', forbidsErasure: false }],
        last: '2025-05-19',
        expected: { action: 'erase', basis: 'rule-1' },
      },
      {
        name: 'a rule limited to another system does not apply',
        retention: [{ duration: 'P10Y', systems: ['beta'] }],
        last: '2025-05-19',
        expected: { action: 'erase', basis: 'no-obligation' },
      },
      {
        name: 'a rule limited to this system applies',
        retention: [{ duration: 'P10Y', systems: ['beta', 'alpha'] }],
        last: '2025-05-19',
        expected: { action: 'retain', basis: 'rule-1', retainUntil: '2035-05-19' },
      },
      {
        name: 'a rule for other categories does not apply',
        retention: [{ duration: 'P10Y', categories: ['y'] }],
        last: '2025-05-19',
        expected: { action: 'erase', basis: 'no-obligation' },
      },
      {
        name: 'the end of a membership is not known from the records',
        retention: [{ duration: 'P3Y', startsFrom: 'end-of-membership' }],
        last: '2020-01-01',
        expected: { action: 'retain', basis: 'rule-1', condition: '3 years after the end of the membership' },
      },
      {
        name: 'nor is unsubscribing',
        retention: [{ duration: 'P1Y6M', startsFrom: 'unsubscribe' }],
        last: '2020-01-01',
        expected: { action: 'retain', basis: 'rule-1', condition: '1 year and 6 months after unsubscribing' },
      },
      {
        name: 'nor the closing of a request; the rule’s own condition is preferred',
        retention: [
          { duration: 'P2Y', startsFrom: 'request-closed', condition: text('to show how we answered') },
        ],
        last: '2020-01-01',
        expected: { action: 'retain', basis: 'rule-1', condition: 'to show how we answered' },
      },
      {
        name: 'an unknown anchor with P0D',
        retention: [{ duration: 'P0D', startsFrom: 'last-contact' }],
        last: undefined,
        expected: { action: 'retain', basis: 'rule-1', condition: 'until the last contact' },
      },
      {
        name: 'an unknown anchor with every unit',
        retention: [{ duration: 'P1Y2M1W3D', startsFrom: 'transaction' }],
        last: undefined,
        expected: {
          action: 'retain',
          basis: 'rule-1',
          condition: '1 year, 2 months, 1 week and 3 days after the transaction',
        },
      },
    ])('$name', ({ retention, last, today = TODAY, expected }) => {
      // Prepare
      const policy = syntheticPolicy(systems, retention);

      // Act
      const decisions = decide([finding('alpha', ['x'], last)], [], today, policy);

      // Assess
      expect(summary(decisions, 'alpha', 'x')).toEqual({
        retainUntil: undefined,
        condition: undefined,
        ...expected,
      });
    });

    it('writes the Norwegian condition too', () => {
      // Prepare
      const policy = syntheticPolicy(systems, [{ duration: 'P1Y2M1W3D', startsFrom: 'end-of-membership' }]);

      // Act
      const [decision] = decide([finding('alpha', ['x'], '2025-01-01')], [], TODAY, policy);

      // Assess
      expect(decision?.condition?.nb).toBe('1 år, 2 måneder, 1 uke og 3 dager etter slutten av medlemskapet');
    });

    it('decides categories and systems the policy does not list, after the listed ones', () => {
      // Prepare
      const policy = syntheticPolicy(systems, [{ duration: 'P1Y', categories: ['x'] }]);
      const findings = [
        finding('zeta', ['x'], '2026-01-01'),
        finding('gamma', ['q', 'x'], '2026-01-01'),
        finding('alpha', ['z', 'y', 'x'], '2026-01-01'),
      ];

      // Act
      const decisions = decide(findings, [], TODAY, policy);

      // Assess
      expect(decisions.map((d) => `${d.systemId} ${d.categoryId} ${d.action} ${d.basis.kind}`)).toEqual([
        'alpha x retain retention-rule',
        'alpha y erase no-obligation',
        'alpha z erase no-obligation',
        'gamma q erase no-obligation',
        'gamma x retain retention-rule',
        'zeta x retain retention-rule',
      ]);
    });

    it.each([
      { name: 'today', today: '2026-13-01', last: '2025-01-01', expiresOn: '2026-09-30' },
      { name: 'a lastActivityDate', today: TODAY, last: '2025-02-30', expiresOn: '2026-09-30' },
      { name: 'a hold’s expiresOn', today: TODAY, last: '2025-01-01', expiresOn: '30.09.2026' },
    ])('refuses a malformed date in $name', ({ today, last, expiresOn }) => {
      // Prepare
      const policy = syntheticPolicy(systems, [{ duration: 'P1Y' }]);
      const holds = [hold({ id: 'hold-1', categories: ['x'], expiresOn })];

      // Act
      const act = () => decide([finding('alpha', ['x'], last)], holds, today, policy);

      // Assess
      expect(act).toThrow(/is not a calendar date of the form YYYY-MM-DD/);
    });
  });

  describe('determinism', () => {
    const findings = [
      finding('personvern', ['message-content', 'email'], '2026-01-10'),
      finding('pasientsky', ['name', 'health-record'], '2021-03-15', 'staff-upload'),
      finding('brp-systems', ['purchase-history'], '2023-06-10', 'staff-upload'),
      finding('mailchimp', ['email'], '2025-09-09'),
    ];
    const holds = [
      hold({ id: 'hold-b', categories: ['email'], expiresOn: '2026-09-30' }),
      hold({ id: 'hold-a', categories: ['email', 'health-record'], expiresOn: '2026-09-30' }),
    ];

    it('gives the same answer twice', () => {
      // Act
      const first = decide(findings, holds);
      const second = decide(findings, holds);

      // Assess
      expect(second).toEqual(first);
      expect(first.map((d) => `${d.systemId} ${d.categoryId}`)).toEqual([
        'pasientsky health-record',
        'pasientsky name',
        'brp-systems purchase-history',
        'mailchimp email',
        'personvern email',
        'personvern message-content',
      ]);
    });

    it('does not depend on the order of findings, their categories or holds', () => {
      // Prepare
      const shuffled = findings.toReversed().map((f) => ({ ...f, categories: f.categories.toReversed() }));

      // Act
      const original = decide(findings, holds);
      const reordered = decide(shuffled, holds.toReversed());

      // Assess
      expect(reordered).toEqual(original);
      expect(summary(original, 'mailchimp', 'email').basis).toBe('hold-a');
    });

    it.each(REQUEST_TYPES)('gives a %s request the same decisions as an erasure', (requestType) => {
      // Prepare
      const policy = sterkPolicy();

      // Act
      const decisions = decideRetention({ requestType, findings, policy, holds, today: TODAY });

      // Assess
      expect(decisions).toEqual(decide(findings, holds));
    });

    it('does not change its inputs', () => {
      // Prepare
      const policy = sterkPolicy();
      const input = { requestType: 'erasure' as const, findings, policy, holds, today: TODAY };
      const before = structuredClone(input);

      // Act
      decideRetention(input);

      // Assess
      expect(input).toEqual(before);
    });
  });

  describe('properties over the STERK policy', () => {
    const policy = sterkPolicy();
    const systemIds = [...policy.systems.map((s) => s.id), 'unlisted-system'];
    const categoryIds = [...policy.categories.map((c) => c.id), 'unlisted-category'];
    const date = fc
      .date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2040-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    const findingArbitrary = fc.record({
      systemId: fc.constantFrom(...systemIds),
      source: fc.constantFrom<FindingSource>('connector', 'staff-upload', 'no-data', 'not-linkable'),
      categories: fc.uniqueArray(fc.constantFrom(...categoryIds), { maxLength: 5 }),
      recordCount: fc.nat(20),
      lastActivityDate: fc.option(date, { nil: undefined }),
      collectedAt: fc.constant('2026-05-19T10:00:00Z'),
    });
    const holdArbitrary = fc.record({
      id: fc.stringMatching(/^hold-[a-z0-9]{1,6}$/),
      categories: fc.uniqueArray(fc.constantFrom(...categoryIds), { minLength: 1, maxLength: 4 }),
      expiresOn: date,
      lifted: fc.boolean(),
    });
    const inputs = fc.record({
      findings: fc.array(findingArbitrary, { maxLength: 8 }),
      holds: fc.array(holdArbitrary, { maxLength: 4 }),
      today: date,
    });
    const toHolds = (holds: { id: string; categories: string[]; expiresOn: string; lifted: boolean }[]) =>
      holds.map(({ lifted, ...rest }) =>
        hold({ ...rest, ...(lifted ? { liftedAt: '2026-05-01T00:00:00Z' } : {}) }),
      );

    it('gives every found (system, category) exactly one decision', () => {
      // Act and Assess
      fc.assert(
        fc.property(inputs, ({ findings, holds, today }) => {
          const decisions = decide(findings, toHolds(holds), today, policy);
          const found = new Set(
            findings
              .filter((f) => f.source === 'connector' || f.source === 'staff-upload')
              .flatMap((f) => f.categories.map((c) => `${f.systemId}/${c}`)),
          );
          const decided = decisions.map((d) => `${d.systemId}/${d.categoryId}`);
          expect(decided.toSorted()).toEqual([...found].toSorted());
        }),
      );
    });

    it('retains only for a reason, until a day not before today, and lets no active hold be erased', () => {
      // Act and Assess
      fc.assert(
        fc.property(inputs, ({ findings, holds, today }) => {
          const legalHolds = toHolds(holds);
          const decisions = decide(findings, legalHolds, today, policy);
          for (const decision of decisions) {
            if (decision.action === 'retain') {
              expect(decision.basis.kind).not.toBe('no-obligation');
              expect(
                decision.retainUntil === undefined ? decision.condition : decision.retainUntil >= today,
              ).toBeTruthy();
            } else {
              expect(decision.retainUntil).toBeUndefined();
              expect(decision.condition).toBeUndefined();
              const held = legalHolds.some(
                (h) =>
                  h.liftedAt === undefined &&
                  h.expiresOn >= today &&
                  h.categories.includes(decision.categoryId),
              );
              expect(held).toBe(false);
            }
          }
        }),
      );
    });
  });
});

function text(en: string) {
  return { nb: `(nb) ${en}`, en };
}
