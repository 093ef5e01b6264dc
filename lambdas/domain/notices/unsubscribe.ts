/**
 * The unsubscribe link of a change notice: `/policy/unsubscribe?v=<version>&r=<recipient key>&t=<token>`.
 * The token is random (256 bits) and only its hash is stored on the delivery it was sent with, so the link
 * proves that its holder received that email. Unsubscribing records an opt-out (the next notice skips the
 * person) and withdraws their consent to notices, if they gave one on a form. Opening the link only shows a
 * button: mail scanners that follow links must not unsubscribe anyone.
 */
import { Html, html } from '../policy/html';
import type { Language } from '../policy/language';
import { POLICY_PAGE_STYLE } from '../policy/page-style';
import { POLICY_VERSION_PATTERN } from '../policy/version';
import { unsubscribeTokenHash } from './delivery';
import type { DeliveryKey } from './send';

export interface UnsubscribeLink extends DeliveryKey {
  readonly token: string;
}

export interface UnsubscribeStore {
  tokenMatches(key: DeliveryKey, tokenHash: string): Promise<boolean>;
  recordOptOut(to: string, version: string, at: string): Promise<void>;
  withdrawConsent(to: string, at: string, via: string): Promise<boolean>;
}

/** The link's parts, or undefined when they cannot be ours. */
export function readUnsubscribeLink(
  query: Record<string, string | undefined> | null,
): UnsubscribeLink | undefined {
  const version = query?.v ?? '';
  const to = query?.r ?? '';
  const token = query?.t ?? '';
  if (
    !POLICY_VERSION_PATTERN.test(version) ||
    !/^[0-9a-f]{64}$/.test(to) ||
    !/^[A-Za-z0-9_-]{43}$/.test(token)
  ) {
    return undefined;
  }
  return { version, to, token };
}

export async function unsubscribe(
  link: UnsubscribeLink,
  store: UnsubscribeStore,
  now: Date,
): Promise<boolean> {
  if (!(await store.tokenMatches(link, unsubscribeTokenHash(link.token)))) return false;
  const at = now.toISOString();
  await store.recordOptOut(link.to, link.version, at);
  await store.withdrawConsent(link.to, at, `unsubscribe-link:${link.version}`);
  return true;
}

const TEXT = {
  nb: {
    title: 'Varsler om endringer i personvernerklæringen',
    ask: 'Vil du slutte å få e-post når vi gjør større endringer i personvernerklæringen?',
    button: 'Ja, meld meg av',
    done: 'Du er meldt av. Du får ikke flere slike e-poster fra oss.',
    invalid: 'Lenken virker ikke. Den kan være skrevet av feil; prøv lenken i e-posten på nytt.',
  },
  en: {
    title: 'Notices of changes to the privacy notice',
    ask: 'Do you want to stop getting emails when we make major changes to our privacy notice?',
    button: 'Yes, unsubscribe me',
    done: 'You are unsubscribed. You will not get these emails from us again.',
    invalid: 'This link does not work. It may have been copied wrongly; try the link in the email again.',
  },
} as const;

export type UnsubscribePageState = 'ask' | 'done' | 'invalid';

export function renderUnsubscribePage(state: UnsubscribePageState, lang: Language): string {
  const t = TEXT[lang];
  const body: Html =
    state === 'ask'
      ? html`<p>${t.ask}</p>
<form method="post"><button type="submit">${t.button}</button></form>`
      : html`<p>${state === 'done' ? t.done : t.invalid}</p>`;
  const page = html`<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${t.title}</title>
<style>${new Html(POLICY_PAGE_STYLE)}</style>
</head>
<body>
<h1>${t.title}</h1>
${body}
</body>
</html>
`;
  return `<!doctype html>\n${page.value}`;
}
