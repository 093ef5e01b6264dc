/**
 * The requester's pages in bokmål and English: the status page, the answers to a code attempt and to
 * "send me a new code", and the page for a link we cannot match. One interface describes both tables,
 * so a sentence added in one language and forgotten in the other is a type error.
 *
 * Arguments arrive as plain text; the renderer escapes them after these functions run. The request
 * type's name comes from the policy document, not from here.
 */
import type { Language } from '../../policy/language';
import { REQUEST_DATA_LIFETIME } from '../../workflow/data-lifetime';
import type { PublicRequestStatus } from '../views';

const KEEP_DAYS = REQUEST_DATA_LIFETIME.keepDaysAfterClose;

/** A result page: its heading and what we say under it. */
export interface Message {
  readonly title: string;
  readonly paragraphs: readonly string[];
}

/** The steps every request goes through, in order, as the status page shows them. */
export const PROGRESS_STEPS = ['received', 'confirmed', 'handling', 'answered'] as const;
export type ProgressStep = (typeof PROGRESS_STEPS)[number];

export interface RequestPageText {
  /** Links to the privacy notice at the foot of the page. */
  readonly policyLink: string;
  /** The status page in the other language, written in that language. */
  readonly otherLanguage: { readonly lang: Language; readonly label: string };
  readonly seconds: (count: number) => string;
  readonly minutes: (count: number) => string;
  readonly codeForm: {
    readonly label: string;
    readonly hint: string;
    readonly submit: string;
  };
  /** The page the emailed link opens: opening it confirms nothing (link scanners open links), the button does. */
  readonly confirmLink: {
    readonly title: string;
    readonly paragraphs: readonly string[];
  };
  readonly resendForm: {
    readonly intro: string;
    readonly submit: string;
  };
  readonly status: {
    readonly title: string;
    readonly requestType: string;
    readonly aboutChild: string;
    readonly reference: string;
    readonly controller: string;
    readonly received: string;
    readonly due: string;
    readonly status: string;
    readonly statusNames: Record<PublicRequestStatus, string>;
    readonly progress: {
      /** Names the list for screen readers. */
      readonly label: string;
      readonly steps: Record<ProgressStep, string>;
      /** Read before each step's name; the look (colour, weight) says the same to sighted readers. */
      readonly done: string;
      readonly current: string;
      readonly ahead: string;
    };
    readonly nextHeading: string;
    readonly next: {
      readonly 'awaiting-verification': readonly string[];
      readonly verified: (due: string) => readonly string[];
      readonly 'closed-unverified': readonly string[];
      readonly completed: readonly string[];
      readonly rejected: readonly string[];
    };
  };
  readonly download: {
    readonly title: string;
    readonly intro: string;
    readonly askButton: string;
    readonly codeSent: string;
    readonly tooSoon: string;
    /** The day's codes (`today`) or all of them are used up. */
    readonly noMoreCodes: (today: boolean) => string;
    readonly wrongCode: (attemptsLeft: number) => string;
    readonly burned: string;
    readonly expired: string;
    readonly ready: string;
    readonly readyLink: string;
    /** Where the file ends up, for someone on a phone who has never downloaded a ZIP there. */
    readonly readyHint: string;
    readonly notAvailable: string;
    /** The export was deleted at the end of its download window. */
    readonly gone: string;
  };
  /** One sentence per status, for the JSON status answer. */
  readonly nextStep: Record<PublicRequestStatus, string>;
  readonly statusLink: string;
  /** After a code typed from a later email (no status token at hand): where the status link is. */
  readonly statusLinkInReceipt: string;
  readonly verification: {
    readonly verified: Message;
    readonly wrongCode: {
      readonly title: string;
      /** Shown by the code field, which is marked invalid. */
      readonly error: string;
      readonly attemptsLeft: (count: number) => string;
    };
    readonly codeBurned: Message;
    readonly codeExpired: Message;
  };
  readonly resend: {
    readonly sent: Message;
    readonly alreadyVerified: Message;
    readonly tooSoon: {
      readonly title: string;
      readonly paragraphs: (wait: string) => readonly string[];
    };
  };
  /** The request was closed because the address was never confirmed (verification and resend pages). */
  readonly requestClosed: Message;
  readonly notFound: Message;
  /** ID-porten: the offer on the status page and the page after the code (refusals: eid-i18n.ts). */
  readonly eid: EidText;
}

