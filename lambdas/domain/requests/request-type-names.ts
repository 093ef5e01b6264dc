/**
 * What each request type is called, in bokmål and English: the one wording the staff console, the emails
 * and the staff's sentences derive theirs from (issue 18: one wording for each request type everywhere).
 * The request pages name a type by the policy's own title of the right ("Rett til innsyn").
 *
 * Pure data with type-only imports: the staff console bundles this module as it is
 * (test/console/console-imports.test.ts), so it must stay free of code and of anything Node.js.
 */
import type { Language } from '../policy/language';
import type { RequestType } from './request-types';

export interface RequestTypeName {
  /** On its own, as a label, a column value or a filter option: "Innsyn", "Data portability". */
  readonly name: string;
  /** Inside a sentence ("a request for …", "… er bestilt"): "innsyn", "data portability". */
  readonly inSentence: string;
  /** To the requester, saying in plain words what they asked for: "Innsyn i opplysningene vi har om deg". */
  readonly forRequester: string;
}

/** In the order of REQUEST_TYPES, which the console's type filter lists them in. */
export const REQUEST_TYPE_NAMES: Readonly<Record<RequestType, Readonly<Record<Language, RequestTypeName>>>> =
  {
    access: {
      nb: { name: 'Innsyn', inSentence: 'innsyn', forRequester: 'Innsyn i opplysningene vi har om deg' },
      en: {
        name: 'Access',
        inSentence: 'access',
        forRequester: 'Access to the information we hold about you',
      },
    },
    rectification: {
      nb: { name: 'Retting', inSentence: 'retting', forRequester: 'Retting av opplysninger om deg' },
      en: {
        name: 'Rectification',
        inSentence: 'rectification',
        forRequester: 'Correction of information about you',
      },
    },
    erasure: {
      nb: { name: 'Sletting', inSentence: 'sletting', forRequester: 'Sletting av opplysninger om deg' },
      en: { name: 'Erasure', inSentence: 'erasure', forRequester: 'Erasure of information about you' },
    },
    restriction: {
      nb: {
        name: 'Begrensning',
        inSentence: 'begrensning',
        forRequester: 'Begrensning av hvordan vi bruker opplysningene',
      },
      en: {
        name: 'Restriction',
        inSentence: 'restriction',
        forRequester: 'Restriction of how we use your information',
      },
    },
    portability: {
      nb: {
        name: 'Dataportabilitet',
        inSentence: 'dataportabilitet',
        forRequester: 'En kopi av opplysningene som du kan ta med deg videre',
      },
      en: {
        name: 'Data portability',
        inSentence: 'data portability',
        forRequester: 'A copy of your information to take elsewhere',
      },
    },
    objection: {
      nb: {
        name: 'Protest mot direkte markedsføring',
        inSentence: 'protest mot direkte markedsføring',
        forRequester: 'Protest mot direkte markedsføring',
      },
      en: {
        name: 'Objection to direct marketing',
        inSentence: 'objection to direct marketing',
        forRequester: 'Objection to direct marketing',
      },
    },
    // The label is short for tables and filters; a sentence says what the objection is to.
    'objection-general': {
      nb: {
        name: 'Protest (berettiget interesse)',
        inSentence: 'protest mot bruk som bygger på berettiget interesse',
        forRequester: 'Protest mot bruk som bygger på berettiget interesse',
      },
      en: {
        name: 'Objection (legitimate interest)',
        inSentence: 'objection to use based on legitimate interest',
        forRequester: 'Objection to use based on legitimate interest',
      },
    },
    'withdraw-consent': {
      nb: {
        name: 'Tilbaketrekking av samtykke',
        inSentence: 'tilbaketrekking av samtykke',
        forRequester: 'Tilbaketrekking av samtykke',
      },
      en: {
        name: 'Withdrawal of consent',
        inSentence: 'withdrawal of consent',
        forRequester: 'Withdrawal of consent',
      },
    },
  };

/** One form of every type's name in one language, keyed by type: e.g. the console's `typeNames`. */
export function requestTypeNames(
  lang: Language,
  form: keyof RequestTypeName,
): Readonly<Record<RequestType, string>> {
  const entries = Object.entries(REQUEST_TYPE_NAMES).map(([type, names]) => [type, names[lang][form]]);
  // The table's own keys: every request type, in its order.
  return Object.fromEntries(entries) as Record<RequestType, string>;
}
