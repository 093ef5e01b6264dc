/**
 * What staff need beside an open identity check: why the check is needed, in words, with the rule behind
 * it (the policy's age rules and the plan's reasons), and a short list of what to check. Where the policy
 * states the rule, its own text and legal reference are quoted; where the policy is silent (the special-
 * category check is the workflow's own rule, and the guardian rule names no law), the text says it is an
 * assumption for the privacy officer to confirm, so nobody mistakes our reading for STERK's policy.
 */
import type { Language } from '../policy/language';
import type { AgeRule, MinorsSayRule, PolicyDocument } from '../policy/schema';
import type { RequestRecord } from '../requests/record';
import { minorsRules, systemsUnderRule } from '../workflow/minors';
import type { IdentityCheckReason } from '../workflow/plan';
import type { TaskQuestion } from './task-question';
import { ageOn, categoryNames, each, REQUEST_TYPE_WORDS, systemName, type Words, words } from './words';

export interface GuideReason {
  /** The situation and what it asks of staff. */
  readonly text: Words;
  /** Where the rule comes from: the policy's own words and reference, when it has them. */
  readonly source?: Words;
  /** Our reading where the policy says nothing: to be confirmed by the privacy officer. */
  readonly assumption?: Words;
}

export interface IdentityCheckGuide {
  readonly reasons: readonly GuideReason[];
  /** What to check, in the order to check it. */
  readonly checks: readonly Words[];
  /** The checklist is our suggestion: the policy does not describe the check. */
  readonly checksAssumption: Words;
  /** The child's age today, when a guardian asks for a child. */
  readonly childAge?: number;
  /** What the approval must record about the child's own say (workflow/minors.ts), when a rule asks. */
  readonly childsSay?: TaskQuestion;
}

/** `today` is the Oslo date (`YYYY-MM-DD`) the page is shown on. */
export function identityCheckGuide(
  reasons: readonly IdentityCheckReason[],
  request: RequestRecord,
  policy: PolicyDocument,
  today: string,
): IdentityCheckGuide {
  const child = request.onBehalfOf;
  const childAge = child === undefined ? undefined : ageOn(child.birthDate, today);
  const said = reasons.map((reason) =>
    reason.kind === 'special-category'
      ? specialCategory(reason, policy)
      : ageRuleReason(
          policy.ageRules.find((rule) => rule.id === reason.ruleId),
          request,
          childAge,
          policy,
        ),
  );
  return {
    reasons: said,
    checks: checklist(reasons, request, policy),
    checksAssumption: words(
      'Forslag til rutine: personvernerklæringen beskriver ikke hvordan identiteten kontrolleres. Bekreft rutinen med den personvernansvarlige.',
      'A suggested routine: the privacy policy does not say how identity is checked. Confirm it with the privacy officer.',
    ),
    ...(childAge === undefined ? {} : { childAge }),
    ...withQuestion(childsSayQuestion(minorsRules(policy, reasons), request, policy)),
  };
}

const withQuestion = (childsSay: TaskQuestion | undefined) => (childsSay === undefined ? {} : { childsSay });

function specialCategory(
  reason: Extract<IdentityCheckReason, { kind: 'special-category' }>,
  policy: PolicyDocument,
): GuideReason {
  const systems = reason.systems.map((id) => systemName(policy, id)).join(', ');
  return {
    text: each((lang) =>
      lang === 'nb'
        ? `Svaret vil inneholde særlige kategorier (${categoryNames(policy, reason.categories, 'nb')}) fra ${systems}. Sendes det til feil person, røper det helseopplysninger, så en ansatt bekrefter at det er den registrerte som spør.`
        : `The answer will contain special categories (${categoryNames(policy, reason.categories, 'en')}) from ${systems}. Sent to the wrong person it would reveal health information, so a member of staff confirms that the data subject is the one asking.`,
    ),
    source: words(
      'Personvernerklæringen merker disse kategoriene som særlige (personvernforordningen artikkel 9).',
      'The privacy policy marks these categories as special (GDPR Article 9).',
    ),
    assumption: words(
      'Antakelse å bekrefte: at en ansatt alltid kontrollerer identiteten før særlige kategorier sendes ut, er arbeidsflytens regel, ikke en regel i personvernerklæringen. Personvernforordningen artikkel 12 nr. 6 lar oss be om mer for å bekrefte identiteten ved rimelig tvil.',
      'Assumption to confirm: that staff always check identity before special categories are sent is the workflow’s rule, not one stated in the privacy policy. GDPR Article 12(6) lets us ask for more to confirm identity when there is reasonable doubt.',
    ),
  };
}

