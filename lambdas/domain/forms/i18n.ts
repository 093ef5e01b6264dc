/**
 * The forms' own words in both languages. The policy document supplies the organisation's facts
 * (request types and their descriptions, controllers, the age rule); this table holds the page text
 * around them. Messages the script shows are rendered into the page as data attributes, so the script
 * itself is the same text for every page and language (one CSP hash).
 */
import type { Language } from '../policy/language';

export type FormKind = 'contact' | 'request';

interface Field {
  readonly label: string;
  readonly hint?: string;
}

export interface FormText {
  readonly otherLanguage: { readonly lang: Language; readonly label: string };
  /** Appended to the label of a field that may be left empty. */
  readonly optional: string;
  readonly errorSummaryTitle: string;
  /** The script's counter under a long text field: `{n}` typed of `{max}`, and `{over}` too many. */
  readonly counter: { readonly within: string; readonly over: string };
  /** What the script says when the server gives no field messages. */
  readonly failures: {
    readonly general: string;
    readonly network: string;
    readonly rateLimited: string;
    readonly tooLarge: string;
    readonly writeToUs: (email: string) => string;
  };
  readonly fields: {
    readonly name: Field;
    readonly email: { readonly label: string; readonly hint: Record<FormKind, string> };
    readonly phone: Field;
    readonly birthDate: Field;
    readonly controller: {
      readonly label: Record<FormKind, string>;
      readonly hint: (main: string) => string;
    };
    readonly message: Field;
    readonly details: Field;
    /** The honeypot's label: what a bot expects; a person reading the page without CSS is told to skip it. */
    readonly website: Field;
  };
  readonly contact: {
    readonly title: string;
    readonly intro: string;
    readonly requestFormPrefix: string;
    readonly requestFormLink: string;
    readonly submit: string;
  };
  readonly request: {
    readonly title: string;
    readonly intro: readonly string[];
    readonly typeLegend: string;
    readonly aboutYou: string;
    readonly privacy: string;
    readonly submit: string;
    /** How the requester proves who they are, where ID-porten is offered: the emailed code or an eID. */
    readonly verification: {
      readonly legend: string;
      readonly email: { readonly label: string; readonly hint: string };
      readonly eid: { readonly label: string; readonly hint: string };
    };
    readonly child: {
      readonly legend: string;
      /** Without an age when the policy has no guardian-consent rule. */
      readonly onlyIf: (belowAge: number | undefined) => string;
      readonly identityCheck: string;
      readonly name: string;
      readonly birthDate: string;
      readonly guardian: string;
    };
  };
  readonly privacyLink: string;
  /** The consent to hear about major changes to the privacy notice (stored with the version in effect). */
  readonly policyNotices: Field;
  readonly thankYou: Record<FormKind, { readonly title: string; readonly paragraphs: readonly string[] }>;
  readonly backToForm: Record<FormKind, string>;
}

