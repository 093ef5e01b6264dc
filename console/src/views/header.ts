/**
 * The bar above every view: the skip link, the navigation (the privacy officer's register and policy pages
 * for that group only), who is signed in, the language switch and signing out.
 */
import { session } from '../auth';
import { h } from '../dom';
import { currentRoute } from '../routes';
import { isPrivacyOfficer, lang, switchLanguage, texts, tokens } from '../state';

/**
 * `languageSwitched` redraws the page, from memory, in the language just chosen; `signedOut` (locally, once
 * the session is cleared) forgets what was loaded and shows the sign-in.
 */
export function renderHeader(languageSwitched: () => void, signedOut: () => void): void {
  const header = document.getElementById('bar') as HTMLElement;
  const who = session.get();
  const toggle = h('button', { type: 'button', lang: lang === 'nb' ? 'en' : 'nb', class: 'secondary' });
  toggle.textContent = texts().switchLanguage;
  toggle.setAttribute('aria-label', texts().switchLanguageLabel);
  toggle.addEventListener('click', () => {
    switchLanguage();
    languageSwitched();
  });
  const signOut = h('button', { type: 'button', class: 'secondary' }, texts().signOut);
  signOut.addEventListener('click', () => {
    session.clear();
    // On AWS, end the hosted UI's session too, or the next sign-in would pass without a password.
    if (tokens.kind === 'redirect') {
      window.location.assign(tokens.signOutUrl());
      return;
    }
    signedOut();
  });
  const current = currentRoute();
  const section =
    current.view === 'messages' || current.view === 'message'
      ? 'messages'
      : current.view === 'holds' || current.view === 'policy' || current.view === 'consent'
        ? current.view
        : 'requests';
  const link = (href: string, name: typeof section, label: string) =>
    h('a', { href, 'aria-current': section === name ? 'page' : undefined }, label);
  const nav =
    who === undefined
      ? ''
      : h(
          'nav',
          { class: 'nav', 'aria-label': texts().navLabel },
          link('#/', 'requests', texts().navRequests),
          ' ',
          link('#/messages', 'messages', texts().navMessages),
          isPrivacyOfficer()
            ? [
                ' ',
                link('#/holds', 'holds', texts().navHolds),
                ' ',
                link('#/policy', 'policy', texts().navPolicy),
                ' ',
                link('#/consent', 'consent', texts().navConsent),
              ]
            : '',
        );
  header.replaceChildren(
    h('a', { class: 'skip', href: '#main' }, texts().skipToMain),
    h('p', { class: 'brand' }, texts().appTitle),
    nav,
    who === undefined
      ? ''
      : h('p', { class: 'who' }, `${texts().signedInAs} `, h('strong', {}, who.username)),
    h('div', { class: 'bar-actions' }, toggle, who === undefined ? '' : signOut),
  );
}
