/**
 * Every word the emails say, in bokmål and English. One interface describes both tables, so a
 * sentence added in one language and forgotten in the other is a type error, not a blank in an email.
 *
 * Arguments arrive as plain text; the renderer escapes them for HTML after these functions run.
 */
import type { Language } from '../policy/language';
import type { RequestType } from '../policy/schema';
import { requestTypeNames } from '../requests/request-type-names';
import type { Control } from './layout';

export interface EmailText {
  readonly greeting: (name: string) => string;
  readonly greetingStaff: string;
  readonly signOff: string;
  readonly hours: (count: number) => string;
  readonly requestTypes: Readonly<Record<RequestType, string>>;
  /** Shown under every button, for clients that do not render it. */
  readonly buttonFallback: string;
  readonly receipt: {
    readonly subject: string;
    readonly intro: (controller: string) => string;
    readonly summaryCaption: string;
    readonly reference: string;
    readonly requestType: string;
    readonly aboutChild: string;
    readonly received: string;
    readonly due: string;
    readonly confirmHeading: string;
    /** Names the button in the HTML and the link in the plain text, which has no button. */
    readonly confirm: (hours: string, control: Control) => string;
    readonly codeLabel: string;
    readonly confirmButton: string;
    readonly nextHeading: string;
    readonly nextSteps: (due: string) => readonly string[];
    readonly status: string;
    readonly statusButton: string;
    readonly statusKeepPrivate: string;
    readonly notYou: string;
    /**
     * For a requester who chose ID-porten: the code confirms the address, ID-porten (on the status page,
     * whose button or link is named by its label) the person, and the request starts when both are done.
     */
    readonly eid: {
      readonly confirm: (hours: string, control: Control) => string;
      readonly signIn: (statusButton: string, control: Control) => string;
      readonly firstStep: string;
    };
  };
  readonly newCode: {
    readonly subject: string;
    readonly intro: (requestId: string) => string;
    readonly validity: (hours: string, control: Control) => string;
    readonly codeLabel: string;
    readonly confirmButton: string;
    readonly notYou: string;
    /** The receipt's ID-porten paragraph in one sentence, for a requester who chose it. */
    readonly eid: (statusButton: string, control: Control) => string;
  };
  readonly closedUnverified: {
    readonly subject: string;
    readonly intro: (requestId: string) => string;
    readonly nothingDone: string;
    readonly again: string;
    readonly formButton: string;
  };
  readonly downloadCode: {
    readonly subject: string;
    readonly intro: (requestId: string) => string;
    readonly codeLabel: string;
    readonly validity: (minutes: number) => string;
    readonly notYou: string;
  };
  readonly informationRequest: {
    readonly subject: string;
    readonly intro: (requestId: string) => string;
    readonly questionHeading: string;
    readonly reply: (address: string) => string;
  };
  readonly completed: {
    readonly subject: string;
    readonly intro: (type: string, requestId: string) => string;
    readonly whatWeDid: string;
    readonly download: string;
    readonly downloadButton: string;
    readonly complaint: (authority: string) => string;
  };
  readonly rejected: {
    readonly subject: string;
    readonly intro: (type: string, requestId: string) => string;
    readonly reasonHeading: string;
    readonly complaint: (authority: string) => string;
    /** Art. 12(4): the refusal names both remedies, the supervisory authority and the courts. */
    readonly court: string;
  };
  readonly attention: {
    readonly subject: (requestId: string) => string;
    readonly intro: (requestId: string, stage: string) => string;
    readonly openButton: string;
  };
  readonly contactConfirmation: {
    readonly subject: string;
    readonly intro: (controller: string) => string;
    readonly reference: string;
    readonly notRepeated: string;
    readonly notYou: string;
  };
  readonly contactNotification: {
    readonly subject: (messageId: string) => string;
    readonly intro: (controller: string) => string;
    readonly whyNoDetails: string;
    readonly openButton: string;
    readonly messageId: string;
    readonly automatic: string;
  };
  readonly extended: {
    readonly subject: string;
    readonly intro: (type: string, requestId: string) => string;
    readonly reasonHeading: string;
    readonly summaryCaption: string;
    readonly reference: string;
    readonly originalDue: string;
    readonly newDue: string;
    readonly newDate: (date: string) => string;
    readonly reply: (address: string) => string;
  };
  readonly digest: {
    readonly subject: (date: string, count: number) => string;
    readonly escalatedSubject: (date: string, overdue: number) => string;
    readonly intro: (controller: string, date: string) => string;
    readonly escalationNote: string;
    readonly sections: {
      readonly overdue: string;
      readonly dueWithinTwoDays: string;
      readonly dueWithinSevenDays: string;
      readonly decisionNudges: string;
    };
    readonly requestTypes: Readonly<Record<RequestType, string>>;
    readonly requestType: string;
    readonly due: string;
    readonly daysLeft: (days: number) => string;
    readonly pending: string;
    readonly notStarted: string;
    readonly extendBy: (date: string) => string;
    readonly openButton: (requestId: string) => string;
    readonly whyNoDetails: string;
    readonly automatic: string;
  };
}

