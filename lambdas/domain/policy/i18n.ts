/**
 * The notice's own words: headings, labels and the phrases that turn policy data (periods, GDPR
 * articles, anchors) into sentences. The policy document holds the organisation's prose; this file
 * holds the page's. Types only from the schema, so the renderer bundle stays free of zod.
 */
import type { Language } from './language';
import type { ControllerActivity, RetentionAnchor } from './schema';

type Article6Letter = 'a' | 'b' | 'c' | 'd' | 'e' | 'f';
type Article9Letter = Article6Letter | 'g' | 'h' | 'i' | 'j';

export interface UiText {
  readonly otherLanguage: { readonly lang: Language; readonly label: string };
  /** Followed by the effective date. */
  readonly versionPrefix: (version: string) => string;
  readonly contents: string;
  /** The controllers table's caption, from the organisation's name (`organisation.name`) and their number. */
  readonly controllersCaption: (organisation: string, companies: number) => string;
  readonly company: string;
  readonly orgNumber: string;
  readonly address: string;
  readonly operates: string;
  readonly activity: Record<ControllerActivity, string>;
  readonly mustKeep: string;
  readonly healthPersonnel: (authority: string, law: string) => string;
  readonly ownSystem: string;
  readonly providedBy: (vendor: string) => string;
  readonly onOurBehalf: string;
  readonly seeAlso: string;
  readonly systemLabels: {
    readonly whoRunsIt: string;
    readonly categories: string;
    readonly legalBasis: string;
    readonly dataSource: string;
    readonly safeguards: string;
    readonly dataProcessingAgreement: string;
    readonly retention: string;
    readonly usedBy: string;
    readonly requests: string;
  };
  readonly dataProcessingAgreementInPlace: string;
  readonly handling: { readonly automated: string; readonly manual: string; readonly whatYouCanDo: string };
  readonly websiteHeadings: { readonly collected: string; readonly cookies: string };
  readonly contactFormCollects: string;
  readonly recipientsIntro: string;
  readonly retentionTable: {
    readonly caption: string;
    readonly what: string;
    readonly howLong: string;
    readonly legalReference: string;
    readonly erasable: string;
    readonly erasableYes: string;
    readonly erasableNo: string;
    readonly erasableNotApplicable: string;
  };
  readonly inSystems: (systems: string) => string;
  readonly atLeast: string;
  readonly anchorAfter: Record<RetentionAnchor, string>;
  readonly anchorUntil: Record<RetentionAnchor, string>;
  readonly durationUnits: { readonly Y: Unit; readonly M: Unit; readonly W: Unit; readonly D: Unit };
  readonly and: string;
  readonly gdprArticle: (article: string) => string;
  readonly basisArticle6: (letters: string) => string;
  readonly basisArticle9: (letters: string) => string;
  readonly article6Labels: Record<Article6Letter, string>;
  readonly article9Labels: Record<Article9Letter, string>;
  readonly complaintLink: (authority: string) => string;
  /** Leads to the privacy centre (`GET /`), named after the organisation. */
  readonly centreLink: (organisation: string) => string;
  /** Under a table's caption on narrow screens, where it may be wider than the screen. */
  readonly scrollHint: string;
  /** The rights section's "how": the request form first, then the other ways in. */
  readonly useRights: {
    readonly before: string;
    readonly requestForm: string;
    /** After the link: what happens next, with the deadline of GDPR Art. 12(3). */
    readonly after: string;
    readonly questions: string;
  };
  readonly howToUseRights: string;
  readonly otherPrivacyContact: (company: string) => string;
  readonly contactTopics: { readonly email: string; readonly phone: string; readonly form: string };
  readonly months: readonly string[];
  readonly formatDate: (day: number, month: string, year: number) => string;
}

interface Unit {
  readonly one: string;
  readonly many: string;
}