const nb: FormText = {
  otherLanguage: { lang: 'en', label: 'Read this in English' },
  optional: '(valgfritt)',
  errorSummaryTitle: 'Se over dette før du sender',
  counter: { within: '{n} av {max} tegn', over: '{n} av {max} tegn: {over} for mange, gjør teksten kortere' },
  failures: {
    general: 'Noe gikk galt hos oss, og skjemaet ble ikke sendt. Prøv igjen om litt.',
    network:
      'Vi fikk ikke kontakt med serveren, og skjemaet ble ikke sendt. Sjekk nettforbindelsen og prøv igjen.',
    rateLimited: 'Vi har fått mange skjemaer fra deg på kort tid. Vent noen minutter, og prøv igjen.',
    tooLarge: 'Skjemaet er for stort til å sendes. Gjør teksten kortere, og prøv igjen.',
    writeToUs: (email) => `Du kan også skrive til oss på ${email}.`,
  },
  fields: {
    name: { label: 'Fullt navn' },
    email: {
      label: 'E-postadresse',
      hint: {
        contact: 'Vi svarer deg på denne adressen.',
        request: 'Vi sender en kode hit for å bekrefte at adressen er din.',
      },
    },
    phone: {
      label: 'Telefonnummer',
      hint: 'Norsk nummer med 8 siffer, eller et utenlandsk nummer som starter med +.',
    },
    birthDate: { label: 'Fødselsdato', hint: 'Gjør det lettere for oss å finne deg i systemene våre.' },
    controller: {
      label: { contact: 'Hvem vil du kontakte?', request: 'Hvilket selskap gjelder forespørselen?' },
      hint: (main) => `Er du usikker, velg ${main}.`,
    },
    message: {
      label: 'Melding',
      hint: 'Ikke skriv helseopplysninger eller fødselsnummer i meldingen.',
    },
    details: {
      label: 'Utfyllende opplysninger',
      hint: 'Må fylles ut hvis du ber om retting: skriv hva som er feil, og hva som er riktig. Protesterer du mot bruk som bygger på berettiget interesse, hjelper det oss å høre hva i din situasjon som gjør at du protesterer. Ellers kan du skrive det du mener vi bør vite.',
    },
    website: { label: 'Nettside (la feltet stå tomt)' },
  },
  contact: {
    title: 'Kontakt oss',
    intro: 'Skriv til oss, så svarer vi deg på e-post.',
    requestFormPrefix: 'Vil du be om innsyn, retting eller sletting av opplysninger om deg? Bruk',
    requestFormLink: 'skjemaet for personvernforespørsler',
    submit: 'Send meldingen',
  },
  request: {
    title: 'Forespørsel om personopplysningene dine',
    intro: [
      'Velg hva du vil be om, og fortell oss hvem du er.',
      'Vi sender deg en e-post med en kode for å bekrefte at e-postadressen er din. Vi begynner på forespørselen når du har bekreftet den, og svarer som hovedregel innen én måned.',
    ],
    typeLegend: 'Hva vil du be oss om?',
    aboutYou: 'Om deg',
    privacy:
      'Vi bruker opplysningene i skjemaet til å behandle forespørselen din og til å dokumentere hvordan vi behandlet den.',
    submit: 'Send forespørselen',
    verification: {
      legend: 'Hvordan vil du bekrefte hvem du er?',
      email: {
        label: 'Med koden vi sender på e-post',
        hint: 'Gjelder forespørselen helseopplysninger, kan det hende at vi i tillegg må sjekke identiteten din for hånd.',
      },
      eid: {
        label: 'Med ID-porten (BankID, MinID, Buypass eller Commfides)',
        hint: 'Det raskeste hvis forespørselen gjelder helseopplysninger. Du får likevel en kode på e-post for å bekrefte adressen.',
      },
    },
    child: {
      legend: 'På vegne av et barn (valgfritt)',
      onlyIf: (age) =>
        age === undefined
          ? 'Fyll ut dette bare hvis du ber på vegne av et barn. Da må du ha foreldreansvar for barnet.'
          : `Fyll ut dette bare hvis du ber på vegne av et barn under ${age} år. Da må du ha foreldreansvar for barnet.`,
      identityCheck: 'Vi kontrollerer at du har foreldreansvar for barnet før vi behandler forespørselen.',
      name: 'Barnets fulle navn',
      birthDate: 'Barnets fødselsdato',
      guardian: 'Jeg har foreldreansvar for barnet',
    },
  },
  privacyLink: 'Les personvernerklæringen',
  policyNotices: {
    label: 'Gi meg beskjed på e-post når personvernerklæringen endres vesentlig',
    hint: 'Frivillig. Du kan melde deg av med lenken i hver e-post.',
  },
  thankYou: {
    contact: {
      title: 'Takk for meldingen',
      paragraphs: [
        'Vi har fått meldingen din og sendt en bekreftelse til e-postadressen din.',
        'Vi svarer deg så snart vi kan.',
        'Fikk du ingen e-post? Se i søppelpostmappen.',
      ],
    },
    request: {
      title: 'Sjekk e-posten din',
      paragraphs: [
        'Vi har fått forespørselen din. For å være sikre på at e-postadressen er din, har vi sendt deg en e-post med en kode på seks siffer og en lenke.',
        'Skriv inn koden eller klikk på lenken innen 24 timer. Vi begynner ikke på forespørselen før du har bekreftet.',
        'Fikk du ingen e-post? Se i søppelpostmappen.',
      ],
    },
  },
  backToForm: { contact: 'Skriv en ny melding', request: 'Send en ny forespørsel' },
};

