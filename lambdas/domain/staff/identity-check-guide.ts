/**
 * What staff need beside an open identity check: why the check is needed, in words, with the rule behind
 * it (the policy's age rules and the plan's reasons), and a short list of what to check. Where the policy
 * states the rule, its own text and legal reference are quoted; where the policy is silent (the special-
 * category check is the workflow's own rule, and the guardian rule names no law), the text says it is an
 * assumption for the privacy officer to confirm, so nobody mistakes our reading for STERK's policy.
 */
import type { Language } from '../policy/language';
import type { AgeRule, PolicyDocument } from '../policy/schema';
import type { RequestRecord } from '../requests/record';
import type { IdentityCheckReason } from '../workflow/plan';
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
  };
}

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
          ? `${requester} ber som forelder eller foresatt på vegne av ${child}${age(lang)}, som er under ${rule.belowAge} år. Kontroller at ${requester} har foreldreansvar for ${child}.`
          : `${requester} asks as a parent or guardian on behalf of ${child}${age(lang)}, who is under ${rule.belowAge}. Check that ${requester} has parental responsibility for ${child}.`,
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
  const types = (lang: Language) => rule.requestTypes.map((t) => REQUEST_TYPE_WORDS[t][lang]).join(', ');
  const years = (lang: Language) =>
    childAge !== undefined
      ? lang === 'nb'
        ? `${childAge} år`
        : `${childAge}`
      : `${rule.fromAge}–${rule.belowAge - 1}`;
  return {
    text: each((lang) =>
      lang === 'nb'
        ? `En forelder (${requester}) ber om ${types(lang)} for ${child}, som er ${years(lang)}. Fra ${rule.fromAge} år har ${child} selv denne retten til ${categoryNames(policy, rule.categories, lang).toLowerCase()}. Kontroller foreldreansvaret, og avklar med behandleren hva forelderen har krav på å se, og om ${child} selv må samtykke.`
        : `A parent (${requester}) asks for ${types(lang)} for ${child}, who is ${years(lang)}. From ${rule.fromAge}, ${child} holds this right to their ${categoryNames(policy, rule.categories, lang).toLowerCase()} themselves. Check parental responsibility, and agree with the practitioner what the parent is entitled to see and whether ${child}’s own consent is needed.`,
    ),
    source: each((lang) =>
      lang === 'nb'
        ? `Personvernerklæringen, regelen om ungdom fra ${rule.fromAge} år: ${quoted(lang)} (${rule.legalReference.citation.nb})`
        : `The privacy policy, the rule on young people from ${rule.fromAge}: ${quoted(lang)} (${rule.legalReference.citation.en})`,
    ),
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
  const checks: Words[] = [
    words(
      `Sammenlign navn, fødselsdato og e-postadresse med det dere har registrert om ${child ?? requester}.`,
      `Compare the name, birth date and email address with what you hold about ${child ?? requester}.`,
    ),
    words(
      'E-postadressen er bekreftet med koden vi sendte dit. Svar bare dit, ikke til en annen adresse som står i teksten.',
      'The email address was confirmed with the code we sent there. Answer only there, not to another address given in the text.',
    ),
  ];
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
        `Spør behandleren om ${child ?? ''} selv må samtykke, og om noe i journalen skal holdes tilbake fra forelderen.`,
        `Ask the practitioner whether ${child ?? ''} must consent, and whether anything in the record should be withheld from the parent.`,
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