const nb: UiText = {
  otherLanguage: { lang: 'en', label: 'Read this in English' },
  versionPrefix: (version) => `Versjon ${version}, gjelder fra`,
  contents: 'Innhold',
  controllersCaption: (organisation, companies) =>
    companies === 1 ? `Selskapet bak ${organisation}` : `Selskapene bak ${organisation}`,
  company: 'Selskap',
  orgNumber: 'Org.nr.',
  address: 'Adresse',
  operates: 'Driver',
  activity: { clinic: 'klinikk', gym: 'treningssenter' },
  mustKeep: 'Dette er vi pålagt å ta vare på, og det kan derfor ikke slettes på forespørsel:',
  healthPersonnel: (authority, law) =>
    `Behandlerne våre er autorisert helsepersonell, godkjent av ${authority}, og vi følger ${law}.`,
  ownSystem: 'Vår egen løsning.',
  providedBy: (vendor) => `Levert av ${vendor}.`,
  onOurBehalf: 'Leverandøren behandler opplysningene på våre vegne.',
  seeAlso: 'Se også',
  systemLabels: {
    whoRunsIt: 'Hvem som står bak',
    categories: 'Opplysninger',
    legalBasis: 'Rettslig grunnlag',
    dataSource: 'Hvor opplysningene kommer fra',
    safeguards: 'Slik beskyttes opplysningene',
    dataProcessingAgreement: 'Databehandleravtale',
    retention: 'Hvor lenge',
    usedBy: 'Brukes av',
    requests: 'Når du ber om innsyn eller sletting',
  },
  dataProcessingAgreementInPlace:
    'Vi har en databehandleravtale med leverandøren, slik personvernreglene krever.',
  handling: {
    automated: 'Vi finner og sletter opplysningene her automatisk.',
    manual: 'En av oss finner fram eller sletter opplysningene her for hånd.',
    whatYouCanDo: 'Dette kan du gjøre selv:',
  },
  websiteHeadings: { collected: 'Hva vi registrerer', cookies: 'Informasjonskapsler' },
  contactFormCollects: 'I kontaktskjemaet spør vi vanligvis om:',
  recipientsIntro: 'Eksempler på hvem vi kan dele helseopplysninger med:',
  retentionTable: {
    caption: 'Lagringstid for opplysningene',
    what: 'Opplysninger',
    howLong: 'Hvor lenge',
    legalReference: 'Hjemmel',
    erasable: 'Kan du få dem slettet?',
    erasableYes: 'Ja',
    erasableNo: 'Nei, loven krever at vi beholder dem',
    erasableNotApplicable: 'Ikke aktuelt, de kan ikke knyttes til deg',
  },
  inSystems: (systems) => `i ${systems}`,
  atLeast: 'minst',
  anchorAfter: {
    collection: 'etter at de ble registrert',
    transaction: 'etter kjøpet',
    'end-of-fiscal-year': 'etter utgangen av regnskapsåret',
    'last-journal-entry': 'etter siste journalnotat',
    'end-of-membership': 'etter at medlemskapet er avsluttet',
    'last-contact': 'etter siste kontakt',
    'request-closed': 'etter at forespørselen er avsluttet',
    unsubscribe: 'etter at du har meldt deg av',
  },
  anchorUntil: {
    collection: 'til de er registrert',
    transaction: 'til kjøpet er gjennomført',
    'end-of-fiscal-year': 'til utgangen av regnskapsåret',
    'last-journal-entry': 'til siste journalnotat',
    'end-of-membership': 'til medlemskapet er avsluttet',
    'last-contact': 'til siste kontakt',
    'request-closed': 'til forespørselen er avsluttet',
    unsubscribe: 'til du melder deg av',
  },
  durationUnits: {
    Y: { one: 'år', many: 'år' },
    M: { one: 'måned', many: 'måneder' },
    W: { one: 'uke', many: 'uker' },
    D: { one: 'dag', many: 'dager' },
  },
  and: 'og',
  gdprArticle: (article) => {
    const [number, paragraph] = article.replace(')', '').split('(');
    return `personvernforordningen artikkel ${number}${paragraph === undefined ? '' : ` nr. ${paragraph}`}`;
  },
  basisArticle6: (letters) => `personvernforordningen artikkel 6 nr. 1 bokstav ${letters}`,
  basisArticle9: (letters) => `artikkel 9 nr. 2 bokstav ${letters}`,
  article6Labels: {
    a: 'samtykke',
    b: 'avtale',
    c: 'rettslig plikt',
    d: 'vitale interesser',
    e: 'offentlig oppgave',
    f: 'berettiget interesse',
  },
  article9Labels: {
    a: 'uttrykkelig samtykke',
    b: 'arbeids- og trygderett',
    c: 'vitale interesser',
    d: 'ideell virksomhet',
    e: 'opplysninger du selv har gjort kjent',
    f: 'rettskrav',
    g: 'viktige allmenne interesser',
    h: 'helsehjelp',
    i: 'folkehelse',
    j: 'arkiv, forskning og statistikk',
  },
  complaintLink: (authority) => `Les mer og klag hos ${authority}`,
  centreLink: (organisation) => `Personvern hos ${organisation}: forsiden`,
  scrollHint: 'Er skjermen smal, kan du sveipe tabellen sidelengs for å se alle kolonnene.',
  useRights: {
    before: 'Vil du bruke en av rettighetene nedenfor, fyller du ut',
    requestForm: 'skjemaet for forespørsler',
    after:
      '. Du får en kvittering på e-post med en personlig lenke der du kan følge saken. Vi svarer innen én måned; trenger vi mer tid, sier vi fra før det og forklarer hvorfor (personvernforordningen artikkel 12 nr. 3).',
    questions: 'Har du spørsmål, når du oss slik:',
  },
  howToUseRights: 'Alle måtene å nå oss på står under',
  otherPrivacyContact: (company) => `Personvernkontakt for ${company}`,
  contactTopics: { email: 'E-post', phone: 'Telefon', form: 'Kontaktskjema' },
  months: [
    'januar',
    'februar',
    'mars',
    'april',
    'mai',
    'juni',
    'juli',
    'august',
    'september',
    'oktober',
    'november',
    'desember',
  ],
  formatDate: (day, month, year) => `${day}. ${month} ${year}`,
};