/** The eID levels a sign-in can have, as the status page names them. */
export type EidLevel = 'high' | 'substantial';

export interface EidText {
  /** The link that starts the sign-in, styled as a button. */
  readonly start: string;
  /** Before the code form while no sign-in is done: the requester chose ID-porten, or it is an option. */
  readonly offer: {
    readonly chosen: string;
    readonly optional: string;
    /** What the sign-in spares the requester; follows `chosen` or `optional` in one paragraph. */
    readonly why: string;
    /** The emailed code still confirms the address: ID-porten proves the person, not the mailbox. */
    readonly codeStillNeeded: string;
  };
  /** After the sign-in, before the code form: the level, then the code. */
  readonly signedIn: Record<EidLevel, string>;
  readonly typeCodeNow: string;
  /** The page after a code that confirmed the mailbox of a request still waiting for its sign-in. */
  readonly awaitingEid: {
    readonly title: string;
    readonly paragraphs: readonly string[];
    /** Going on with the code alone: staff then check the identity by hand. */
    readonly without: {
      readonly heading: string;
      readonly paragraphs: readonly string[];
      readonly submit: string;
    };
  };
}

const nb: RequestPageText = {
  policyLink: 'Les personvernerklæringen',
  otherLanguage: { lang: 'en', label: 'Read this in English' },
  seconds: (count) => (count === 1 ? '1 sekund' : `${count} sekunder`),
  minutes: (count) => (count === 1 ? '1 minutt' : `${count} minutter`),
  codeForm: {
    label: 'Koden fra e-posten',
    hint: 'Seks siffer, for eksempel 123456.',
    submit: 'Bekreft',
  },
  confirmLink: {
    title: 'Bekreft forespørselen',
    paragraphs: [
      'Trykk på «Bekreft» for å bekrefte at det var du som sendte forespørselen. Koden fra e-posten er fylt inn for deg.',
      'Sendte du ikke forespørselen? Da kan du lukke denne siden. Uten bekreftelse gjør vi ingenting med den.',
    ],
  },
  resendForm: {
    intro: 'Har du ikke fått koden, eller er den for gammel?',
    submit: 'Send meg en ny kode',
  },
  status: {
    title: 'Forespørselen din',
    requestType: 'Type forespørsel',
    aboutChild: 'Gjelder barnet',
    reference: 'Saksnummer',
    controller: 'Sendt til',
    received: 'Mottatt',
    due: 'Vi svarer senest',
    status: 'Status',
    statusNames: {
      'awaiting-verification': 'Venter på at du bekrefter e-postadressen din',
      verified: 'Bekreftet – vi jobber med forespørselen',
      'closed-unverified': 'Avsluttet fordi e-postadressen ikke ble bekreftet',
      completed: 'Ferdig – vi har svart deg',
      rejected: 'Avslått – vi har forklart hvorfor',
    },
    progress: {
      label: 'Hvor langt forespørselen har kommet',
      steps: {
        received: 'Mottatt',
        confirmed: 'Bekreftet',
        handling: 'Under behandling',
        answered: 'Besvart',
      },
      done: 'Ferdig:',
      current: 'Nå:',
      ahead: 'Senere:',
    },
    nextHeading: 'Hva skjer nå?',
    next: {
      'awaiting-verification': [
        'Vi har sendt en kode på seks siffer til e-postadressen din. Skriv den inn her, så vet vi at det er du som har sendt forespørselen.',
        'Vi begynner ikke på forespørselen før du har bekreftet. Fikk du ingen e-post? Se i søppelpostmappen.',
      ],
      verified: (due) => [
        'Vi har bekreftet e-postadressen din. Nå går de som skal behandle forespørselen i gang.',
        `Du får svar senest ${due}. Trenger vi mer tid, sier vi fra før den datoen og forklarer hvorfor.`,
        'Trenger vi flere opplysninger fra deg, sender vi deg en e-post.',
      ],
      'closed-unverified': [
        'Vi avsluttet forespørselen fordi e-postadressen aldri ble bekreftet. Vi har ikke gjort noe med den.',
        'Du kan gjerne sende en ny forespørsel. I personvernerklæringen står det hvordan du gjør det.',
      ],
      completed: [
        'Vi er ferdige med forespørselen og har sendt deg svaret på e-post.',
        'Har du spørsmål til svaret, kan du kontakte oss. Du kan også klage til Datatilsynet.',
      ],
      rejected: [
        'Vi har avslått forespørselen og forklart hvorfor i en e-post til deg.',
        'Er du uenig, kan du klage til Datatilsynet eller bringe saken inn for domstolene (personvernforordningen artikkel 77 og 79).',
      ],
    },
  },
  download: {
    title: 'Last ned opplysningene dine',
    intro:
      'For å laste ned trenger du en ny kode. Vi sender den til e-postadressen din, så vet vi at det er du som laster ned.',
    askButton: 'Send meg en kode for nedlasting',
    codeSent: 'Vi har sendt en kode til e-postadressen din. Skriv den inn her. Den virker i 30 minutter.',
    tooSoon: 'Vi sendte en kode for under et minutt siden. Se i e-posten din, eller prøv igjen om litt.',
    noMoreCodes: (today) =>
      today
        ? 'Vi har sendt mange koder for denne nedlastingen i dag, så vi sender ikke flere før i morgen. Bruk den siste koden du fikk, eller prøv igjen i morgen.'
        : 'Vi har sendt så mange koder for denne nedlastingen at vi ikke sender flere. Bruk den siste koden du fikk, eller ta kontakt med oss, så hjelper vi deg.',
    wrongCode: (attemptsLeft) =>
      `Koden stemmer ikke. Du kan prøve ${attemptsLeft} ${attemptsLeft === 1 ? 'gang' : 'ganger'} til.`,
    burned: 'Koden virker ikke lenger. Be om en ny kode.',
    expired: 'Koden er utløpt. Be om en ny kode.',
    ready: 'Filen er klar. Last den ned med lenken under. Lenken virker i 15 minutter.',
    readyLink: 'Last ned filen (ZIP)',
    readyHint:
      'Filen er en ZIP-fil. På mobilen havner den blant nedlastingene dine (på iPhone i Filer-appen). Åpne den, og start med index.html.',
    notAvailable:
      'Det er ingen fil å laste ned for denne forespørselen (eller den er slettet etter 14 dager).',
    gone: `Filen er ikke lenger tilgjengelig: vi sletter den ${KEEP_DAYS} dager etter svaret. Trenger du opplysningene igjen, kan du sende en ny forespørsel om innsyn.`,
  },
  nextStep: {
    'awaiting-verification':
      'Skriv inn koden på seks siffer som vi sendte til e-postadressen din, så setter vi i gang.',
    verified: 'Vi jobber med forespørselen din og svarer deg innen fristen.',
    'closed-unverified':
      'Forespørselen er avsluttet fordi e-postadressen ikke ble bekreftet, men du kan gjerne sende en ny.',
    completed: 'Vi er ferdige og har sendt deg svaret på e-post.',
    rejected:
      'Vi har avslått forespørselen og forklart hvorfor på e-post. Du kan klage til Datatilsynet eller gå til domstolene.',
  },
  statusLink: 'Se status for forespørselen',
  statusLinkInReceipt: 'Du kan følge forespørselen med lenken i den første e-posten vi sendte deg.',
  verification: {
    verified: {
      title: 'Takk, nå er det bekreftet',
      paragraphs: [
        'Vi har bekreftet e-postadressen din, og forespørselen er sendt videre til dem som skal behandle den.',
        'Du får svar innen fristen. Trenger vi flere opplysninger fra deg, sender vi deg en e-post.',
      ],
    },
    wrongCode: {
      title: 'Koden stemmer ikke',
      error: 'Sjekk at du har skrevet av den nyeste koden du har fått, med alle seks sifrene.',
      attemptsLeft: (count) => (count === 1 ? 'Du har 1 forsøk igjen.' : `Du har ${count} forsøk igjen.`),
    },
    codeBurned: {
      title: 'Koden virker ikke lenger',
      paragraphs: [
        'Koden ble skrevet feil for mange ganger, så den virker ikke lenger. Det er for å beskytte forespørselen din.',
        'Be om en ny kode, så sender vi den til e-postadressen din.',
      ],
    },
    codeExpired: {
      title: 'Koden er utløpt',
      paragraphs: [
        'En kode virker i 24 timer, og denne er eldre enn det.',
        'Be om en ny kode, så sender vi den til e-postadressen din.',
      ],
    },
  },
  resend: {
    sent: {
      title: 'Vi har sendt deg en ny kode',
      paragraphs: [
        'Sjekk e-posten din. Fikk du ingen e-post? Se i søppelpostmappen.',
        'Bruk den nyeste koden. Eldre koder virker ikke lenger.',
      ],
    },
    alreadyVerified: {
      title: 'Du har allerede bekreftet',
      paragraphs: [
        'E-postadressen din er allerede bekreftet, så du trenger ingen ny kode. Vi jobber med forespørselen din.',
      ],
    },
    tooSoon: {
      title: 'Vent litt før du ber om en ny kode',
      paragraphs: (wait) => [
        'Vi sendte deg en kode for kort tid siden. Sjekk e-posten din, også søppelpostmappen.',
        `Har den ikke kommet, kan du be om en ny kode om ${wait}.`,
      ],
    },
  },
  requestClosed: {
    title: 'Forespørselen er avsluttet',
    paragraphs: [
      'Vi avsluttet forespørselen fordi e-postadressen aldri ble bekreftet. Vi har ikke gjort noe med den.',
      'Du kan gjerne sende en ny forespørsel. I personvernerklæringen står det hvordan du gjør det.',
    ],
  },
  notFound: {
    title: 'Vi fant ikke forespørselen',
    paragraphs: [
      'Vi fant ikke forespørselen. Sjekk at du brukte hele lenken fra e-posten.',
      'Kopierte du lenken, kan det hende at slutten falt bort. Prøv å åpne den direkte fra e-posten.',
    ],
  },
  eid: {
    start: 'Bekreft med ID-porten',
    offer: {
      chosen: 'Du valgte å bekrefte hvem du er med ID-porten.',
      optional: 'Du kan også bekrefte hvem du er med ID-porten.',
      why: 'Logger du inn med BankID, MinID, Buypass eller Commfides, trenger vi som regel ikke å sjekke identiteten din for hånd.',
      codeStillNeeded:
        'Du må fortsatt skrive inn koden fra e-posten, slik at vi vet at e-postadressen er din.',
    },
    signedIn: {
      high: 'Identiteten din er bekreftet med ID-porten (høyt nivå).',
      substantial: 'Identiteten din er bekreftet med ID-porten (betydelig nivå).',
    },
    typeCodeNow: 'Skriv nå inn koden fra e-posten, så er forespørselen bekreftet.',
    awaitingEid: {
      title: 'E-postadressen din er bekreftet',
      paragraphs: [
        'Nå gjenstår bare ett steg: bekreft hvem du er med ID-porten. Vi begynner på forespørselen når det er gjort.',
      ],
      without: {
        heading: 'Vil du heller fortsette uten ID-porten?',
        paragraphs: [
          'Da sjekker vi identiteten din for hånd, og det kan ta lengre tid før du får svar.',
          'Skriv inn koden fra e-posten én gang til, og trykk på knappen.',
        ],
        submit: 'Fortsett uten ID-porten',
      },
    },
  },
};

