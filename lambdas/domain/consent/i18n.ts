/**
 * The cookie banner's words and the consent record page's, in bokmål and English. The purposes' names are
 * ours; the tools under them, and what each tool is for, come from the policy (purposes.ts).
 */
import type { Language } from '../policy/language';
import type { KnownConsentPurpose } from './purposes';

export interface BannerText {
  readonly title: string;
  readonly intro: string;
  readonly policyLink: string;
  readonly acceptAll: string;
  readonly rejectAll: string;
  readonly customise: string;
  readonly panelTitle: string;
  readonly panelIntro: string;
  readonly tools: string;
  readonly sentTo: string;
  readonly save: string;
  readonly saved: string;
  readonly consentId: string;
  readonly seeRecord: string;
  readonly erase: string;
  readonly erased: string;
  readonly purposes: Record<KnownConsentPurpose, { readonly label: string; readonly description: string }>;
}

export const BANNER_TEXT: Record<Language, BannerText> = {
  nb: {
    title: 'Informasjonskapsler på nettsidene våre',
    intro:
      'Vi vil gjerne bruke informasjonskapsler og lignende verktøy til statistikk og markedsføring, men bare hvis du sier ja. Nettsidene virker like godt om du sier nei, og du kan ombestemme deg når som helst under «Endre samtykke».',
    policyLink: 'Les mer i personvernerklæringen',
    acceptAll: 'Godta alle',
    rejectAll: 'Avvis alle',
    customise: 'Tilpass',
    panelTitle: 'Velg hva du sier ja til',
    panelIntro:
      'Ingenting er valgt på forhånd. Det som trengs for at nettsidene skal virke, blir brukt uansett, og valget ditt huskes i nettleseren din.',
    tools: 'Verktøy',
    sentTo: 'sendes til',
    save: 'Lagre valgene',
    saved: 'Valget ditt er lagret.',
    consentId: 'Samtykke-ID-en din',
    seeRecord: 'Se hva vi har lagret om valgene dine',
    erase: 'Slett det vi har lagret',
    erased:
      'Vi har slettet det vi hadde lagret om valgene dine, og bruker ingen av verktøyene før du velger på nytt.',
    purposes: {
      preferences: {
        label: 'Innstillinger',
        description: 'Husker valg du gjør på nettsidene, for eksempel språk.',
      },
      analytics: {
        label: 'Statistikk',
        description: 'Viser oss hvordan nettsidene brukes, slik at vi kan gjøre dem bedre.',
      },
      marketing: {
        label: 'Markedsføring',
        description: 'Lar oss vise deg annonsene våre andre steder og måle om de virker.',
      },
    },
  },
  en: {
    title: 'Cookies on our website',
    intro:
      'We would like to use cookies and similar tools for statistics and marketing, but only if you say yes. The website works just as well if you say no, and you can change your mind at any time under "Change consent".',
    policyLink: 'Read more in our privacy policy',
    acceptAll: 'Accept all',
    rejectAll: 'Reject all',
    customise: 'Customise',
    panelTitle: 'Choose what you say yes to',
    panelIntro:
      'Nothing is chosen in advance. What the website needs in order to work is used regardless, and your choice is remembered in your browser.',
    tools: 'Tools',
    sentTo: 'sent to',
    save: 'Save choices',
    saved: 'Your choice has been saved.',
    consentId: 'Your consent ID',
    seeRecord: 'See what we keep about your choices',
    erase: 'Erase what we keep',
    erased:
      'We have erased what we kept about your choices, and use none of the tools until you choose again.',
    purposes: {
      preferences: {
        label: 'Preferences',
        description: 'Remembers choices you make on the website, such as the language.',
      },
      analytics: {
        label: 'Statistics',
        description: 'Shows us how the website is used, so that we can improve it.',
      },
      marketing: {
        label: 'Marketing',
        description: 'Lets us show you our ads elsewhere and measure whether they work.',
      },
    },
  },
};

export interface RecordPageText {
  readonly title: string;
  readonly intro: string;
  readonly consentId: string;
  readonly decidedAt: string;
  readonly recordedAt: string;
  readonly action: string;
  readonly policyVersion: string;
  readonly keptUntil: string;
  readonly yes: string;
  readonly no: string;
  readonly actions: Record<'accept-all' | 'reject-all' | 'custom', string>;
  readonly eraseTitle: string;
  readonly eraseIntro: string;
  readonly eraseButton: string;
  readonly erasedTitle: string;
  readonly erasedIntro: string;
  readonly otherLanguage: string;
}

export const RECORD_PAGE_TEXT: Record<Language, RecordPageText> = {
  nb: {
    title: 'Det vi har lagret om samtykket ditt',
    intro:
      'Hver gang du velger i samtykkebanneret på nettsidene våre, lagrer vi valget under en tilfeldig ID som bare nettleseren din kjenner. Vi lagrer ikke IP-adressen din eller hvilken nettleser du bruker.',
    consentId: 'Samtykke-ID',
    decidedAt: 'Valgt (etter nettleserens klokke)',
    recordedAt: 'Mottatt hos oss',
    action: 'Hva du valgte',
    policyVersion: 'Personvernerklæringens versjon',
    keptUntil: 'Slettes automatisk',
    yes: 'ja',
    no: 'nei',
    actions: { 'accept-all': 'Godta alle', 'reject-all': 'Avvis alle', custom: 'Tilpasset' },
    eraseTitle: 'Slett det vi har lagret',
    eraseIntro:
      'Sletter du, har vi ikke lenger noe bevis for samtykket. Derfor bruker nettsidene ingen av verktøyene før du velger på nytt.',
    eraseButton: 'Slett det vi har lagret',
    erasedTitle: 'Slettet',
    erasedIntro:
      'Vi har slettet alt vi hadde lagret under denne samtykke-ID-en. Telletall uten ID, for eksempel hvor mange som sa ja en bestemt dag, blir stående.',
    otherLanguage: 'English',
  },
  en: {
    title: 'What we keep about your consent',
    intro:
      'Each time you choose in the consent banner on our website, we keep the choice under a random ID that only your browser knows. We do not keep your IP address or which browser you use.',
    consentId: 'Consent ID',
    decidedAt: 'Chosen (by your browser’s clock)',
    recordedAt: 'Received by us',
    action: 'What you chose',
    policyVersion: 'Privacy policy version',
    keptUntil: 'Erased automatically',
    yes: 'yes',
    no: 'no',
    actions: { 'accept-all': 'Accept all', 'reject-all': 'Reject all', custom: 'Customised' },
    eraseTitle: 'Erase what we keep',
    eraseIntro:
      'Once you erase it, we no longer have proof of your consent, so the website uses none of the tools until you choose again.',
    eraseButton: 'Erase what we keep',
    erasedTitle: 'Erased',
    erasedIntro:
      'We have erased everything we kept under this consent ID. Counts without an ID, such as how many said yes on a given day, remain.',
    otherLanguage: 'Norsk',
  },
};