const en: UiText = {
  otherLanguage: { lang: 'nb', label: 'Les på norsk' },
  versionPrefix: (version) => `Version ${version}, in effect from`,
  contents: 'Contents',
  controllersCaption: (organisation, companies) =>
    companies === 1 ? `The company behind ${organisation}` : `The companies behind ${organisation}`,
  company: 'Company',
  orgNumber: 'Org. no.',
  address: 'Address',
  operates: 'Runs',
  activity: { clinic: 'clinic', gym: 'gym' },
  mustKeep: 'We are required to keep the following, so it cannot be deleted on request:',
  healthPersonnel: (authority, law) =>
    `Our practitioners are authorised health personnel, approved by ${authority}, and we follow ${law}.`,
  ownSystem: 'Our own system.',
  providedBy: (vendor) => `Provided by ${vendor}.`,
  onOurBehalf: 'The provider processes the information on our behalf.',
  seeAlso: 'See also',
  systemLabels: {
    whoRunsIt: 'Who runs it',
    categories: 'Information',
    legalBasis: 'Legal basis',
    dataSource: 'Where the information comes from',
    safeguards: 'How the information is protected',
    dataProcessingAgreement: 'Data processing agreement',
    retention: 'How long',
    usedBy: 'Used by',
    requests: 'When you ask for access or erasure',
  },
  dataProcessingAgreementInPlace:
    'We have a data processing agreement with the provider, as data protection law requires.',
  handling: {
    automated: 'We find and delete the information here automatically.',
    manual: 'One of our staff finds or deletes the information here by hand.',
    whatYouCanDo: 'What you can do yourself:',
  },
  websiteHeadings: { collected: 'What we record', cookies: 'Cookies' },
  contactFormCollects: 'The contact form usually asks for:',
  recipientsIntro: 'Examples of who we may share health information with:',
  retentionTable: {
    caption: 'How long we keep each kind of information',
    what: 'Information',
    howLong: 'How long',
    legalReference: 'Legal reference',
    erasable: 'Can you have it deleted?',
    erasableYes: 'Yes',
    erasableNo: 'No, the law requires us to keep it',
    erasableNotApplicable: 'Not applicable, it cannot be linked to you',
  },
  inSystems: (systems) => `in ${systems}`,
  atLeast: 'at least',
  anchorAfter: {
    collection: 'after it was recorded',
    transaction: 'after the purchase',
    'end-of-fiscal-year': 'after the end of the financial year',
    'last-journal-entry': 'after the last entry in your record',
    'end-of-membership': 'after your membership ends',
    'last-contact': 'after we were last in touch',
    'request-closed': 'after your request is closed',
    unsubscribe: 'after you unsubscribe',
  },
  anchorUntil: {
    collection: 'until it is recorded',
    transaction: 'until the purchase is complete',
    'end-of-fiscal-year': 'until the end of the financial year',
    'last-journal-entry': 'until the last entry in your record',
    'end-of-membership': 'until your membership ends',
    'last-contact': 'until we were last in touch',
    'request-closed': 'until your request is closed',
    unsubscribe: 'until you unsubscribe',
  },
  durationUnits: {
    Y: { one: 'year', many: 'years' },
    M: { one: 'month', many: 'months' },
    W: { one: 'week', many: 'weeks' },
    D: { one: 'day', many: 'days' },
  },
  and: 'and',
  gdprArticle: (article) => `GDPR Article ${article}`,
  basisArticle6: (letters) => `GDPR Article 6(1)${letters}`,
  basisArticle9: (letters) => `Article 9(2)${letters}`,
  article6Labels: {
    a: 'consent',
    b: 'contract',
    c: 'legal obligation',
    d: 'vital interests',
    e: 'public task',
    f: 'legitimate interest',
  },
  article9Labels: {
    a: 'explicit consent',
    b: 'employment and social security law',
    c: 'vital interests',
    d: 'not-for-profit body',
    e: 'information you made public yourself',
    f: 'legal claims',
    g: 'substantial public interest',
    h: 'health care',
    i: 'public health',
    j: 'archiving, research and statistics',
  },
  complaintLink: (authority) => `Read more and complain at ${authority}`,
  centreLink: (organisation) => `Privacy at ${organisation}: start page`,
  scrollHint: 'On a narrow screen, swipe the table sideways to see every column.',
  useRights: {
    before: 'To use one of the rights below, fill in',
    requestForm: 'the request form',
    after:
      '. You get a receipt by email with a personal link where you can follow your request. We answer within one month; if we need more time, we tell you before then and explain why (GDPR Article 12(3)).',
    questions: 'If you have questions, this is how to reach us:',
  },
  howToUseRights: 'Every way to reach us is listed under',
  otherPrivacyContact: (company) => `Privacy contact for ${company}`,
  contactTopics: { email: 'Email', phone: 'Phone', form: 'Contact form' },
  months: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
  formatDate: (day, month, year) => `${day} ${month} ${year}`,
};

