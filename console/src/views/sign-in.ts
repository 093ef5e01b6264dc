/**
 * Signing in: locally a username and password form, on AWS one button to the Cognito hosted UI. The session
 * (auth.ts) ends itself when the token expires, with a message above the sign-in.
 */
import {
  type PasswordTokenSource,
  type RedirectTokenSource,
  type Session,
  SignInError,
  session,
} from '../auth';
import { catalog } from '../catalog';
import { h } from '../dom';
import { mainRegion, notice, setNotice, texts, tokens } from '../state';

/** Keeps the session and ends it, with a message, the moment the token expires. */
export function keepSession(value: Session, redraw: () => void): void {
  session.set(value, () => {
    setNotice(texts().sessionExpired);
    redraw();
  });
  setNotice(undefined);
}

export function signInFailure(failure: unknown): string {
  const kind = failure instanceof SignInError ? failure.kind : 'server';
  const text = texts();
  return kind === 'credentials'
    ? text.signInFailed
    : kind === 'network'
      ? text.networkError
      : text.serverError;
}

/** The sign-in for how this console signs in; `redraw` draws the page once signed in. */
export function renderSignIn(redraw: () => void): void {
  if (tokens.kind === 'redirect') {
    renderHostedSignIn(tokens);
    return;
  }
  renderPasswordSignIn(tokens, redraw);
}

/** On AWS: one button to the Cognito hosted UI, which asks for the password (and the second factor). */
function renderHostedSignIn(source: RedirectTokenSource): void {
  const text = texts();
  const button = h('button', { type: 'button', id: 'hosted-sign-in' }, text.signInButton);
  button.addEventListener('click', () => {
    button.disabled = true;
    button.textContent = text.signingIn;
    void source.signIn();
  });
  mainRegion().replaceChildren(
    h('h1', { tabindex: -1 }, text.signInTitle),
    notice === undefined ? '' : h('div', { class: 'error-summary', role: 'alert' }, h('p', {}, notice)),
    h('p', {}, text.signInHostedIntro.replace('{organisation}', catalog.organisation)),
    button,
    h('p', { class: 'note' }, text.signInMemoryNote),
  );
  button.focus();
}

function renderPasswordSignIn(source: PasswordTokenSource, redraw: () => void): void {
  const text = texts();
  const error = h('div', { class: 'error-summary', role: 'alert', id: 'sign-in-error' });
  const username = h('input', {
    id: 'username',
    name: 'username',
    autocomplete: 'username',
    required: true,
    autocapitalize: 'none',
    spellcheck: 'false',
  });
  const password = h('input', {
    id: 'password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const button = h('button', { type: 'submit' }, text.signInButton);
  const form = h(
    'form',
    { novalidate: true, 'aria-describedby': 'sign-in-note' },
    error,
    h('div', { class: 'field' }, h('label', { for: 'username' }, text.username), username),
    h('div', { class: 'field' }, h('label', { for: 'password' }, text.password), password),
    button,
  );
  if (notice !== undefined) error.append(h('p', {}, notice));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.replaceChildren();
    if (username.value.trim() === '' || password.value === '') {
      error.append(h('p', {}, text.signInMissing));
      return;
    }
    button.disabled = true;
    button.textContent = text.signingIn;
    try {
      keepSession(await source.signIn(username.value.trim(), password.value), redraw);
      redraw();
    } catch (failure) {
      error.append(h('p', {}, signInFailure(failure)));
      button.disabled = false;
      button.textContent = text.signInButton;
      password.value = '';
      password.focus();
    }
  });
  mainRegion().replaceChildren(
    h('h1', { tabindex: -1 }, text.signInTitle),
    h('p', {}, text.signInIntro),
    form,
    h('p', { class: 'note', id: 'sign-in-note' }, text.signInMemoryNote),
  );
  username.focus();
}