function ageRuleReason(
  rule: AgeRule | undefined,
  request: RequestRecord,
  childAge: number | undefined,
  policy: PolicyDocument,
): GuideReason {
  const requester = request.requester.name;
  const child = request.onBehalfOf?.name ?? '';
  const age = (lang: Language) =>
    childAge === undefined ? '' : lang === 'nb' ? ` (${childAge} år)` : ` (aged ${childAge})`;
  if (rule === undefined)
    return {
      text: words(
        `${requester} ber på vegne av ${child}: en aldersregel som ikke lenger står i personvernerklæringen, krever kontroll.`,
        `${requester} asks on behalf of ${child}: an age rule no longer in the privacy policy requires a check.`,
      ),
    };
  const quoted = (lang: Language) =>
    lang === 'nb' ? `«${rule.description.nb}»` : `“${rule.description.en}”`;
  if (rule.kind === 'guardian-consent') {
    return {
      text: each((lang) =>
        lang === 'nb'
          ? `${requester} ber på vegne av ${child}${age(lang)}, som er under ${rule.belowAge} år, og sier å ha foreldreansvar for barnet. Kontroller at ${requester} har foreldreansvar for ${child}.`
          : `${requester} asks on behalf of ${child}${age(lang)}, who is under ${rule.belowAge}, as a person with parental responsibility. Check that ${requester} has parental responsibility for ${child}.`,
      ),
      source: each((lang) =>
        lang === 'nb'
          ? `Personvernerklæringen, regelen om barn under ${rule.belowAge} år: ${quoted(lang)}${rule.legalReference === undefined ? '' : ` (${rule.legalReference.citation.nb})`}`
          : `The privacy policy, the rule on children under ${rule.belowAge}: ${quoted(lang)}${rule.legalReference === undefined ? '' : ` (${rule.legalReference.citation.en})`}`,
      ),
      ...(rule.legalReference === undefined
        ? {
            assumption: words(
              'Antakelse å bekrefte: personvernerklæringen oppgir ingen lovhjemmel for denne regelen. Vi forstår det slik at foreldreansvar følger av barneloven, og at det kan dokumenteres med fødselsattest eller utskrift fra Folkeregisteret.',
              'Assumption to confirm: the privacy policy names no legal basis for this rule. We read parental responsibility as following from the Children Act (barneloven), documented by a birth certificate or an extract from the National Population Register.',
            ),
          }
        : {}),
    };
  }
  const years = (lang: Language) =>
    childAge !== undefined
      ? lang === 'nb'
        ? `${childAge} år`
        : `${childAge}`
      : `${rule.fromAge}–${rule.belowAge - 1}`;
  const type = (lang: Language) => REQUEST_TYPE_WORDS[request.type][lang];
  const data = (lang: Language) => categoryNames(policy, rule.categories, lang).toLowerCase();
  const systems = withheldSystemNames(policy, request, rule);
  const source = each((lang) =>
    lang === 'nb'
      ? `Personvernerklæringen, regelen om barn og unge fra ${rule.fromAge} til ${rule.belowAge} år: ${quoted(lang)} (${rule.legalReference.citation.nb})`
      : `The privacy policy, the rule on children and young people from ${rule.fromAge} to ${rule.belowAge}: ${quoted(lang)} (${rule.legalReference.citation.en})`,
  );
  if (rule.kind === 'own-rights')
    return {
      text: each((lang) =>
        lang === 'nb'
          ? `Den som har foreldreansvar (${requester}), ber om ${type(lang)} for ${child}, som er ${years(lang)}. Fra ${rule.fromAge} år har ${child} selv rettighetene til ${data(lang)}: ${requester} får dem bare hvis ${child} samtykker. Uten registrert samtykke holdes ${systems} tilbake fra svaret.`
          : `A person with parental responsibility (${requester}) asks for ${type(lang)} for ${child}, who is ${years(lang)}. From ${rule.fromAge}, ${child} holds the rights to their ${data(lang)} themselves: ${requester} gets it only if ${child} consents. Without a recorded consent, ${systems} is withheld from the answer.`,
      ),
      source,
    };
  return {
    text: each((lang) =>
      lang === 'nb'
        ? `Den som har foreldreansvar (${requester}), ber om ${type(lang)} for ${child}, som er ${years(lang)}. Spør ${child}, gjerne gjennom behandleren, hva hen mener. Har ${child} grunner som bør respekteres for at ${requester} ikke skal få ${data(lang)}, holdes ${systems} tilbake. Det ${requester} trenger for å ivareta foreldreansvaret, gis likevel.`
        : `A person with parental responsibility (${requester}) asks for ${type(lang)} for ${child}, who is ${years(lang)}. Ask ${child}, through the practitioner if possible, what they think. If ${child} has reasons that should be respected for ${requester} not to get their ${data(lang)}, ${systems} is withheld. What ${requester} needs to exercise parental responsibility is given all the same.`,
    ),
    source,
  };
}