/** "The button" or "the link", as the sentences below use them. */
const NB_CONTROL: Record<Control, string> = { button: 'knappen', link: 'lenken' };
const EN_CONTROL: Record<Control, string> = { button: 'the button', link: 'the link' };

const nb: EmailText = {
  greeting: (name) => `Hei ${name},`,
  greetingStaff: 'Hei,',
  signOff: 'Vennlig hilsen',
  hours: (count) => (count === 1 ? '1 time' : `${count} timer`),
  requestTypes: requestTypeNames('nb', 'forRequester'),
  buttonFallback: 'Virker ikke knappen? Kopier denne adressen inn i nettleseren:',
  receipt: {
    subject: 'Vi har fått forespørselen din – bekreft at det er deg',
    intro: (controller) => `Takk for at du tok kontakt. ${controller} har fått forespørselen din.`,
    summaryCaption: 'Kvittering',
    reference: 'Saksnummer',
    requestType: 'Du har bedt om',
    aboutChild: 'Gjelder barnet',
    received: 'Mottatt',
    due: 'Vi svarer senest',
    confirmHeading: 'Bekreft at det er deg',
    confirm: (hours, control) =>
      `Før vi begynner, må vi vite at det er du som har sendt forespørselen. Skriv inn koden på nettsiden, eller trykk på ${NB_CONTROL[control]}. Koden og ${NB_CONTROL[control]} virker i ${hours}.`,
    codeLabel: 'Koden din:',
    confirmButton: 'Bekreft forespørselen',
    nextHeading: 'Hva skjer nå?',
    nextSteps: (due) => [
      'Når du har bekreftet, setter vi i gang.',
      `Du får svar senest ${due}. Trenger vi mer tid, sier vi fra før den datoen og forklarer hvorfor.`,
      'Trenger vi noe mer fra deg, tar vi kontakt.',
    ],
    status: 'Her kan du følge med på forespørselen din:',
    statusButton: 'Se hvordan det går',
    statusKeepPrivate: 'Lenken er personlig. Ta vare på den, og ikke del den med andre.',
    notYou:
      'Var det ikke du som sendte forespørselen? Da kan du se bort fra denne e-posten. Uten bekreftelse gjør vi ingenting med den.',
    eid: {
      confirm: (hours, control) =>
        `Du valgte å bekrefte hvem du er med ID-porten. Koden nedenfor bekrefter at e-postadressen er din: skriv den inn på nettsiden, eller trykk på ${NB_CONTROL[control]}. Koden og ${NB_CONTROL[control]} virker i ${hours}.`,
      signIn: (statusButton, control) =>
        `Har du ikke alt gjort det, bekrefter du hvem du er på statussiden: åpne den med ${NB_CONTROL[control]} «${statusButton}» lenger ned, og velg «Bekreft med ID-porten». Vil du heller at vi sjekker identiteten din for hånd, kan du velge det etter at du har skrevet inn koden.`,
      firstStep: 'Når koden er skrevet inn og du har bekreftet hvem du er med ID-porten, setter vi i gang.',
    },
  },
  newCode: {
    subject: 'Ny kode for å bekrefte forespørselen din',
    intro: (requestId) =>
      `Her er en ny kode, slik at du kan bekrefte forespørselen din (saksnummer ${requestId}). Bruk alltid den nyeste koden du har fått.`,
    validity: (hours, control) => `Koden og ${NB_CONTROL[control]} virker i ${hours}.`,
    codeLabel: 'Den nye koden din:',
    confirmButton: 'Bekreft forespørselen',
    notYou: 'Har du ikke bedt om en ny kode? Da kan du se bort fra denne e-posten.',
    eid: (statusButton, control) =>
      `Koden bekrefter e-postadressen din; har du ikke alt bekreftet hvem du er med ID-porten, gjør du det på statussiden, som ${NB_CONTROL[control]} «${statusButton}» nedenfor åpner.`,
  },
  closedUnverified: {
    subject: 'Forespørselen din er avsluttet',
    intro: (requestId) =>
      `Vi fikk aldri bekreftet at forespørselen med saksnummer ${requestId} kom fra deg, så vi har nå lukket den.`,
    nothingDone:
      'Vi har ikke gjort noe med forespørselen, og vi har ikke hentet fram noen opplysninger om deg.',
    again: 'Vil du fortsatt bruke rettighetene dine? Da kan du sende en ny forespørsel når som helst.',
    formButton: 'Send en ny forespørsel',
  },
  downloadCode: {
    subject: 'Kode for å laste ned opplysningene dine',
    intro: (requestId) =>
      `Du har bedt om å laste ned opplysningene fra forespørselen din (saksnummer ${requestId}). Skriv inn denne koden på statussiden.`,
    codeLabel: 'Koden din:',
    validity: (minutes) => `Koden virker i ${minutes} minutter, og bare én gang.`,
    notYou:
      'Har du ikke bedt om dette? Da kan du se bort fra e-posten. Ingen kan laste ned opplysningene uten koden.',
  },
  informationRequest: {
    subject: 'Vi trenger litt mer informasjon',
    intro: (requestId) =>
      `Før vi kan gå videre med forespørselen din (saksnummer ${requestId}), trenger vi litt mer fra deg.`,
    questionHeading: 'Dette lurer vi på',
    reply: (address) => `Svar på denne e-posten, eller skriv til ${address}. Oppgi saksnummeret.`,
  },
  completed: {
    subject: 'Svar på forespørselen din',
    intro: (type, requestId) =>
      `Vi er ferdige med forespørselen din om ${type.toLowerCase()} (saksnummer ${requestId}).`,
    whatWeDid: 'Dette har vi gjort',
    download:
      'Opplysningene ligger klare på statussiden din. For å laste dem ned ber vi deg bekrefte med en ny kode.',
    downloadButton: 'Gå til statussiden',
    complaint: (authority) =>
      `Er du ikke fornøyd med svaret, kan du kontakte oss. Du kan også klage til ${authority}.`,
  },
  rejected: {
    subject: 'Vi kan ikke gjennomføre forespørselen din',
    intro: (type, requestId) =>
      `Vi har gått gjennom forespørselen din om ${type.toLowerCase()} (saksnummer ${requestId}), og vi kan dessverre ikke gjennomføre den.`,
    reasonHeading: 'Hvorfor',
    complaint: (authority) =>
      `Er du uenig, kan du klage til ${authority} (personvernforordningen artikkel 77).`,
    court:
      'Du kan også bringe saken inn for domstolene (artikkel 79). Du kan gjøre begge deler, og du trenger ikke klage til oss først.',
  },
  attention: {
    subject: (requestId) => `Forespørsel ${requestId} trenger oppfølging`,
    intro: (requestId, stage) =>
      `Et steg i behandlingen av forespørsel ${requestId} (${stage}) stoppet etter flere forsøk. Se hva som skjedde, og prøv igjen fra konsollen.`,
    openButton: 'Åpne forespørselen',
  },
  contactConfirmation: {
    subject: 'Takk for meldingen din',
    intro: (controller) =>
      `Takk for at du skrev til ${controller}. Vi har fått meldingen din og svarer så snart vi kan.`,
    reference: 'Referanse',
    notRepeated:
      'Vi gjentar ikke meldingen din her. Da kommer ikke innholdet på avveie hvis e-postadressen skulle være feilskrevet.',
    notYou: 'Har du ikke skrevet til oss? Da kan du se bort fra denne e-posten.',
  },
  contactNotification: {
    subject: (messageId) => `Ny melding fra kontaktskjemaet (${messageId})`,
    intro: (controller) => `Noen har sendt ${controller} en melding gjennom kontaktskjemaet på nettsiden.`,
    whyNoDetails:
      'Av hensyn til personvernet står verken avsenderen eller meldingen i denne e-posten. Du leser den i konsollen.',
    openButton: 'Åpne meldingen i konsollen',
    messageId: 'Meldings-ID',
    automatic: 'Denne e-posten er sendt automatisk.',
  },
  extended: {
    subject: 'Vi trenger mer tid til å svare på forespørselen din',
    intro: (type, requestId) =>
      `Forespørselen din om ${type.toLowerCase()} (saksnummer ${requestId}) tar lengre tid enn vanlig. Personvernforordningen artikkel 12 nr. 3 lar oss forlenge svarfristen med inntil to måneder, og det gjør vi nå.`,
    reasonHeading: 'Hvorfor vi trenger mer tid',
    summaryCaption: 'Ny frist',
    reference: 'Saksnummer',
    originalDue: 'Opprinnelig frist',
    newDue: 'Ny frist',
    newDate: (date) => `Du får svar senest ${date}.`,
    reply: (address) => `Har du spørsmål, kan du svare på denne e-posten eller skrive til ${address}.`,
  },
  digest: {
    subject: (date, count) =>
      `Fristoversikt ${date}: ${count === 1 ? '1 forespørsel' : `${count} forespørsler`} å følge opp`,
    escalatedSubject: (date, overdue) =>
      `Eskalert: ${overdue === 1 ? '1 forespørsel' : `${overdue} forespørsler`} over fristen (${date})`,
    intro: (controller, date) => `Dette er fristoversikten for ${controller} per ${date}.`,
    escalationNote:
      'Du får denne kopien som personvernansvarlig fordi minst én forespørsel har passert svarfristen.',
    sections: {
      overdue: 'På overtid',
      dueWithinTwoDays: 'Frist innen 2 dager',
      dueWithinSevenDays: 'Frist innen 7 dager',
      decisionNudges: 'Dag 21: bestem om fristen skal forlenges',
    },
    requestTypes: requestTypeNames('nb', 'name'),
    requestType: 'Type',
    due: 'Frist',
    daysLeft: (days) =>
      days < 0
        ? `${-days} ${days === -1 ? 'dag' : 'dager'} over fristen`
        : days === 0
          ? 'i dag'
          : `${days} ${days === 1 ? 'dag' : 'dager'} igjen`,
    pending: 'Venter på',
    notStarted: 'ikke startet',
    extendBy: (date) => `Forleng før utgangen av ${date} hvis dere trenger mer tid.`,
    openButton: (requestId) => `Åpne ${requestId} i konsollen`,
    whyNoDetails:
      'Av hensyn til personvernet står ingen opplysninger om dem som har bedt om noe, i denne e-posten. Du finner dem i konsollen.',
    automatic: 'Denne e-posten sendes automatisk hver morgen når noe har frist snart.',
  },
};