const en: FormText = {
  otherLanguage: { lang: 'nb', label: 'Les dette på norsk' },
  optional: '(optional)',
  errorSummaryTitle: 'Please check the following before you send',
  counter: {
    within: '{n} of {max} characters',
    over: '{n} of {max} characters: {over} too many, please shorten the text',
  },
  failures: {
    general:
      'Something went wrong on our side and the form was not sent. Please try again in a little while.',
    network: 'We could not reach the server and the form was not sent. Check your connection and try again.',
    rateLimited:
      'We have received many forms from you in a short time. Please wait a few minutes and try again.',
    tooLarge: 'The form is too large to send. Please shorten the text and try again.',
    writeToUs: (email) => `You can also write to us at ${email}.`,
  },
  fields: {
    name: { label: 'Full name' },
    email: {
      label: 'Email address',
      hint: {
        contact: 'We will reply to this address.',
        request: 'We will send a code here to confirm that the address is yours.',
      },
    },
    phone: {
      label: 'Phone number',
      hint: 'A Norwegian 8-digit number, or an international number starting with +.',
    },
    birthDate: { label: 'Date of birth', hint: 'Makes it easier for us to find you in our systems.' },
    controller: {
      label: { contact: 'Who would you like to contact?', request: 'Which company is the request for?' },
      hint: (main) => `If you are not sure, choose ${main}.`,
    },
    message: {
      label: 'Message',
      hint: 'Please do not write health information or national identity numbers in the message.',
    },
    details: {
      label: 'Details',
      hint: 'Required if you ask for rectification: tell us what is wrong and what is right. If you object to use based on legitimate interest, it helps us to hear what in your situation makes you object. Otherwise, add anything you think we should know.',
    },
    website: { label: 'Website (leave this empty)' },
  },
  contact: {
    title: 'Contact us',
    intro: 'Write to us and we will reply by email.',
    requestFormPrefix: 'Do you want to see, correct or delete information about you? Use',
    requestFormLink: 'the privacy request form',
    submit: 'Send message',
  },
  request: {
    title: 'Make a request about your personal data',
    intro: [
      'Choose what you are asking for and tell us who you are.',
      'We will email you a code to confirm that the email address is yours. We start on the request once you have confirmed it, and as a rule we answer within one month.',
    ],
    typeLegend: 'What are you asking us to do?',
    aboutYou: 'About you',
    privacy: 'We use the information in this form to handle your request and to document how we handled it.',
    submit: 'Send request',
    verification: {
      legend: 'How do you want to confirm who you are?',
      email: {
        label: 'With the code we send by email',
        hint: 'If your request is about health information, we may also need to check your identity by hand.',
      },
      eid: {
        label: 'With ID-porten (BankID, MinID, Buypass or Commfides)',
        hint: 'The quickest way if your request is about health information. You will still get a code by email to confirm the address.',
      },
    },
    child: {
      legend: 'On behalf of a child (optional)',
      onlyIf: (age) =>
        age === undefined
          ? "Fill this in only if you are asking on behalf of a child. You must then be the child's guardian."
          : `Fill this in only if you are asking on behalf of a child under ${age}. You must then be the child's guardian.`,
      identityCheck: "We will check that you are the child's guardian before we handle the request.",
      name: "The child's full name",
      birthDate: "The child's date of birth",
      guardian: "I am the child's guardian",
    },
  },
  privacyLink: 'Read our privacy notice',
  policyNotices: {
    label: 'Tell me by email when the privacy notice changes in a major way',
    hint: 'Optional. Every such email has a link to stop them.',
  },
  thankYou: {
    contact: {
      title: 'Thank you for your message',
      paragraphs: [
        'We have received your message and sent a confirmation to your email address.',
        'We will reply as soon as we can.',
        'No email? Please check your spam folder.',
      ],
    },
    request: {
      title: 'Check your email',
      paragraphs: [
        'We have received your request. To make sure the email address is yours, we have sent you an email with a six-digit code and a link.',
        'Enter the code or click the link within 24 hours. We do not start on the request until you have confirmed.',
        'No email? Please check your spam folder.',
      ],
    },
  },
  backToForm: { contact: 'Write another message', request: 'Make another request' },
};

export const FORM_TEXT: Record<Language, FormText> = { nb, en };