export const UI_TEXT: Record<Language, UiText> = { nb, en };

/** "a, b og c" / "a, b and c". */
export function listPhrase(items: readonly string[], lang: Language): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${UI_TEXT[lang].and} ${items[items.length - 1]}`;
}

/** "2026-11-25" → "25. november 2026" / "25 November 2026". */
export function formatDate(isoDate: string, lang: Language): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  const text = UI_TEXT[lang];
  return text.formatDate(day ?? 0, text.months[(month ?? 1) - 1] ?? '', year ?? 0);
}

/** "P10Y" → "10 år" / "10 years"; "P1Y6M" → "1 år og 6 måneder". Empty for a zero period. */
export function formatDuration(duration: string, lang: Language): string {
  const units = UI_TEXT[lang].durationUnits;
  const parts: string[] = [];
  for (const match of duration.matchAll(/(\d+)([YMWD])/g)) {
    const amount = Number(match[1]);
    const unit = units[match[2] as keyof typeof units];
    if (amount > 0) parts.push(`${amount} ${amount === 1 ? unit.one : unit.many}`);
  }
  return listPhrase(parts, lang);
}

/** Art. 6(1) letters with their plain names: "avtale og samtykke (personvernforordningen artikkel 6 nr. 1 bokstav a og b)". */
export function formatLegalBasis(
  article6: readonly Article6Letter[],
  article9: readonly Article9Letter[],
  lang: Language,
): string {
  const text = UI_TEXT[lang];
  const sorted6 = [...article6].sort();
  const sorted9 = [...article9].sort();
  const names = [
    ...sorted6.map((letter) => text.article6Labels[letter]),
    ...sorted9.map((letter) => text.article9Labels[letter]),
  ];
  const letters = (list: string[]) =>
    listPhrase(lang === 'en' ? list.map((letter) => `(${letter})`) : list, lang);
  const citation = [text.basisArticle6(letters(sorted6))];
  if (sorted9.length > 0) citation.push(text.basisArticle9(letters(sorted9)));
  const label = listPhrase(names, lang);
  return `${label.charAt(0).toUpperCase()}${label.slice(1)} (${citation.join(` ${text.and} `)})`;
}
