/**
 * The staff console's start and its router: chooses the sign-in, says what a 401 from the API does (the
 * sign-in comes back with a message, on the same route), and draws the view the hash route names. The
 * views are in views/; what they share is in state.ts. Plain DOM, every text from i18n.ts; the id token
 * stays in memory (auth.ts).
 */

import { cognitoTokenSource, loadSignInConfig, session } from './auth';
import { onUnauthorized } from './client';
import { currentRoute, type Route, route } from './routes';
import { formMessages, lang, setNotice, texts, useTokens } from './state';
import { forgetConsent, redrawConsent, showConsent } from './views/consent-summary';
import { renderHeader } from './views/header';
import { forgetHolds, redrawHolds, showHolds } from './views/holds-register';
import { forgetInbox, redrawInbox, showInbox } from './views/inbox';
import { forgetMessage, redrawMessage, showMessage } from './views/message';
import { forgetMessages, redrawMessages, showMessages } from './views/messages';
import { hideNationalId } from './views/national-id';
import { forgetPolicy, redrawPolicy, showPolicy } from './views/policy';
import { forgetRequest, redrawRequest, showRequest } from './views/request';
import { keepSession, renderSignIn, signInFailure } from './views/sign-in';

onUnauthorized(() => {
  hideNationalId();
  session.clear();
  setNotice(texts().sessionExpired);
  render();
});

/** Locally, after the session is cleared: nothing one person loaded is shown to the next. */
function signedOut(): void {
  hideNationalId();
  forgetInbox();
  forgetRequest();
  forgetMessages();
  forgetMessage();
  forgetHolds();
  forgetPolicy();
  forgetConsent();
  render();
}

/** Draws the current route, loading what it shows. */
function render(): void {
  document.documentElement.lang = lang;
  document.title = texts().appTitle;
  renderHeader(rerender, signedOut);
  if (session.get() === undefined) {
    renderSignIn(render);
    return;
  }
  const current = currentRoute();
  if (current.view === 'inbox') void showInbox();
  else if (current.view === 'messages') void showMessages();
  else if (current.view === 'message') void showMessage(current.id);
  else if (current.view === 'holds') void showHolds();
  else if (current.view === 'policy') void showPolicy();
  else if (current.view === 'consent') void showConsent();
  else void showRequest(current.id);
}

/** Redraws the current view from what it already loaded, or loads it when it has nothing. */
function rerender(): void {
  renderHeader(rerender, signedOut);
  if (session.get() === undefined) renderSignIn(render);
  else if (!redrawn(currentRoute())) render();
}

function redrawn(current: Route): boolean {
  switch (current.view) {
    case 'inbox':
      return redrawInbox();
    case 'request':
      return redrawRequest(current.id);
    case 'messages':
      return redrawMessages();
    case 'message':
      return redrawMessage(current.id);
    case 'holds':
      return redrawHolds();
    case 'policy':
      return redrawPolicy();
    case 'consent':
      return redrawConsent();
  }
}

window.addEventListener('hashchange', () => {
  // Whatever the new address, a national identity number on screen was for the page being left.
  hideNationalId();
  if (route() !== undefined) {
    formMessages.clear();
    render();
  }
});

// Leaving the console (another site, a closed tab): a page kept in the back-forward cache keeps no number.
window.addEventListener('pagehide', hideNationalId);

/** Chooses the sign-in (config.json on AWS, local otherwise), finishes a return from Cognito, then draws. */
async function start(): Promise<void> {
  const config = await loadSignInConfig();
  if (config !== undefined) {
    const source = cognitoTokenSource(config, window);
    useTokens(source);
    try {
      const returned = await source.completeSignIn();
      if (returned !== undefined) keepSession(returned, render);
    } catch (failure) {
      setNotice(signInFailure(failure));
    }
  }
  render();
}

void start();