const en: RequestPageText = {
  policyLink: 'Read our privacy notice',
  otherLanguage: { lang: 'nb', label: 'Les dette på norsk' },
  seconds: (count) => (count === 1 ? '1 second' : `${count} seconds`),
  minutes: (count) => (count === 1 ? '1 minute' : `${count} minutes`),
  codeForm: {
    label: 'The code from the email',
    hint: 'Six digits, for example 123456.',
    submit: 'Confirm',
  },
  confirmLink: {
    title: 'Confirm your request',
    paragraphs: [
      'Press “Confirm” to confirm that you sent this request. The code from the email is already filled in.',
      'Did not send it? Then just close this page. Without a confirmation we do nothing with the request.',
    ],
  },
  resendForm: {
    intro: 'No code, or is it too old?',
    submit: 'Send me a new code',
  },
  status: {
    title: 'Your request',
    requestType: 'Type of request',
    aboutChild: 'About your child',
    reference: 'Reference',
    controller: 'Sent to',
    received: 'Received',
    due: 'We will answer by',
    status: 'Status',
    statusNames: {
      'awaiting-verification': 'Waiting for you to confirm your email address',
      verified: 'Confirmed – we are working on your request',
      'closed-unverified': 'Closed because the email address was not confirmed',
      completed: 'Done – we have sent you our answer',
      rejected: 'Declined – we have explained why',
    },
    progress: {
      label: 'How far your request has come',
      steps: {
        received: 'Received',
        confirmed: 'Confirmed',
        handling: 'Being handled',
        answered: 'Answered',
      },
      done: 'Done:',
      current: 'Now:',
      ahead: 'Later:',
    },
    nextHeading: 'What happens next?',
    next: {
      'awaiting-verification': [
        'We have sent a six-digit code to your email address. Enter it here so we know it was you who made the request.',
        'We do not start on the request until you have confirmed. No email? Please check your spam folder.',
      ],
      verified: (due) => [
        'We have confirmed your email address. The people who handle requests will now get started.',
        `You will get our answer by ${due}. If we need more time, we will tell you before then and explain why.`,
        'If we need more information from you, we will send you an email.',
      ],
      'closed-unverified': [
        'We closed the request because the email address was never confirmed. We have not acted on it.',
        'You are welcome to make a new request. Our privacy notice explains how.',
      ],
      completed: [
        'We have finished your request and emailed you our answer.',
        'If you have questions about the answer, get in touch. You may also complain to Datatilsynet.',
      ],
      rejected: [
        'We have declined the request and explained why in an email to you.',
        'If you disagree, you may complain to Datatilsynet or take the matter to court (GDPR Articles 77 and 79).',
      ],
    },
  },
  download: {
    title: 'Download your information',
    intro: 'To download, you need a new code. We send it to your email address, so we know it is you.',
    askButton: 'Send me a code to download',
    codeSent: 'We have sent a code to your email address. Enter it here. It works for 30 minutes.',
    tooSoon: 'We sent a code less than a minute ago. Check your email, or try again in a moment.',
    noMoreCodes: (today) =>
      today
        ? 'We have sent many codes for this download today, so we send no more until tomorrow. Use the last code you got, or try again tomorrow.'
        : 'We have sent so many codes for this download that we send no more. Use the last code you got, or contact us and we will help.',
    wrongCode: (attemptsLeft) =>
      `That code is not right. You can try ${attemptsLeft} more ${attemptsLeft === 1 ? 'time' : 'times'}.`,
    burned: 'The code no longer works. Ask for a new one.',
    expired: 'The code is too old. Ask for a new one.',
    ready: 'Your file is ready. Download it with the link below. The link works for 15 minutes.',
    readyLink: 'Download the file (ZIP)',
    readyHint:
      'The file is a ZIP file. On a phone it is saved with your downloads (on an iPhone, in the Files app). Open it and start with index.html.',
    notAvailable: 'There is no file to download for this request (or it was deleted after 14 days).',
    gone: `The file is no longer available: we delete it ${KEEP_DAYS} days after the answer. If you need your information again, you are welcome to make a new access request.`,
  },
  nextStep: {
    'awaiting-verification':
      'Enter the six-digit code we sent to your email address, and we will get started.',
    verified: 'We are working on your request and will answer you by the due date.',
    'closed-unverified':
      'The request was closed because the email address was not confirmed, but you are welcome to make a new one.',
    completed: 'We have finished and emailed you our answer.',
    rejected:
      'We declined the request and explained why by email. You may complain to Datatilsynet or go to court.',
  },
  statusLink: 'See the status of your request',
  statusLinkInReceipt: 'You can follow your request with the link in the first email we sent you.',
  verification: {
    verified: {
      title: 'Thank you, that is confirmed',
      paragraphs: [
        'We have confirmed your email address, and your request has gone to the people who will handle it.',
        'You will get our answer by the due date. If we need more information from you, we will send you an email.',
      ],
    },
    wrongCode: {
      title: 'That code is not right',
      error: 'Check that you copied the newest code we sent you, with all six digits.',
      attemptsLeft: (count) =>
        count === 1 ? 'You have 1 attempt left.' : `You have ${count} attempts left.`,
    },
    codeBurned: {
      title: 'The code no longer works',
      paragraphs: [
        'The code was entered wrongly too many times, so it no longer works. This protects your request.',
        'Ask for a new code and we will send it to your email address.',
      ],
    },
    codeExpired: {
      title: 'The code is too old',
      paragraphs: [
        'A code works for 24 hours, and this one is older than that.',
        'Ask for a new code and we will send it to your email address.',
      ],
    },
  },
  resend: {
    sent: {
      title: 'We have sent you a new code',
      paragraphs: [
        'Please check your email. No email? Please check your spam folder.',
        'Use the newest code. Older codes no longer work.',
      ],
    },
    alreadyVerified: {
      title: 'You have already confirmed',
      paragraphs: [
        'Your email address is already confirmed, so you do not need a new code. We are working on your request.',
      ],
    },
    tooSoon: {
      title: 'Please wait a little before asking for a new code',
      paragraphs: (wait) => [
        'We sent you a code a short while ago. Please check your email, including the spam folder.',
        `If it has not arrived, you can ask for a new code in ${wait}.`,
      ],
    },
  },
  requestClosed: {
    title: 'The request is closed',
    paragraphs: [
      'We closed the request because the email address was never confirmed. We have not acted on it.',
      'You are welcome to make a new request. Our privacy notice explains how.',
    ],
  },
  notFound: {
    title: 'We could not find that request',
    paragraphs: [
      'We could not find that request. Check that you used the whole link from the email.',
      'If you copied the link, the end of it may have been left out. Try opening it straight from the email.',
    ],
  },
  eid: {
    start: 'Confirm with ID-porten',
    offer: {
      chosen: 'You chose to confirm who you are with ID-porten.',
      optional: 'You can also confirm who you are with ID-porten.',
      why: 'If you sign in with BankID, MinID, Buypass or Commfides, we usually do not need to check your identity by hand.',
      codeStillNeeded:
        'You still need to enter the code from the email, so we know the email address is yours.',
    },
    signedIn: {
      high: 'Your identity is confirmed with ID-porten (level high).',
      substantial: 'Your identity is confirmed with ID-porten (level substantial).',
    },
    typeCodeNow: 'Now enter the code from the email, and your request is confirmed.',
    awaitingEid: {
      title: 'Your email address is confirmed',
      paragraphs: [
        'Only one step is left: confirm who you are with ID-porten. We start on your request once that is done.',
      ],
      without: {
        heading: 'Would you rather go on without ID-porten?',
        paragraphs: [
          'Then we check your identity by hand, and it may take longer before you get our answer.',
          'Enter the code from the email once more and press the button.',
        ],
        submit: 'Continue without ID-porten',
      },
    },
  },
};

export const REQUEST_PAGE_TEXT: Record<Language, RequestPageText> = { nb, en };
