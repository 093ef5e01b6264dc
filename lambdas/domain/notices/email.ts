/**
 * The change notice email, in the recipient's language: what changed (the publisher's summary and the
 * readable diff), when it takes effect, links to the new version and to its change page, and a link to stop
 * these notices. Laid out by the shared email layout, so text and HTML say the same. Pure.
 */
import { type Block, layoutHtml, layoutText } from '../email/layout';
import type { RenderedEmail } from '../email/schema';
import type { Language } from '../policy/language';

export interface NoticeEmail {
  readonly lang: Language;
  readonly organisation: string;
  readonly version: string;
  readonly effectiveDate: string;
  readonly summary: string;
  /** The diff in one paragraph (diffSummary). */
  readonly changes: string;
  readonly versionUrl: string;
  readonly changesUrl: string;
  readonly unsubscribeUrl: string;
}

const TEXT = {
  nb: {
    subject: (organisation: string) => `Vi endrer personvernerklæringen til ${organisation}`,
    intro: (organisation: string) =>
      `Du får denne e-posten fordi du har bedt om å høre fra oss når ${organisation} gjør større endringer i personvernerklæringen, eller fordi du er medlem eller pasient hos oss.`,
    facts: 'Den nye versjonen',
    version: 'Versjon',
    effective: 'Gjelder fra',
    summary: 'Dette endrer vi',
    details: 'Endringene i detalj',
    read: 'Les den nye erklæringen',
    readFallback: 'Lenken til erklæringen:',
    seeChanges: 'Se alle endringene',
    changes: 'Lenken til endringene:',
    stop: 'Vil du ikke få slike e-poster mer?',
    unsubscribe: 'Meld meg av',
    unsubscribeFallback: 'Lenken for å melde deg av:',
  },
  en: {
    subject: (organisation: string) => `We are changing the ${organisation} privacy notice`,
    intro: (organisation: string) =>
      `You are getting this email because you asked to hear from us when ${organisation} makes major changes to its privacy notice, or because you are a member or patient with us.`,
    facts: 'The new version',
    version: 'Version',
    effective: 'In effect from',
    summary: 'What we are changing',
    details: 'The changes in detail',
    read: 'Read the new notice',
    readFallback: 'The link to the notice:',
    seeChanges: 'See every change',
    changes: 'The link to the changes:',
    stop: 'Rather not get these emails?',
    unsubscribe: 'Unsubscribe me',
    unsubscribeFallback: 'The link to unsubscribe:',
  },
} as const;

export function renderNoticeEmail(notice: NoticeEmail): RenderedEmail {
  const t = TEXT[notice.lang];
  const subject = t.subject(notice.organisation);
  const body: Block[] = [
    { kind: 'paragraph', text: t.intro(notice.organisation) },
    {
      kind: 'facts',
      caption: t.facts,
      rows: [
        [t.version, notice.version],
        [t.effective, { date: notice.effectiveDate }],
      ],
    },
    { kind: 'heading', text: t.summary },
    { kind: 'paragraph', text: notice.summary },
    { kind: 'heading', text: t.details },
    { kind: 'paragraph', text: notice.changes },
    { kind: 'button', label: t.read, url: notice.versionUrl, fallback: t.readFallback },
    { kind: 'button', label: t.seeChanges, url: notice.changesUrl, fallback: t.changes },
  ];
  const footer: Block[] = [
    { kind: 'small', lines: [t.stop] },
    { kind: 'button', label: t.unsubscribe, url: notice.unsubscribeUrl, fallback: t.unsubscribeFallback },
  ];
  const layout = { lang: notice.lang, subject, body, footer };
  return { subject, text: layoutText(layout), html: layoutHtml(layout) };
}
