/**
 * The policy linter's rules: what a privacy notice must say under GDPR Art. 13 (the data is mostly collected
 * from the person) and the Norwegian rules around it, checked on a document the schema has already accepted.
 * The schema checks that the document is well formed and consistent; these rules check that it is lawful
 * and complete. Each rule is a pure function of the document.
 */

import { specialCategoryIds } from '../queries';
import {
  EEA_COUNTRIES,
  type LegalBasis,
  type LocalizedText,
  type PolicyDocument,
  type PolicySystem,
  type RequestType,
} from '../schema';
import type { LintFinding, LintRule } from './finding';

type Found = Omit<LintFinding, 'rule' | 'reference'>;

const error = (path: string, nb: string, en: string): Found => ({
  path,
  severity: 'error',
  message: { nb, en },
});
const warning = (path: string, nb: string, en: string): Found => ({
  path,
  severity: 'warning',
  message: { nb, en },
});

/** Every legal basis in the document with its path: each system's, and the website's. */
function bases(policy: PolicyDocument): { path: string; name: string; basis: LegalBasis }[] {
  return [
    ...policy.systems.map((system) => ({
      path: `systems.${system.id}.legalBasis`,
      name: system.id,
      basis: system.legalBasis,
    })),
    { path: 'website.legalBasis', name: 'website', basis: policy.website.legalBasis },
  ];
}

function offers(policy: PolicyDocument, type: RequestType): boolean {
  return policy.rights.some((right) => right.kind === 'request' && right.type === type);
}

const EEA = new Set<string>(EEA_COUNTRIES);

/**
 * Vendor groups established outside the EEA whose services send data there, whatever `vendorCountry` says:
 * a policy that names them without a transfer has forgotten one (GDPR Art. 44).
 */
const NON_EEA_VENDORS =
  /\b(google|alphabet|meta|facebook|instagram|mailchimp|intuit|microsoft|amazon|aws|apple|salesforce|hubspot|stripe|zoom|slack|dropbox|twilio|sendgrid|zendesk|hotjar|tiktok|linkedin)\b/i;

function outsideEea(system: PolicySystem): boolean {
  if (system.vendorCountry !== undefined && !EEA.has(system.vendorCountry)) return true;
  return NON_EEA_VENDORS.test(system.vendor) || NON_EEA_VENDORS.test(system.name);
}

const isOwn = (policy: PolicyDocument, system: PolicySystem) => system.vendor === policy.organisation.name;

