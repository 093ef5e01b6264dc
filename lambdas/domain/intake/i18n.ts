/**
 * What the submission schemas say when a field needs another look, in both languages. The forms show
 * these messages next to the fields, so each one speaks to the person filling in the form: it says what
 * to do, not what the parser saw. Both tables have the type `IntakeText`, so neither can lack a message.
 */
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../policy/language';

export interface IntakeText {
  /** The summary `message` of a validation error. */
  readonly summary: string;
  readonly unknownFields: (keys: readonly string[]) => string;
  /**
   * For an issue no rule words itself (a controller sent as a number, a honeypot that is too long).
   * Null keeps zod's own English message.
   */
  readonly otherwise: string | null;
  readonly name: { readonly required: string; readonly tooLong: string; readonly noLinks: string };
  readonly email: { readonly required: string; readonly tooLong: string; readonly invalid: string };
  readonly phone: { readonly notText: string; readonly invalid: string };
  readonly lang: { readonly invalid: string };
  readonly birthDate: { readonly format: string; readonly inFuture: string };
  readonly verification: { readonly unknown: string; readonly notOffered: string };
  readonly message: { readonly required: string; readonly tooLong: string };
  readonly controller: { readonly unknown: (ids: readonly string[]) => string };
  readonly type: { readonly required: string; readonly unknown: (types: readonly string[]) => string };
  readonly details: { readonly tooLong: string; readonly requiredForRectification: string };
  readonly child: {
    readonly missing: string;
    readonly nameRequired: string;
    readonly nameTooLong: string;
    readonly guardianOnly: string;
    /** The policy's guardian age: from it on, people ask for themselves. */
    readonly tooOld: (age: number) => string;
  };
  /**
   * A website's hidden `returnUrl` that we will not redirect to. Meant for the website's developer, who
   * sees it on the first test post; the person filling in the form never chose it.
   */
  readonly returnUrl: { readonly invalid: string; readonly notAllowed: (origin: string) => string };
}

const nb: IntakeText = {
  summary: 'Se over noen av feltene en gang til',
  unknownFields: (keys) => `Ukjente felt: ${keys.join(', ')}`,
  otherwise: 'Sjekk det du har fylt inn her',
  name: {
    required: 'Skriv inn navnet ditt',
    tooLong: 'Navnet kan ha høyst 200 tegn',
    noLinks: 'Skriv bare navnet – uten nettadresser eller e-postadresser',
  },
  email: {
    required: 'Skriv inn e-postadressen din',
    tooLong: 'E-postadressen er for lang',
    invalid: 'Skriv inn en gyldig e-postadresse, for eksempel ola@example.no',
  },
  phone: {
    notText: 'Skriv inn et telefonnummer, eller la feltet stå tomt',
    invalid: 'Skriv inn et norsk nummer med 8 siffer, eller et utenlandsk nummer som starter med +',
  },
  lang: { invalid: 'Velg nb eller en' },
  birthDate: {
    format: 'Skriv inn fødselsdatoen som ÅÅÅÅ-MM-DD',
    inFuture: 'Fødselsdatoen kan ikke være fram i tid',
  },
  verification: {
    unknown: 'Velg email (kode på e-post) eller eid (ID-porten)',
    notOffered: 'Bekreftelse med ID-porten tilbys ikke her ennå; velg kode på e-post',
  },
  message: { required: 'Skriv meldingen din', tooLong: 'Meldingen kan ha høyst 5000 tegn' },
  controller: { unknown: (ids) => `Velg et av selskapene: ${ids.join(', ')}` },
  type: {
    required: 'Velg hva du vil be oss om',
    unknown: (types) => `Velg en av disse: ${types.join(', ')}`,
  },
  details: {
    tooLong: 'De utfyllende opplysningene kan ha høyst 5000 tegn',
    requiredForRectification: 'Skriv hva som er feil, og hva som er riktig',
  },
  child: {
    missing: 'Skriv inn navnet og fødselsdatoen til barnet',
    nameRequired: 'Skriv inn navnet til barnet',
    nameTooLong: 'Navnet til barnet kan ha høyst 200 tegn',
    guardianOnly:
      'Kryss av i «Jeg har foreldreansvar for barnet» hvis du har det; bare da kan du be på vegne av barnet',
    tooOld: (age) =>
      `Med foreldreansvar kan du bare be på vegne av barn under ${age} år – fra ${age} år ber de selv`,
  },
  returnUrl: {
    invalid:
      'Skjemaet ble ikke sendt: returnUrl må være en hel nettadresse, for eksempel https://www.example.no/takk',
    notAllowed: (origin) =>
      `Skjemaet ble ikke sendt: vi sender ikke videre til ${origin}, som ikke er en av nettstedets adresser (websiteOrigins)`,
  },
};

const en: IntakeText = {
  summary: 'Some fields need another look',
  unknownFields: (keys) => `Unknown fields: ${keys.join(', ')}`,
  otherwise: null,
  name: {
    required: 'Enter your name',
    tooLong: 'Use at most 200 characters for the name',
    noLinks: 'Enter just the name – no web or email addresses',
  },
  email: {
    required: 'Enter your email address',
    tooLong: 'That email address is too long',
    invalid: 'Enter a valid email address, such as ola@example.no',
  },
  phone: {
    notText: 'Enter a phone number, or leave the field empty',
    invalid: 'Enter a Norwegian 8-digit number or an international number starting with +',
  },
  lang: { invalid: 'Choose nb or en' },
  birthDate: {
    format: 'Enter the date of birth as YYYY-MM-DD',
    inFuture: 'The date of birth cannot be in the future',
  },
  verification: {
    unknown: 'Choose email (a code by email) or eid (ID-porten)',
    notOffered: 'Confirming with ID-porten is not offered here yet; choose a code by email',
  },
  message: { required: 'Write your message', tooLong: 'Keep the message to at most 5,000 characters' },
  controller: { unknown: (ids) => `Choose one of the companies: ${ids.join(', ')}` },
  type: {
    required: 'Choose what you are asking for',
    unknown: (types) => `Choose one of: ${types.join(', ')}`,
  },
  details: {
    tooLong: 'Keep the details to at most 5,000 characters',
    requiredForRectification: 'Tell us what is wrong and what it should say',
  },
  child: {
    missing: "Tell us the child's name and date of birth",
    nameRequired: "Enter the child's name",
    nameTooLong: "Use at most 200 characters for the child's name",
    guardianOnly:
      "Tick “I am the child's guardian” if you have parental responsibility for the child; only then can you ask on their behalf",
    tooOld: (age) =>
      `With parental responsibility you can ask only for someone under ${age}; from ${age}, they ask themselves`,
  },
  returnUrl: {
    invalid: 'Nothing was sent: returnUrl must be a full web address, such as https://www.example.no/thanks',
    notAllowed: (origin) =>
      `Nothing was sent: we do not send people on to ${origin}, which is not one of the website's origins (websiteOrigins)`,
  },
};

export const INTAKE_TEXT: Record<Language, IntakeText> = { nb, en };

/**
 * The language to answer a submission in: its own `lang` field when that is one we write in, else
 * bokmål. Read from the raw input before validation, so it never throws on junk.
 */
export function submissionLanguage(input: unknown): Language {
  if (typeof input !== 'object' || input === null) return DEFAULT_LANGUAGE;
  const lang: unknown = (input as { readonly lang?: unknown }).lang;
  return LANGUAGES.find((known) => known === lang) ?? DEFAULT_LANGUAGE;
}
