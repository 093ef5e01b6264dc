/**
 * The access export's own words, in the two languages a requester can have. The policy document holds
 * the organisation's prose (purposes, sources, rights); this table holds the sentences the export adds
 * around it, including the honest fallbacks for what the policy does not state.
 */
import type { Language } from '../policy/language';

export interface ExportText {
  readonly title: { readonly access: string; readonly portability: string };
  readonly reference: string;
  readonly received: string;
  readonly generated: string;
  readonly controller: string;
  readonly orgNumber: string;
  readonly policyVersion: (version: string) => string;
  readonly intro: string;
  readonly contents: string;
  readonly files: {
    readonly heading: string;
    readonly caption: string;
    readonly file: string;
    readonly description: string;
    readonly index: string;
    readonly data: string;
    readonly csv: (system: string, kind: string) => string;
    readonly upload: (system: string) => string;
    readonly csvNote: string;
  };
  readonly letters: {
    readonly a: string;
    readonly b: string;
    readonly c: string;
    readonly d: string;
    readonly e: string;
    readonly f: string;
    readonly g: string;
    readonly h: string;
  };
  /** "personvernforordningen artikkel 15 nr. 1 bokstav a" / "GDPR Article 15(1)(a)". */
  readonly article15: (letter: string) => string;
  readonly noDataFound: string;
  readonly legalBasis: string;
  readonly seeAlso: string;
  readonly categoryIn: string;
  readonly specialCategory: string;
  readonly recipientsIntro: string;
  readonly noRecipients: string;
  readonly processorsIntro: string;
  readonly processor: (vendor: string) => string;
  readonly dataProcessingAgreement: string;
  /** Art. 15(2): above each transfer's safeguards, where a copy can be had. */
  readonly transferSafeguards: string;
  readonly retentionTable: {
    readonly caption: string;
    readonly system: string;
    readonly category: string;
    readonly period: string;
    readonly legalReference: string;
    readonly decision: string;
  };
  readonly decision: {
    readonly retainUntil: (date: string) => string;
    readonly retainUnknownEnd: string;
    readonly erasable: string;
    readonly notAssessed: string;
  };
  readonly atLeast: string;
  readonly rightsIntro: string;
  readonly howToUseRights: (email: string) => string;
  readonly complaintLink: (authority: string) => string;
  readonly sourceNotStated: string;
  readonly automatedNotStated: string;
  readonly automatedUsed: string;
  readonly nothingFound: { readonly heading: string; readonly intro: string };
  readonly withheld: { readonly heading: string; readonly intro: string };
  readonly notLinkable: { readonly heading: string; readonly intro: string; readonly whatYouCanDo: string };
  readonly contact: { readonly heading: string; readonly text: (email: string) => string };
}