/** The planned systems holding what the rule covers, by name: what would be withheld. */
function withheldSystemNames(policy: PolicyDocument, request: RequestRecord, rule: MinorsSayRule): string {
  const planned = request.plan?.systems.map((s) => s.systemId) ?? [];
  return systemsUnderRule(policy, planned, rule)
    .map((s) => s.name)
    .join(', ');
}

/** The question the approval must answer, when an age rule gives the child a say. */
function childsSayQuestion(
  rules: readonly MinorsSayRule[],
  request: RequestRecord,
  policy: PolicyDocument,
): TaskQuestion | undefined {
  const child = request.onBehalfOf?.name ?? '';
  const requester = request.requester.name;
  const childView = rules.find((rule) => rule.kind === 'child-view');
  if (childView !== undefined) {
    const data = (lang: Language) => categoryNames(policy, childView.categories, lang).toLowerCase();
    return {
      field: 'childView',
      legend: each((lang) =>
        lang === 'nb'
          ? `Hva mener ${child}? (må svares for å godkjenne)`
          : `What does ${child} think? (required to approve)`,
      ),
      choices: [
        {
          value: 'no-objection',
          label: each((lang) =>
            lang === 'nb'
              ? `${child} har ingen innvendinger mot at ${requester} får ${data(lang)}`
              : `${child} does not object to ${requester} getting their ${data(lang)}`,
          ),
        },
        {
          value: 'objects',
          label: each((lang) =>
            lang === 'nb'
              ? `${child} har grunner som bør respekteres for at ${requester} ikke skal få ${data(lang)} (holdes tilbake)`
              : `${child} has reasons that should be respected for ${requester} not to get their ${data(lang)} (withheld)`,
          ),
        },
      ],
    };
  }
  const ownRights = rules.find((rule) => rule.kind === 'own-rights');
  if (ownRights === undefined) return undefined;
  const data = (lang: Language) => categoryNames(policy, ownRights.categories, lang).toLowerCase();
  return {
    field: 'youngPersonConsent',
    legend: each((lang) => (lang === 'nb' ? `Samtykke fra ${child}` : `${child}’s consent`)),
    choices: [
      {
        value: 'withheld',
        label: each((lang) =>
          lang === 'nb'
            ? `Ikke samtykket: ${data(lang)} holdes tilbake (standard)`
            : `No consent: their ${data(lang)} is withheld (the default)`,
        ),
      },
      {
        value: 'consent',
        label: each((lang) =>
          lang === 'nb'
            ? `${child} har samtykket til at ${requester} får ${data(lang)}`
            : `${child} has consented to ${requester} getting their ${data(lang)}`,
        ),
      },
    ],
  };
}

