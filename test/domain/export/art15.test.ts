import { art15Information } from '../../../lambdas/domain/export/art15';
import { EXPORT_TEXT } from '../../../lambdas/domain/export/i18n';
import type { PolicyDocument } from '../../../lambdas/domain/policy/schema';
import { decideRetention } from '../../../lambdas/domain/workflow/legal-hold';
import { sterkPolicy } from '../policy/sterk-fixture';
import { accessRequest, finding, memberFindings, patientFindings } from './fixtures';

const LANGUAGES = ['nb', 'en'] as const;

function system(policy: PolicyDocument, id: string) {
  const found = policy.systems.find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`no system ${id}`);
  return found;
}

describe('Function: art15Information', () => {
  describe.each(LANGUAGES)('for a patient, in %s', (lang) => {
    const policy = sterkPolicy();
    const info = art15Information({ policy, request: accessRequest(lang), findings: patientFindings() });

    it('(a) gives the purpose and legal basis of each system that holds data, from the policy', () => {
      // Assess
      expect(info.purposes.map((purpose) => purpose.systemId)).toEqual([
        'pasientsky',
        'mailchimp',
        'personvern',
      ]);
      for (const purpose of info.purposes) {
        const source = system(policy, purpose.systemId);
        expect(purpose.purpose).toBe(source.purpose[lang]);
        expect(purpose.legalBasis.explanation).toBe(source.legalBasis.explanation[lang]);
        expect(purpose.legalBasis.article6).toEqual(source.legalBasis.article6);
      }
      const journal = info.purposes[0];
      expect(journal?.legalBasis.article9).toEqual(['h']);
      expect(journal?.legalBasis.nationalLaw[0]?.url).toBe('https://lovdata.no/lov/1999-07-02-64');
    });

    it('(b) lists the categories found, labelled by the policy, with where they were found', () => {
      // Assess
      expect(info.categories.map((category) => category.categoryId)).toEqual([
        'name',
        'national-id',
        'email',
        'health-record',
        'message-content',
        'newsletter-subscription',
        'privacy-requests',
      ]);
      const health = info.categories.find((category) => category.categoryId === 'health-record');
      expect(health?.label).toBe(policy.categories.find((c) => c.id === 'health-record')?.label[lang]);
      expect(health?.special).toBe(true);
      const name = info.categories.find((category) => category.categoryId === 'name');
      expect(name?.systems.map((s) => s.systemId)).toEqual(['pasientsky', 'mailchimp']);
      expect(name?.special).toBe(false);
    });

    it('(c) names the health recipients for a patient, the processors found (those with a data processing agreement too), and their transfers outside the EEA', () => {
      // Assess
      expect(info.recipients.recipients.map((recipient) => recipient.recipientId)).toEqual([
        'hospitals',
        'nav',
        'helfo',
        'other-health-services',
      ]);
      expect(info.recipients.recipients[1]?.name).toBe(policy.recipients[1]?.name[lang]);
      expect(info.recipients.recipients[0]?.viaSystems).toEqual(['pasientsky']);
      // PasientSky keeps the record for us under a data processing agreement: its vendor is a processor too.
      expect(info.recipients.processors).toEqual([
        {
          systemId: 'pasientsky',
          systemName: 'PasientSky',
          vendor: 'PasientSky',
          dataProcessingAgreement: true,
        },
        {
          systemId: 'mailchimp',
          systemName: 'Mailchimp',
          vendor: 'Mailchimp',
          dataProcessingAgreement: false,
        },
      ]);
      expect(info.recipients.sharingPromise).toBe(policy.sharing.promise[lang]);
      // Art. 15(2): Mailchimp's transfer to the US, with its mechanism and where the safeguards are; PasientSky
      // (Norway) and Personvern (our own) send nothing out of the EEA.
      const transfers = info.recipients.transfersOutsideEea;
      expect(transfers.statedInPolicy).toBe(true);
      expect(transfers.statement).toContain(lang === 'nb' ? 'artikkel 15 nr. 2' : 'Article 15(2)');
      expect(transfers.transfers.map((transfer) => [transfer.systemId, transfer.country])).toEqual([
        ['mailchimp', 'US'],
      ]);
      expect(transfers.transfers[0]?.description).toBe(
        system(policy, 'mailchimp').transfers[0]?.description[lang],
      );
      expect(transfers.transfers[0]?.safeguards?.url).toBe('https://www.dataprivacyframework.gov/list');
      expect(transfers.notStated).toEqual([]);
      expect(transfers.notStatedStatement).toBeUndefined();
    });

    it('(c) says where the notice does not say where a provider is, and never that the data stays in the EEA', () => {
      // Act
      const melin = art15Information({
        policy,
        request: accessRequest(lang),
        findings: memberFindings().map((found) =>
          found.systemId === 'melin-convene-medical'
            ? finding('melin-convene-medical', 'staff-upload', ['name'])
            : found,
        ),
      });

      // Assess
      const transfers = melin.recipients.transfersOutsideEea;
      expect(transfers.statedInPolicy).toBe(false);
      expect(transfers.transfers).toEqual([]);
      expect(transfers.notStated).toEqual([
        { systemId: 'melin-convene-medical', systemName: 'Melin Convene medical' },
      ]);
      expect(transfers.statement).not.toContain(
        lang === 'nb' ? 'overføres ingen' : 'none of the information',
      );
      expect(transfers.notStatedStatement).toContain('Melin Convene medical');
      expect(transfers.notStatedStatement).toContain('kundeservice@sterkhelse.no');
    });

    it('(d) gives the retention rules for every category found in every system', () => {
      // Assess
      expect(info.retention.map((row) => `${row.systemId}/${row.categoryId}`)).toEqual([
        'pasientsky/health-record',
        'pasientsky/national-id',
        'pasientsky/name',
        'mailchimp/email',
        'mailchimp/name',
        'mailchimp/newsletter-subscription',
        'personvern/email',
        'personvern/message-content',
        'personvern/privacy-requests',
      ]);
      const journal = info.retention[0];
      expect(journal?.rules.map((rule) => rule.ruleId)).toEqual(['patient-record']);
      expect(journal?.rules[0]?.forbidsErasure).toBe(true);
      expect(journal?.rules[0]?.period).toBe(
        lang === 'nb'
          ? 'minst 10 år etter siste journalnotat'
          : 'at least 10 years after the last entry in your record',
      );
      expect(info.retention[3]?.rules[0]?.period).toBe(
        policy.retention.find((rule) => rule.id === 'newsletter')?.condition?.[lang],
      );
      expect(journal?.decision).toBeUndefined();
    });

    it('(e) lists rectification, erasure, restriction and both objections as the policy words them', () => {
      // Assess
      expect(info.rights.rights.map((right) => right.type)).toEqual([
        'rectification',
        'erasure',
        'restriction',
        'objection',
        'objection-general',
      ]);
      const general = info.rights.rights[4];
      expect(general?.gdprArticle).toBe('21(1)');
      expect(general?.title).toBe(
        policy.rights.find((right) => right.kind === 'request' && right.type === 'objection-general')?.title[
          lang
        ],
      );
      const erasure = policy.rights.find((right) => right.kind === 'request' && right.type === 'erasure');
      expect(info.rights.rights[1]?.title).toBe(erasure?.title[lang]);
      expect(info.rights.rights[1]?.gdprArticle).toBe('17');
      expect(info.rights.limitation).toBe(policy.rightsLimitation[lang]);
    });

    it('(f) gives the right to complain to the supervisory authority in the policy', () => {
      // Assess
      const complaint = policy.rights.find((right) => right.kind === 'complaint');
      expect(info.complaint).toEqual({
        authority: 'Datatilsynet',
        url: 'https://www.datatilsynet.no',
        gdprArticle: '77',
        title: complaint?.title[lang],
        description: complaint?.description[lang],
        contactUsFirst: policy.supervisoryAuthority.contactUsFirst[lang],
      });
    });

    it('(g) says where the data came from, system by system, and says so where the policy does not', () => {
      // Prepare
      const silent = sterkPolicy();
      const mailchimp = silent.systems.find((s) => s.id === 'mailchimp');
      if (mailchimp !== undefined) delete (mailchimp as { dataSource?: unknown }).dataSource;

      // Act
      const unstated = art15Information({
        policy: silent,
        request: accessRequest(lang),
        findings: patientFindings(),
      }).sources.find((s) => s.systemId === 'mailchimp');

      // Assess
      expect(info.sources).toEqual(
        ['pasientsky', 'mailchimp', 'personvern'].map((id) => ({
          systemId: id,
          systemName: system(policy, id).name,
          statedInPolicy: true,
          statement: system(policy, id).dataSource?.[lang],
        })),
      );
      expect(info.sources[0]?.statement).toBe(
        lang === 'nb'
          ? 'Fra deg selv, og fra helsepersonellet som behandler deg og skriver i journalen.'
          : 'From you, and from the health personnel who treat you and write in the record.',
      );
      expect(unstated).toMatchObject({ statedInPolicy: false, statement: EXPORT_TEXT[lang].sourceNotStated });
    });

    it('(h) states what the policy says about automated decisions', () => {
      // Assess
      expect(info.automatedDecisionMaking).toEqual({
        statedInPolicy: true,
        used: false,
        statement: policy.automatedDecisionMaking.description[lang],
      });
    });

    it('lists the systems that cannot be searched, with the reason and what the person can do', () => {
      // Assess
      expect(info.notLinkable.map((entry) => entry.systemId)).toEqual([
        'google-tag-manager',
        'google-analytics',
        'facebook-pixel',
      ]);
      const analytics = system(policy, 'google-analytics');
      if (analytics.handling.kind !== 'not-linkable') throw new Error('fixture changed');
      expect(info.notLinkable[1]).toEqual({
        systemId: 'google-analytics',
        systemName: 'Google Analytics',
        reason: analytics.handling.reason[lang],
        whatYouCanDo: analytics.handling.whatYouCanDo[lang],
      });
    });

    it('lists the systems searched without result', () => {
      // Assess
      expect(info.nothingFound).toEqual([
        { systemId: 'brp-systems', systemName: 'BRP Systems' },
        { systemId: 'melin-convene-medical', systemName: 'Melin Convene medical' },
      ]);
    });

    it('names the controller of the request', () => {
      // Assess
      expect(info.lang).toBe(lang);
      expect(info.controller).toEqual({
        controllerId: 'sterk-helse-og-trening',
        legalName: 'STERK Helse & Trening AS',
        orgNumber: '898 503 992',
        address: 'Peter Møllers vei 5B, 0585 Oslo',
        privacyContactEmail: 'kundeservice@sterkhelse.no',
      });
    });
  });

  describe('for a gym member', () => {
    it('lists no health recipients when the patient record was not found', () => {
      // Prepare
      const policy = sterkPolicy();

      // Act
      const info = art15Information({ policy, request: accessRequest('en'), findings: memberFindings() });

      // Assess
      expect(info.recipients.recipients).toEqual([]);
      expect(info.recipients.processors).toEqual([
        {
          systemId: 'brp-systems',
          systemName: 'BRP Systems',
          vendor: 'BRP Systems',
          dataProcessingAgreement: true,
        },
      ]);
      expect(info.purposes.map((purpose) => purpose.systemId)).toEqual(['brp-systems', 'personvern']);
      expect(info.nothingFound.map((entry) => entry.systemId)).toEqual([
        'pasientsky',
        'melin-convene-medical',
        'mailchimp',
      ]);
      expect(info.sources[0]?.statement).toBe('From you.');
    });
  });

  describe('with legal-hold decisions', () => {
    it('reports retain-until dates, erasable data and pairs nobody decided, without the hold reasons', () => {
      // Prepare
      const policy = sterkPolicy();
      const findings = patientFindings();
      const decisions = decideRetention({
        requestType: 'access',
        findings,
        policy,
        holds: [
          {
            id: 'hold-1',
            subjectHash: 'a'.repeat(64),
            categories: ['email'],
            reason: 'Internal: dispute over an invoice',
            expiresOn: '2027-01-31',
            placedBy: 'staff@sterk.no',
            placedAt: '2026-11-01T08:00:00Z',
          },
        ],
        today: '2026-11-25',
      }).filter((decision) => decision.categoryId !== 'privacy-requests');

      // Act
      const info = art15Information({ policy, request: accessRequest('en'), findings, retention: decisions });

      // Assess
      const row = (systemId: string, categoryId: string) =>
        info.retention.find((entry) => entry.systemId === systemId && entry.categoryId === categoryId)
          ?.decision;
      expect(row('pasientsky', 'health-record')).toEqual({
        action: 'retain',
        retainUntil: '2036-10-01',
        text: 'We must keep this until 1 October 2036 inclusive.',
      });
      expect(row('mailchimp', 'email')).toEqual({
        action: 'retain',
        retainUntil: '2027-01-31',
        text: 'We must keep this until 31 January 2027 inclusive.',
      });
      expect(row('mailchimp', 'newsletter-subscription')).toEqual({
        action: 'erase',
        text: EXPORT_TEXT.en.decision.erasable,
      });
      expect(row('personvern', 'privacy-requests')).toEqual({
        action: 'not-assessed',
        text: EXPORT_TEXT.en.decision.notAssessed,
      });
      expect(JSON.stringify(info)).not.toContain('dispute');
    });
  });

  describe('automated decision-making', () => {
    it('says the policy is silent rather than that none are made, when the policy has no statement', () => {
      // Prepare
      const policy = sterkPolicy() as Partial<PolicyDocument>;
      delete policy.automatedDecisionMaking;

      // Act
      const info = art15Information({
        policy: policy as PolicyDocument,
        request: accessRequest('nb'),
        findings: patientFindings(),
      });

      // Assess
      expect(info.automatedDecisionMaking).toEqual({
        statedInPolicy: false,
        used: null,
        statement: EXPORT_TEXT.nb.automatedNotStated,
      });
      expect(info.automatedDecisionMaking.statement).not.toContain('Vi tar ingen avgjørelser');
    });

    it('says plainly that automated decisions are made when the policy says so', () => {
      // Prepare
      const policy = sterkPolicy();
      const described = {
        used: true,
        description: {
          nb: 'Vi sier opp medlemskap automatisk ved manglende betaling.',
          en: 'We end unpaid memberships automatically.',
        },
      };

      // Act
      const info = art15Information({
        policy: { ...policy, automatedDecisionMaking: described },
        request: accessRequest('en'),
        findings: patientFindings(),
      });

      // Assess
      expect(info.automatedDecisionMaking.used).toBe(true);
      expect(info.automatedDecisionMaking.statement).toBe(
        `${EXPORT_TEXT.en.automatedUsed} We end unpaid memberships automatically.`,
      );
    });
  });

  describe('systems in scope', () => {
    it('covers only the portability systems for a portability request', () => {
      // Prepare
      const findings = [finding('brp-systems', 'staff-upload', ['name', 'email'])];

      // Act
      const info = art15Information({
        policy: sterkPolicy(),
        request: accessRequest('nb', { type: 'portability' }),
        findings,
      });

      // Assess
      expect(info.purposes.map((purpose) => purpose.systemId)).toEqual(['brp-systems']);
      expect(info.notLinkable).toEqual([]);
      expect(info.nothingFound).toEqual([]);
    });

    it('does not ask for findings from systems the controller does not use', () => {
      // Prepare: STERK Helse AS runs the clinic only, so BRP is not searched.
      const findings = patientFindings().filter((entry) => entry.systemId !== 'brp-systems');

      // Act
      const info = art15Information({
        policy: sterkPolicy(),
        request: accessRequest('nb', { controllerId: 'sterk-helse' }),
        findings,
      });

      // Assess
      expect(info.controller.legalName).toBe('STERK Helse AS');
      expect(info.nothingFound.map((entry) => entry.systemId)).toEqual(['melin-convene-medical']);
    });

    it('refuses to say nothing was found in a system nobody searched', () => {
      // Prepare
      const findings = patientFindings().filter((entry) => entry.systemId !== 'melin-convene-medical');

      // Act
      const build = () => art15Information({ policy: sterkPolicy(), request: accessRequest(), findings });

      // Assess
      expect(build).toThrow(/No finding for system "melin-convene-medical"/);
    });

    it.each([
      ['a system', finding('old-crm', 'connector', ['name']), /system "old-crm"/],
      ['a category', finding('mailchimp', 'connector', ['shoe-size']), /category "shoe-size"/],
    ])('refuses a finding naming %s the policy does not have', (_what, bad, message) => {
      // Act
      const build = () =>
        art15Information({
          policy: sterkPolicy(),
          request: accessRequest(),
          findings: [...patientFindings(), bad],
        });

      // Assess
      expect(build).toThrow(message);
    });

    it('refuses a controller the policy does not have', () => {
      // Act
      const build = () =>
        art15Information({
          policy: sterkPolicy(),
          request: accessRequest('nb', { controllerId: 'nobody' }),
          findings: patientFindings(),
        });

      // Assess
      expect(build).toThrow(/Controller "nobody"/);
    });
  });
});