const nb: ExportText = {
  title: { access: 'Opplysningene vi har om deg', portability: 'Opplysningene dine i maskinlesbar form' },
  reference: 'Saksnummer',
  received: 'Mottatt',
  generated: 'Utarbeidet',
  controller: 'Behandlingsansvarlig',
  orgNumber: 'org.nr.',
  policyVersion: (version) =>
    `Opplysningene om behandlingen er hentet fra personvernerklæringen, versjon ${version}.`,
  intro:
    'Dette er svaret på forespørselen din. Her ser du hva vi fant om deg, hva vi bruker det til, hvem vi deler det med, hvor lenge vi beholder det og hvilke rettigheter du har. En kopi av selve opplysningene ligger i filene som er listet opp under.',
  contents: 'Innhold',
  files: {
    heading: 'Filene i denne eksporten',
    caption: 'Filer i ZIP-filen',
    file: 'Fil',
    description: 'Innhold',
    index: 'Denne oversikten.',
    data: 'Alle opplysningene i én maskinlesbar fil (JSON).',
    csv: (system, kind) => `Tabell fra ${system}: ${kind} (CSV, kan åpnes i et regneark).`,
    upload: (system) => `Utskrift eller eksport fra ${system}, hentet ut av oss.`,
    csvNote:
      "I CSV-filene står det en apostrof (') foran tekst som begynner med =, +, -, @ eller et tabulator- eller returtegn, slik at regnearket ikke tolker teksten som en formel. I data.json står verdiene uendret.",
  },
  letters: {
    a: 'Hva vi bruker opplysningene til',
    b: 'Hvilke opplysninger vi har',
    c: 'Hvem som får opplysningene',
    d: 'Hvor lenge vi beholder opplysningene',
    e: 'Retting, sletting, begrensning og protest',
    f: 'Klage til tilsynsmyndigheten',
    g: 'Hvor opplysningene kommer fra',
    h: 'Automatiserte avgjørelser',
  },
  article15: (letter) => `personvernforordningen artikkel 15 nr. 1 bokstav ${letter}`,
  noDataFound: 'Vi fant ingen opplysninger om deg i systemene vi søkte i.',
  legalBasis: 'Rettslig grunnlag',
  seeAlso: 'Se også',
  categoryIn: 'Funnet i',
  specialCategory: 'Særlig beskyttet',
  recipientsIntro: 'Disse kan få opplysninger om deg, etter personvernerklæringen:',
  noRecipients:
    'Personvernerklæringen nevner ingen mottakere som får de opplysningene vi fant om deg, utenom leverandørene nedenfor.',
  processorsIntro: 'Disse leverandørene behandler opplysningene på våre vegne:',
  processor: (vendor) => `levert av ${vendor}`,
  dataProcessingAgreement: 'Vi har en databehandleravtale med leverandøren.',
  transferSafeguards: 'Garantiene:',
  retentionTable: {
    caption: 'Lagringstid for opplysningene vi fant',
    system: 'System',
    category: 'Opplysninger',
    period: 'Hvor lenge',
    legalReference: 'Hjemmel',
    decision: 'For deg nå',
  },
  decision: {
    retainUntil: (date) => `Vi må beholde dette til og med ${date}.`,
    retainUnknownEnd: 'Vi må beholde dette; sluttdatoen avhenger av en hendelse vi ikke kjenner ennå.',
    erasable: 'Ingen plikt hindrer sletting: du kan be oss slette dette.',
    notAssessed: 'Ikke vurdert i denne saken.',
  },
  atLeast: 'minst',
  rightsIntro: 'Du har rett til å be om dette:',
  howToUseRights: (email) =>
    `Skriv til ${email}, eller bruk skjemaet for personvernforespørsler på nettsidene våre.`,
  complaintLink: (authority) => `Les mer og klag hos ${authority}`,
  sourceNotStated: 'Personvernerklæringen sier ikke hvor disse opplysningene kommer fra.',
  automatedNotStated: 'Personvernerklæringen sier ingenting om automatiserte avgjørelser.',
  automatedUsed:
    'Etter personvernerklæringen tar vi avgjørelser om deg som bare bygger på automatisk behandling:',
  nothingFound: {
    heading: 'Systemer der vi ikke fant noe',
    intro: 'Vi søkte etter deg i disse systemene uten å finne opplysninger:',
  },
  withheld: {
    heading: 'Opplysninger som er holdt tilbake',
    intro:
      'Du ba på vegne av et barn eller en ungdom. Opplysningene fra disse systemene er ikke med, fordi barnet selv har rett til å bestemme over dem:',
  },
  notLinkable: {
    heading: 'Systemer der vi ikke kan finne deg',
    intro: 'I disse systemene kan opplysningene ikke knyttes til deg, så vi kan ikke slå deg opp der:',
    whatYouCanDo: 'Dette kan du gjøre selv:',
  },
  contact: {
    heading: 'Spørsmål',
    text: (email) => `Lurer du på noe i dette svaret, kan du skrive til ${email}. Oppgi saksnummeret.`,
  },
};