function checklist(
  reasons: readonly IdentityCheckReason[],
  request: RequestRecord,
  policy: PolicyDocument,
): Words[] {
  const requester = request.requester.name;
  const child = request.onBehalfOf?.name;
  const rules = reasons.flatMap((r) =>
    r.kind === 'age-rule' ? (policy.ageRules.find((rule) => rule.id === r.ruleId) ?? []) : [],
  );
  const signIn = request.eidSignIn;
  const proven = signIn !== undefined && signIn.birthDate !== 'differs';
  const checks: Words[] = [
    proven
      ? each((lang) =>
          lang === 'nb'
            ? `Identiteten til ${requester} er bekreftet med ID-porten (${signIn.level === 'high' ? 'høyt' : 'betydelig'} nivå): det trengs ingen legitimasjon.${child === undefined ? '' : ` Det som gjenstår, er å bekrefte forholdet til ${child}.`}`
            : `${requester}'s identity was verified with ID-porten (level ${signIn.level}): no ID document is needed.${child === undefined ? '' : ` What is left is to confirm the relationship to ${child}.`}`,
        )
      : words(
          `Sammenlign navn, fødselsdato og e-postadresse med det dere har registrert om ${child ?? requester}.`,
          `Compare the name, birth date and email address with what you hold about ${child ?? requester}.`,
        ),
    words(
      'E-postadressen er bekreftet med koden vi sendte dit. Svar bare dit, ikke til en annen adresse som står i teksten.',
      'The email address was confirmed with the code we sent there. Answer only there, not to another address given in the text.',
    ),
  ];
  if (signIn?.birthDate === 'differs')
    checks.push(
      words(
        `Fødselsdatoen ${requester} skrev, stemmer ikke med fødselsnummeret ID-porten ga oss. Avklar hvorfor før dere svarer.`,
        `The birth date ${requester} typed does not match the national identity number ID-porten gave us. Find out why before answering.`,
      ),
    );
  if (child !== undefined)
    checks.push(
      words(
        `Be om dokumentasjon på at ${requester} har foreldreansvar for ${child}, for eksempel fødselsattest eller utskrift fra Folkeregisteret.`,
        `Ask for proof that ${requester} has parental responsibility for ${child}, such as a birth certificate or an extract from the National Population Register.`,
      ),
    );
  if (rules.some((rule) => rule.kind === 'own-rights'))
    checks.push(
      words(
        `Spør ${child ?? ''} (gjennom behandleren) om samtykke til at ${requester} får journalopplysningene, og registrer svaret. Uten samtykke holdes de tilbake.`,
        `Ask ${child ?? ''} (through the practitioner) whether they consent to ${requester} getting the record, and record the answer. Without consent, it is withheld.`,
      ),
    );
  if (rules.some((rule) => rule.kind === 'child-view'))
    checks.push(
      words(
        `Spør ${child ?? ''} (gjennom behandleren) hva hen mener om at ${requester} får journalopplysningene, og registrer svaret.`,
        `Ask ${child ?? ''} (through the practitioner) what they think about ${requester} getting the record, and record the answer.`,
      ),
    );
  if (reasons.some((r) => r.kind === 'special-category'))
    checks.push(
      words(
        'Ved tvil: ring personen på et telefonnummer dere hadde fra før, ikke et nummer fra forespørselen.',
        'If in doubt, call the person on a number you already had, not one given in the request.',
      ),
    );
  checks.push(
    words(
      'Be ikke om mer enn det som trengs for å bekrefte identiteten. Mangler noe, velg «Be om mer informasjon».',
      'Ask for no more than you need to confirm identity. If something is missing, choose “Ask for more information”.',
    ),
  );
  return checks;
}