const en: EmailText = {
  greeting: (name) => `Hi ${name},`,
  greetingStaff: 'Hello,',
  signOff: 'Kind regards,',
  hours: (count) => (count === 1 ? '1 hour' : `${count} hours`),
  requestTypes: requestTypeNames('en', 'forRequester'),
  buttonFallback: "If the button doesn't work, copy this address into your browser:",
  receipt: {
    subject: "We've received your request – please confirm it's you",
    intro: (controller) => `Thank you for getting in touch. ${controller} has received your request.`,
    summaryCaption: 'Receipt',
    reference: 'Reference',
    requestType: 'You asked for',
    aboutChild: 'About your child',
    received: 'Received',
    due: 'We will answer by',
    confirmHeading: "Confirm it's you",
    confirm: (hours, control) =>
      `Before we start, we need to know that you sent this request. Enter the code on the website, or ${control === 'button' ? 'press the button' : 'open the link'}. The code and ${EN_CONTROL[control]} work for ${hours}.`,
    codeLabel: 'Your code:',
    confirmButton: 'Confirm my request',
    nextHeading: 'What happens next?',
    nextSteps: (due) => [
      "Once you've confirmed, we get started.",
      `You will hear from us by ${due} at the latest. If we need more time, we will tell you before then and explain why.`,
      'If we need anything more from you, we will get in touch.',
    ],
    status: 'You can follow your request here:',
    statusButton: 'See how it is going',
    statusKeepPrivate: 'This link is personal. Keep it, and do not share it with anyone.',
    notYou:
      "Didn't send this request? Then you can ignore this email. Nothing happens with a request until it is confirmed.",
    eid: {
      confirm: (hours, control) =>
        `You chose to confirm who you are with ID-porten. The code below confirms that the email address is yours: enter it on the website, or ${control === 'button' ? 'press the button' : 'open the link'}. The code and ${EN_CONTROL[control]} work for ${hours}.`,
      signIn: (statusButton, control) =>
        `If you have not done so yet, confirm who you are on the status page: open it with ${EN_CONTROL[control]} "${statusButton}" further down, and choose "Confirm with ID-porten". If you would rather have us check your identity by hand, you can choose that after entering the code.`,
      firstStep: "Once the code is entered and you've confirmed who you are with ID-porten, we get started.",
    },
  },
  newCode: {
    subject: 'Your new code to confirm your request',
    intro: (requestId) =>
      `Here is a new code to confirm your request (reference ${requestId}). Always use the newest code you have received.`,
    validity: (hours, control) => `The code and ${EN_CONTROL[control]} work for ${hours}.`,
    codeLabel: 'Your new code:',
    confirmButton: 'Confirm my request',
    notYou: "Didn't ask for a new code? Then you can ignore this email.",
    eid: (statusButton, control) =>
      `The code confirms your email address; if you have not yet confirmed who you are with ID-porten, do so on the status page, which ${EN_CONTROL[control]} "${statusButton}" below opens.`,
  },
  closedUnverified: {
    subject: 'Your request has been closed',
    intro: (requestId) =>
      `We never got confirmation that request ${requestId} came from you, so we have now closed it.`,
    nothingDone: 'We did nothing with the request, and we looked up no information about you.',
    again: 'Still want to use your rights? You are welcome to send a new request at any time.',
    formButton: 'Send a new request',
  },
  downloadCode: {
    subject: 'Your code to download your information',
    intro: (requestId) =>
      `You asked to download the information from your request (reference ${requestId}). Enter this code on the status page.`,
    codeLabel: 'Your code:',
    validity: (minutes) => `The code works for ${minutes} minutes, and only once.`,
    notYou:
      "Didn't ask for this? Then you can ignore this email. No one can download the information without the code.",
  },
  informationRequest: {
    subject: 'We need a little more information',
    intro: (requestId) =>
      `Before we can go on with your request (reference ${requestId}), we need a little more from you.`,
    questionHeading: 'What we would like to know',
    reply: (address) => `Reply to this email, or write to ${address}. Please quote the reference.`,
  },
  completed: {
    subject: 'The answer to your request',
    intro: (type, requestId) => `We have finished your request: ${type} (reference ${requestId}).`,
    whatWeDid: 'What we did',
    download:
      'Your information is ready on your status page. To download it, we will ask you to confirm with a new code.',
    downloadButton: 'Go to the status page',
    complaint: (authority) =>
      `If you are not happy with the answer, please get in touch. You may also complain to ${authority}.`,
  },
  rejected: {
    subject: 'We cannot carry out your request',
    intro: (type, requestId) =>
      `We have looked at your request: ${type} (reference ${requestId}), and unfortunately we cannot carry it out.`,
    reasonHeading: 'Why',
    complaint: (authority) => `If you disagree, you may complain to ${authority} (GDPR Article 77).`,
    court:
      'You may also take the matter to court (Article 79). You may do both, and you need not complain to us first.',
  },
  attention: {
    subject: (requestId) => `Request ${requestId} needs attention`,
    intro: (requestId, stage) =>
      `A step in handling request ${requestId} (${stage}) stopped after several attempts. See what happened and try again from the console.`,
    openButton: 'Open the request',
  },
  contactConfirmation: {
    subject: 'Thank you for your message',
    intro: (controller) =>
      `Thank you for writing to ${controller}. We have received your message and will reply as soon as we can.`,
    reference: 'Reference',
    notRepeated:
      "We don't repeat your message here, so its contents stay private if the email address was mistyped.",
    notYou: "Didn't write to us? Then you can ignore this email.",
  },
  contactNotification: {
    subject: (messageId) => `New message from the contact form (${messageId})`,
    intro: (controller) =>
      `Someone has sent ${controller} a message through the contact form on the website.`,
    whyNoDetails:
      'To protect their privacy, neither the sender nor the message is in this email. You can read it in the console.',
    openButton: 'Open the message in the console',
    messageId: 'Message ID',
    automatic: 'This email was sent automatically.',
  },
  extended: {
    subject: 'We need more time to answer your request',
    intro: (type, requestId) =>
      `Your request: ${type} (reference ${requestId}) is taking longer than usual. Article 12(3) of the GDPR lets us extend the deadline by up to two months, and we are doing so now.`,
    reasonHeading: 'Why we need more time',
    summaryCaption: 'New deadline',
    reference: 'Reference',
    originalDue: 'Original deadline',
    newDue: 'New deadline',
    newDate: (date) => `You will hear from us by ${date} at the latest.`,
    reply: (address) => `If you have questions, reply to this email or write to ${address}.`,
  },
  digest: {
    subject: (date, count) =>
      `Deadlines ${date}: ${count === 1 ? '1 request' : `${count} requests`} to follow up`,
    escalatedSubject: (date, overdue) =>
      `Escalated: ${overdue === 1 ? '1 request' : `${overdue} requests`} overdue (${date})`,
    intro: (controller, date) => `These are the deadlines of ${controller} as of ${date}.`,
    escalationNote:
      'You receive this copy as the privacy officer because at least one request is past its deadline.',
    sections: {
      overdue: 'Overdue',
      dueWithinTwoDays: 'Due within 2 days',
      dueWithinSevenDays: 'Due within 7 days',
      decisionNudges: 'Day 21: decide whether to extend',
    },
    requestTypes: requestTypeNames('en', 'name'),
    requestType: 'Type',
    due: 'Due',
    daysLeft: (days) =>
      days < 0
        ? `${-days} ${days === -1 ? 'day' : 'days'} overdue`
        : days === 0
          ? 'today'
          : `${days} ${days === 1 ? 'day' : 'days'} left`,
    pending: 'Waiting for',
    notStarted: 'not started',
    extendBy: (date) => `Extend before the end of ${date} if you need more time.`,
    openButton: (requestId) => `Open ${requestId} in the console`,
    whyNoDetails:
      'To protect their privacy, nothing about the people who made these requests is in this email. You find it in the console.',
    automatic: 'This email is sent automatically each morning when something is due soon.',
  },
};

export const EMAIL_TEXT: Record<Language, EmailText> = { nb, en };