const en: ExportText = {
  title: {
    access: 'The information we hold about you',
    portability: 'Your information in machine-readable form',
  },
  reference: 'Reference',
  received: 'Received',
  generated: 'Generated',
  controller: 'Controller',
  orgNumber: 'org. no.',
  policyVersion: (version) =>
    `The information about our processing comes from the privacy notice, version ${version}.`,
  intro:
    'This is the answer to your request. It shows what we found about you, what we use it for, who we share it with, how long we keep it and which rights you have. A copy of the information itself is in the files listed below.',
  contents: 'Contents',
  files: {
    heading: 'The files in this export',
    caption: 'Files in the ZIP file',
    file: 'File',
    description: 'Contents',
    index: 'This overview.',
    data: 'All the information in one machine-readable file (JSON).',
    csv: (system, kind) => `Table from ${system}: ${kind} (CSV, opens in a spreadsheet).`,
    upload: (system) => `Printout or export from ${system}, taken out by our staff.`,
    csvNote:
      "In the CSV files, text that begins with =, +, -, @, a tab or a carriage return has an apostrophe (') in front, so that a spreadsheet does not treat it as a formula. In data.json the values are unchanged.",
  },
  letters: {
    a: 'What we use the information for',
    b: 'What information we hold',
    c: 'Who receives the information',
    d: 'How long we keep the information',
    e: 'Rectification, erasure, restriction and objection',
    f: 'Complaining to the supervisory authority',
    g: 'Where the information comes from',
    h: 'Automated decisions',
  },
  article15: (letter) => `GDPR Article 15(1)(${letter})`,
  noDataFound: 'We found no information about you in the systems we searched.',
  legalBasis: 'Legal basis',
  seeAlso: 'See also',
  categoryIn: 'Found in',
  specialCategory: 'Specially protected',
  recipientsIntro: 'According to the privacy notice, these may receive information about you:',
  noRecipients:
    'The privacy notice names no recipients of the information we found about you, apart from the providers below.',
  processorsIntro: 'These providers process the information on our behalf:',
  processor: (vendor) => `provided by ${vendor}`,
  dataProcessingAgreement: 'We have a data processing agreement with the provider.',
  transferSafeguards: 'The safeguards:',
  retentionTable: {
    caption: 'How long we keep the information we found',
    system: 'System',
    category: 'Information',
    period: 'How long',
    legalReference: 'Legal reference',
    decision: 'For you now',
  },
  decision: {
    retainUntil: (date) => `We must keep this until ${date} inclusive.`,
    retainUnknownEnd: 'We must keep this; the end date depends on an event we do not know yet.',
    erasable: 'Nothing obliges us to keep this: you can ask us to delete it.',
    notAssessed: 'Not assessed for this request.',
  },
  atLeast: 'at least',
  rightsIntro: 'You have the right to ask for the following:',
  howToUseRights: (email) => `Write to ${email}, or use the privacy request form on our website.`,
  complaintLink: (authority) => `Read more and complain at ${authority}`,
  sourceNotStated: 'The privacy notice does not say where this information comes from.',
  automatedNotStated: 'The privacy notice says nothing about automated decision-making.',
  automatedUsed:
    'According to the privacy notice, we make decisions about you by automated processing alone:',
  nothingFound: {
    heading: 'Systems where we found nothing',
    intro: 'We searched for you in these systems and found no information:',
  },
  withheld: {
    heading: 'Information withheld',
    intro:
      'You asked on behalf of a child or young person. The information from these systems is not included, because the child has a say over it themselves:',
  },
  notLinkable: {
    heading: 'Systems where we cannot look you up',
    intro: 'In these systems the information cannot be tied to you, so we cannot look you up there:',
    whatYouCanDo: 'What you can do yourself:',
  },
  contact: {
    heading: 'Questions',
    text: (email) => `If anything in this answer is unclear, write to ${email} and give the reference.`,
  },
};

export const EXPORT_TEXT: Record<Language, ExportText> = { nb, en };