export const RULES: readonly LintRule[] = [
  {
    id: 'controller-contact',
    reference: 'GDPR Art. 13(1)(a)',
    checks: 'the controllers can be reached about privacy: a contact channel for privacy questions',
    check: (policy) =>
      policy.contactChannels.some((channel) => channel.topics.includes('privacy'))
        ? []
        : [
            error(
              'contactChannels',
              'ingen kontaktkanal er merket for personvernspørsmål (topics: privacy); erklæringen må si hvordan den behandlingsansvarlige kan kontaktes',
              'no contact channel is marked for privacy questions (topics: privacy); the notice must say how to reach the controller',
            ),
          ],
  },
  {
    id: 'dpo-contact',
    reference: 'GDPR Art. 13(1)(b), 37(7)',
    checks:
      'the data protection officer’s contact is given when one is designated, and whether one is, is said',
    check: (policy) => {
      const dpo = policy.dataProtectionOfficer;
      if (dpo === undefined) {
        return [
          warning(
            'dataProtectionOfficer',
            'dokumentet sier ikke om et personvernombud er utpekt (artikkel 37 nr. 1)',
            'the document does not say whether a data protection officer is designated (Art. 37(1))',
          ),
        ];
      }
      if (dpo.designated && dpo.email === undefined && dpo.phone === undefined) {
        return [
          error(
            'dataProtectionOfficer',
            'personvernombudet er utpekt, men erklæringen gir ingen kontaktopplysninger',
            'a data protection officer is designated, but the notice gives no contact details',
          ),
        ];
      }
      return [];
    },
  },
  {
    id: 'legal-basis',
    reference: 'GDPR Art. 13(1)(c), 6(1), 6(3)',
    checks: 'each purpose has a legal basis, and a legal obligation or public task names the law it rests on',
    check: (policy) =>
      bases(policy).flatMap(({ path, name, basis }) =>
        basis.article6.some((letter) => letter === 'c' || letter === 'e') && basis.nationalLaw.length === 0
          ? [
              error(
                `${path}.nationalLaw`,
                `${name}: rettslig plikt eller offentlig oppgave uten lovhjemmel; artikkel 6 nr. 3 krever at grunnlaget er fastsatt i lov`,
                `${name}: legal obligation or public task without the law that lays it down; Art. 6(3) requires it`,
              ),
            ]
          : [],
      ),
  },
  {
    id: 'special-category-condition',
    reference: 'GDPR Art. 9(1)–(3), 13(1)(c)',
    checks: 'special categories rest on an Art. 9(2) condition, and conditions (b), (g)–(j) name their law',
    check: (policy) => {
      const special = specialCategoryIds(policy);
      return policy.systems.flatMap((system) => {
        const held = system.categories.filter((id) => special.has(id));
        if (held.length === 0) return [];
        const article9 = system.legalBasis.article9 ?? [];
        if (article9.length === 0) {
          return [
            error(
              `systems.${system.id}.legalBasis.article9`,
              `${system.id}: behandler særlige kategorier (${held.join(', ')}) uten et vilkår i artikkel 9 nr. 2`,
              `${system.id}: processes special categories (${held.join(', ')}) without an Art. 9(2) condition`,
            ),
          ];
        }
        const needsLaw = article9.filter((letter) => ['b', 'g', 'h', 'i', 'j'].includes(letter));
        return needsLaw.length > 0 && system.legalBasis.nationalLaw.length === 0
          ? [
              error(
                `systems.${system.id}.legalBasis.nationalLaw`,
                `${system.id}: artikkel 9 nr. 2 bokstav ${needsLaw.join(', ')} forutsetter en lov som hjemler behandlingen, og ingen er oppgitt`,
                `${system.id}: Art. 9(2)(${needsLaw.join('), (')}) needs Union or national law to rest on, and none is given`,
              ),
            ]
          : [];
      });
    },
  },
  {
    id: 'transfers-outside-eea',
    reference: 'GDPR Art. 13(1)(f), 44–46',
    checks:
      'a vendor outside the EEA has its transfer stated, with the mechanism and, for clauses, where to get a copy',
    check: (policy) =>
      policy.systems.flatMap((system) => {
        const path = `systems.${system.id}`;
        const found: Found[] = [];
        if (outsideEea(system) && system.transfers.length === 0) {
          found.push(
            error(
              `${path}.transfers`,
              `${system.id}: leverandøren ${system.vendor} er utenfor EØS, men ingen overføring er oppgitt`,
              `${system.id}: vendor ${system.vendor} is outside the EEA, but no transfer is stated`,
            ),
          );
        }
        if (system.vendorCountry === undefined && !isOwn(policy, system) && system.transfers.length === 0) {
          found.push(
            warning(
              `${path}.vendorCountry`,
              `${system.id}: det står ikke hvor ${system.vendor} er etablert, så overføringer kan ikke kontrolleres`,
              `${system.id}: where ${system.vendor} is established is not stated, so transfers cannot be checked`,
            ),
          );
        }
        system.transfers.forEach((transfer, index) => {
          if (EEA.has(transfer.country)) {
            found.push(
              warning(
                `${path}.transfers.${index}.country`,
                `${system.id}: ${transfer.country} er i EØS; det er ingen overføring til tredjeland`,
                `${system.id}: ${transfer.country} is in the EEA; that is no transfer to a third country`,
              ),
            );
          }
          const needsCopy =
            transfer.mechanism === 'standard-contractual-clauses' ||
            transfer.mechanism === 'binding-corporate-rules';
          if (needsCopy && transfer.safeguardsCopy === undefined) {
            found.push(
              error(
                `${path}.transfers.${index}.safeguardsCopy`,
                `${system.id}: erklæringen må si hvordan man får en kopi av garantiene (${transfer.mechanism})`,
                `${system.id}: the notice must say how to obtain a copy of the safeguards (${transfer.mechanism})`,
              ),
            );
          }
        });
        return found;
      }),
  },
  {
    id: 'retention-per-category',
    reference: 'GDPR Art. 13(2)(a), 5(1)(e)',
    checks: 'every category of personal data the notice collects has a retention period or criterion',
    check: (policy) => {
      const used = new Set([
        ...policy.systems.flatMap((system) => system.categories),
        ...policy.website.collects,
        ...policy.contactForm.categories,
      ]);
      return policy.categories.flatMap((category) => {
        if (category.anonymised || !used.has(category.id)) return [];
        const rules = policy.retention.filter((rule) => rule.categories.includes(category.id));
        const stated = rules.some((rule) => rule.duration !== null || rule.condition !== undefined);
        return stated
          ? []
          : [
              error(
                `categories.${category.id}`,
                `${category.id}: ingen lagringstid eller kriterium for hvor lenge opplysningene lagres`,
                `${category.id}: no retention period or criterion for how long it is kept`,
              ),
            ];
      });
    },
  },
  {
    id: 'rights-offered',
    reference: 'GDPR Art. 13(2)(b), 15–18, 20, 21',
    checks:
      'access, rectification, erasure and restriction are offered, the general objection and portability where they apply',
    check: (policy) => {
      const required: RequestType[] = ['access', 'rectification', 'erasure', 'restriction'];
      const uses = (letters: string[]) =>
        bases(policy).some(({ basis }) => basis.article6.some((letter) => letters.includes(letter)));
      // Art. 21(1) applies to public task and legitimate interest: the general objection, a request of its own
      // (the direct-marketing objection, Art. 21(2), is another right); Art. 20(1)(a) to consent and contract.
      if (uses(['e', 'f'])) required.push('objection-general');
      if (uses(['a', 'b'])) required.push('portability');
      return required
        .filter((type) => !offers(policy, type))
        .map((type) =>
          error(
            'rights',
            `retten «${type}» er ikke med blant rettighetene`,
            `the right "${type}" is not among the rights offered`,
          ),
        );
    },
  },
  {
    id: 'consent-withdrawal',
    reference: 'GDPR Art. 13(2)(c), 7(3)',
    checks: 'where processing rests on consent, the right to withdraw it is offered',
    check: (policy) => {
      const onConsent = bases(policy).filter(({ basis }) => basis.article6.includes('a'));
      return onConsent.length > 0 && !offers(policy, 'withdraw-consent')
        ? [
            error(
              'rights',
              `${onConsent.map(({ name }) => name).join(', ')} bygger på samtykke, men retten til å trekke samtykket tilbake er ikke med`,
              `${onConsent.map(({ name }) => name).join(', ')} rest on consent, but the right to withdraw it is not offered`,
            ),
          ]
        : [];
    },
  },
  {
    id: 'provision-requirement',
    reference: 'GDPR Art. 13(2)(e)',
    checks: 'each system says whether people must give the information and what happens if they do not',
    check: (policy) =>
      policy.systems.flatMap((system) =>
        system.provision === undefined
          ? [
              error(
                `systems.${system.id}.provision`,
                `${system.id}: sier ikke om opplysningene er lovpålagt, avtalt eller frivillige, og hva som skjer om man ikke gir dem`,
                `${system.id}: does not say whether giving the information is required by law or contract or voluntary, and what happens if it is not given`,
              ),
            ]
          : [],
      ),
  },
  {
    id: 'data-source',
    reference: 'GDPR Art. 13, 14(1)–(2), 15(1)(g)',
    checks:
      'each system says where its data comes from, so Art. 14 applies where it is not from the person (a warning)',
    check: (policy) =>
      policy.systems.flatMap((system) =>
        system.dataSource === undefined
          ? [
              warning(
                `systems.${system.id}.dataSource`,
                `${system.id}: sier ikke hvor opplysningene kommer fra; kommer de ikke fra personen selv, gjelder artikkel 14 (kilden og kategoriene skal oppgis)`,
                `${system.id}: does not say where the data comes from; where it is not from the person, Art. 14 applies (the source and the categories must be given)`,
              ),
            ]
          : [],
      ),
  },
  {
    id: 'tracker-consent',
    reference: 'ekomloven § 3-15; GDPR Art. 6(1)(a)',
    checks:
      'trackers and non-necessary cookies rest on consent, and so does what the website collects with them',
    check: (policy) => {
      const found: Found[] = [];
      const trackers = policy.systems.filter((system) => system.tracker);
      for (const system of trackers) {
        const letters = system.legalBasis.article6;
        if (letters.length === 1 && letters[0] === 'a') continue;
        const on = letters.includes('f') ? 'berettiget interesse' : 'et annet grunnlag enn samtykke';
        const onEn = letters.includes('f') ? 'legitimate interest' : 'a basis other than consent';
        found.push(
          error(
            `systems.${system.id}.legalBasis`,
            `${system.id}: sporing bygget på ${on}; ekomloven § 3-15 krever samtykke`,
            `${system.id}: tracker on ${onEn}; ekomloven § 3-15 requires consent`,
          ),
        );
      }
      for (const system of policy.systems) {
        if (!system.tracker && system.section === 'website' && system.categories.includes('cookies')) {
          found.push(
            warning(
              `systems.${system.id}.tracker`,
              `${system.id}: setter informasjonskapsler, men er ikke merket som sporing; er de strengt nødvendige?`,
              `${system.id}: sets cookies but is not marked as a tracker; are they strictly necessary?`,
            ),
          );
        }
      }
      const trackedCategories = new Set(trackers.flatMap((system) => system.categories));
      const website = policy.website;
      if (
        website.collects.some((id) => trackedCategories.has(id)) &&
        !website.legalBasis.article6.includes('a')
      ) {
        found.push(
          error(
            'website.legalBasis',
            'nettsidene samler inn opplysninger med sporingsverktøy uten samtykke som grunnlag; ekomloven § 3-15 krever samtykke',
            'the website collects information through trackers without consent as its basis; ekomloven § 3-15 requires consent',
          ),
        );
      }
      return found;
    },
  },
  {
    id: 'objection-legitimate-interest',
    reference: 'GDPR Art. 21(1), 21(4), 13(2)(b)',
    checks: 'where legitimate interest is a basis, the general right to object (Art. 21(1)) is offered',
    check: (policy) => {
      const onInterest = bases(policy).filter(({ basis }) => basis.article6.includes('f'));
      const offered = policy.rights.some(
        (right) =>
          (right.kind === 'request' && right.type === 'objection-general') ||
          /^21(\(1\))?$/.test(right.gdprArticle),
      );
      return onInterest.length > 0 && !offered
        ? [
            error(
              'rights',
              `${onInterest.map(({ name }) => name).join(', ')} bygger på berettiget interesse, men den generelle retten til å protestere (artikkel 21 nr. 1) er ikke med`,
              `${onInterest.map(({ name }) => name).join(', ')} rest on legitimate interest, but the general right to object (Art. 21(1)) is not offered`,
            ),
          ]
        : [];
    },
  },
  {
    id: 'remedies',
    reference: 'GDPR Art. 13(2)(d), 77, 79',
    checks: 'the complaint to the supervisory authority and the right to go to court are both stated',
    check: (policy) => {
      const found: Found[] = [];
      if (!policy.rights.some((right) => right.kind === 'complaint')) {
        found.push(
          error(
            'rights',
            'klageretten til tilsynsmyndigheten mangler',
            'the complaint to the supervisory authority is missing',
          ),
        );
      }
      if (policy.courtRemedy === undefined) {
        found.push(
          error(
            'courtRemedy',
            'retten til å bringe saken inn for domstolene (artikkel 79) er ikke nevnt',
            'the right to go to court (Art. 79) is not stated',
          ),
        );
      }
      return found;
    },
  },
  {
    id: 'joint-controller',
    reference: 'GDPR Art. 26(1)–(3); CJEU C-40/17 Fashion ID',
    checks:
      'a joint controller comes with the essence of the arrangement; a social-media pixel is no processor',
    check: (policy) =>
      policy.systems.flatMap((system) => {
        const path = `systems.${system.id}`;
        if (system.role === 'joint-controller' && system.jointControl === undefined) {
          return [
            error(
              `${path}.jointControl`,
              `${system.id}: felles behandlingsansvar uten hovedinnholdet i ordningen, som artikkel 26 nr. 2 krever gjort tilgjengelig`,
              `${system.id}: joint controller without the essence of the arrangement, which Art. 26(2) requires to be made available`,
            ),
          ];
        }
        if (system.role !== 'joint-controller' && system.jointControl !== undefined) {
          return [
            warning(
              `${path}.jointControl`,
              `${system.id}: har en ordning for felles behandlingsansvar, men rollen er ${system.role}`,
              `${system.id}: has a joint-control arrangement, but its role is ${system.role}`,
            ),
          ];
        }
        if (
          system.role === 'processor' &&
          system.tracker &&
          /\b(meta|facebook|linkedin|tiktok)\b/i.test(system.vendor)
        ) {
          return [
            error(
              `${path}.role`,
              `${system.id}: ${system.vendor} er ikke databehandler for det pikselen samler inn, men felles behandlingsansvarlig med oss (C-40/17 Fashion ID)`,
              `${system.id}: ${system.vendor} is no processor for what its pixel collects, but a joint controller with us (C-40/17 Fashion ID)`,
            ),
          ];
        }
        return [];
      }),
  },
  {
    id: 'processor-agreement',
    reference: 'GDPR Art. 28(3)',
    checks:
      'a processor has a data processing agreement (a warning: the notice need not say so, but it must exist)',
    check: (policy) =>
      policy.systems.flatMap((system) =>
        system.role === 'processor' && !system.dataProcessingAgreement
          ? [
              warning(
                `systems.${system.id}.dataProcessingAgreement`,
                `${system.id}: databehandler uten oppgitt databehandleravtale; kontroller at avtalen finnes`,
                `${system.id}: processor without a stated data processing agreement; check that one exists`,
              ),
            ]
          : [],
      ),
  },
  {
    id: 'minors-health-rights',
    reference: 'pasient- og brukerrettighetsloven §§ 3-4, 4-3, 5-1',
    checks:
      "where guardians may ask for a child and health data is held: a guardian's consent rule does not reach health care, 16–17-year-olds hold their own rights, 12–15-year-olds are heard",
    check: (policy) => minorsHealthRights(policy),
  },
  {
    id: 'identity-level',
    reference: 'GDPR Art. 12(6), 32(1)',
    checks:
      'a system with special-category data releases it on an eID at level substantial (a warning: the privacy officer confirms the risk)',
    check: (policy) => {
      const special = specialCategoryIds(policy);
      return policy.systems.flatMap((system) =>
        system.identityLevel === 'substantial' && system.categories.some((c) => special.has(c))
          ? [
              warning(
                `systems.${system.id}.identityLevel`,
                `${system.id}: særlige kategorier utleveres etter innlogging på nivå betydelig; bekreft at risikoen tillater det (ellers nivå høyt)`,
                `${system.id}: special categories are released after a sign-in at level substantial; confirm the risk allows it (otherwise level high)`,
              ),
            ]
          : [],
      );
    },
  },
  {
    id: 'assumptions-to-confirm',
    reference: 'GDPR Art. 5(2), 12(1); issue 18 item 9',
    checks: 'every fact the organisation has not confirmed is listed until it is',
    check: (policy) =>
      policy.assumptions.map((assumption) => ({
        path: assumption.paths[0] ?? 'assumptions',
        severity: 'warning' as const,
        message: toConfirm(assumption.id, assumption.paths, assumption.note),
      })),
  },
];

