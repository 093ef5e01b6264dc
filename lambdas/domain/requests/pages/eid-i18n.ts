/**
 * The words of the pages for a refused ID-porten sign-in (eid.ts), in bokmål and English. Apart from the
 * other requester pages' table: only the sign-in's callback shows them, so the other pages' bundles do
 * not carry them. One interface for both languages, as in i18n.ts.
 */
import type { EidRefusal } from '../../eid/complete-eid';
import type { Language } from '../../policy/language';
import type { Message } from './i18n';

export interface EidRefusalText {
  /** One page per reason; a closed request says what the code pages say (`requestClosed` in i18n.ts). */
  readonly refusals: Record<Exclude<EidRefusal, 'request-closed'>, Message>;
  /** The link that starts a new sign-in, for the reasons a new try can mend. */
  readonly tryAgain: string;
  /** Where to go when the page cannot link the status page (the flow's cookie did not match). */
  readonly backViaEmail: string;
}

const nb: EidRefusalText = {
  refusals: {
    'expired-or-used': {
      title: 'Innloggingslenken virker ikke lenger',
      paragraphs: [
        'Lenken til innloggingen er utløpt eller allerede brukt. Start på nytt fra statussiden for forespørselen.',
      ],
    },
    'other-browser': {
      title: 'Fullfør i samme nettleser',
      paragraphs: [
        'Innloggingen må fullføres i den samme nettleseren som du startet i.',
        'Er du i en annen nettleser nå, kan du åpne lenken fra e-posten vår på nytt og starte derfra.',
      ],
    },
    cancelled: {
      title: 'Du avbrøt innloggingen',
      paragraphs: [
        'Ingenting er lagret. Du kan prøve ID-porten på nytt, eller bekrefte med koden fra e-posten i stedet.',
      ],
    },
    'not-accepted': {
      title: 'Vi kunne ikke bekrefte innloggingen',
      paragraphs: ['Noe ved innloggingen stemte ikke, så vi har ikke lagret noe. Prøv en gang til.'],
    },
    'level-too-low': {
      title: 'Forespørselen krever et høyere sikkerhetsnivå',
      paragraphs: [
        'Forespørselen gjelder opplysninger som krever innlogging på høyt nivå: BankID, Buypass eller Commfides. MinID er ikke nok.',
        'Prøv igjen med en av disse, eller bekreft med koden fra e-posten, så sjekker vi identiteten din for hånd.',
      ],
    },
    'different-person': {
      title: 'En annen person har bekreftet forespørselen',
      paragraphs: [
        'Forespørselen er allerede bekreftet med ID-porten av en annen person enn deg, så vi har ikke lagret innloggingen din.',
        'Ta kontakt med oss, så finner vi ut av det. I personvernerklæringen står det hvordan du når oss.',
      ],
    },
    'try-later': {
      title: 'ID-porten svarer ikke akkurat nå',
      paragraphs: ['Vi får ikke kontakt med ID-porten, og ingenting er lagret. Prøv igjen om noen minutter.'],
    },
  },
  tryAgain: 'Prøv igjen med ID-porten',
  backViaEmail: 'Åpne lenken i e-posten vi sendte deg for å komme tilbake til forespørselen.',
};

const en: EidRefusalText = {
  refusals: {
    'expired-or-used': {
      title: 'This sign-in link no longer works',
      paragraphs: [
        "The sign-in link has expired or has already been used. Please start again from your request's status page.",
      ],
    },
    'other-browser': {
      title: 'Please finish in the same browser',
      paragraphs: [
        'The sign-in has to be finished in the same browser you started it in.',
        'If you are in another browser now, open the link from our email again and start from there.',
      ],
    },
    cancelled: {
      title: 'You cancelled the sign-in',
      paragraphs: [
        'Nothing was saved. You can try ID-porten again, or confirm with the code from the email instead.',
      ],
    },
    'not-accepted': {
      title: 'We could not confirm the sign-in',
      paragraphs: ['Something about the sign-in did not check out, so nothing was saved. Please try again.'],
    },
    'level-too-low': {
      title: 'This request needs a higher security level',
      paragraphs: [
        'Your request is about information that needs a sign-in at level high: BankID, Buypass or Commfides. MinID is not enough.',
        'Try again with one of these, or confirm with the code from the email and we will check your identity by hand.',
      ],
    },
    'different-person': {
      title: 'Someone else has confirmed this request',
      paragraphs: [
        'This request was already confirmed with ID-porten by a different person, so we have not saved your sign-in.',
        'Please contact us and we will sort it out. Our privacy notice says how to reach us.',
      ],
    },
    'try-later': {
      title: 'ID-porten is not answering right now',
      paragraphs: ['We cannot reach ID-porten, and nothing was saved. Please try again in a few minutes.'],
    },
  },
  tryAgain: 'Try again with ID-porten',
  backViaEmail: 'Open the link in the email we sent you to get back to your request.',
};

export const EID_REFUSAL_TEXT: Record<Language, EidRefusalText> = { nb, en };