function toConfirm(id: string, paths: readonly string[], note: LocalizedText): LocalizedText {
  const also = paths.length > 1 ? ` (${paths.slice(1).join(', ')})` : '';
  return {
    nb: `å bekrefte «${id}»${also}: ${note.nb}`,
    en: `to confirm "${id}"${also}: ${note.en}`,
  };
}

/**
 * The patients' rights act gives children a say over their health data that a guardian's general
 * authority does not override: from 16 they consent to health care (§ 4-3) and hold the right to their
 * journal (§ 5-1 with § 3-4); from 12 information is withheld from parents when the child has reasons that
 * should be respected (§ 3-4 second paragraph). Special categories stand for the health data here.
 */
function minorsHealthRights(policy: PolicyDocument): Found[] {
  const health = [...specialCategoryIds(policy)];
  const guardian = policy.ageRules.find((rule) => rule.kind === 'guardian-consent');
  if (health.length === 0 || guardian === undefined) return [];
  const found: Found[] = [];
  const index = policy.ageRules.indexOf(guardian);
  if (guardian.belowAge > 16 && (guardian.categories ?? health).some((c) => health.includes(c)))
    found.push(
      error(
        `ageRules.${guardian.id}.categories`,
        `${guardian.id}: samtykke fra foreldrene under ${guardian.belowAge} år kan ikke gjelde helsehjelp, der pasienten samtykker selv fra 16 år (pasient- og brukerrettighetsloven § 4-3); avgrens regelen med categories til det den gjelder`,
        `${guardian.id}: parental consent under ${guardian.belowAge} cannot cover health care, where patients consent themselves from 16 (Patients' Rights Act § 4-3); limit the rule with categories to what it is about`,
      ),
    );
  const covers = (kind: 'own-rights' | 'child-view', from: number, below: number) =>
    policy.ageRules.some(
      (rule) =>
        rule.kind === kind &&
        rule.fromAge <= from &&
        rule.belowAge >= below &&
        health.every((c) => rule.categories.includes(c)) &&
        rule.requestTypes === undefined,
    );
  if (guardian.belowAge > 16 && !covers('own-rights', 16, Math.min(18, guardian.belowAge)))
    found.push(
      error(
        `ageRules[${index}]`,
        '16- og 17-åringer har selv rettighetene til helseopplysningene sine (§§ 3-4 og 5-1), men ingen own-rights-regel fra 16 år dekker dem for alle typer forespørsler',
        '16- and 17-year-olds hold the rights to their health data themselves (§§ 3-4 and 5-1), but no own-rights rule from 16 covers it for every request type',
      ),
    );
  if (guardian.belowAge > 12 && !covers('child-view', 12, Math.min(16, guardian.belowAge)))
    found.push(
      error(
        `ageRules[${index}]`,
        'Barn mellom 12 og 16 år skal høres før foreldrene får helseopplysningene deres (§ 3-4 andre ledd), men ingen child-view-regel dekker dem',
        'Children between 12 and 16 are to be heard before their parents get their health data (§ 3-4 second paragraph), but no child-view rule covers them',
      ),
    );
  return found;
}
