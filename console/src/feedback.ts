/**
 * How the console tells staff what happened: a status region under a form, and the API's refusals in
 * words, whole sentences in the console's language (refusals.ts says the API's English in nb or en).
 */
import { ApiError } from './api';
import { h } from './dom';
import type { Texts } from './i18n';
import { refusalSentence } from './refusals';

export interface Message {
  readonly kind: 'ok' | 'error';
  readonly text: string;
}

/** A live region for one form's outcome, showing `message` if one was kept across a redraw. */
export function statusRegion(id: string, message?: Message): HTMLElement {
  return h(
    'div',
    { class: 'task-status', role: 'status', id, tabindex: -1 },
    message === undefined ? '' : h('p', { class: message.kind === 'error' ? 'error' : 'ok' }, message.text),
  );
}

export function sayIn(region: HTMLElement, kind: Message['kind'], shown: string): void {
  region.replaceChildren(h('p', { class: kind === 'error' ? 'error' : 'ok' }, shown));
}

/** A failed call in words; `notFound` names what was missing. */
export function failureText(failure: unknown, text: Texts, notFound = text.notFound): string {
  if (!(failure instanceof ApiError)) return text.serverError;
  if (failure.status === 0) return text.networkError;
  if (failure.status === 403) {
    const why = failure.message === '' ? '' : sentence(failure, text);
    return why === text.forbidden ? why : [text.forbidden, why].filter(Boolean).join(' ');
  }
  if (failure.status === 404) return notFound;
  return text.serverError;
}

const sentence = (failure: ApiError, text: Texts): string =>
  refusalSentence(
    { status: failure.status, message: failure.message, fields: failure.fields },
    text,
    text.langCode,
  );

/** The API's refusal in words: after `conflict` for a 409, after "check the form" for a 400. */
export function refusalText(failure: unknown, conflict: string, text: Texts): string {
  if (failure instanceof ApiError && failure.status === 409) return `${conflict}: ${sentence(failure, text)}`;
  if (failure instanceof ApiError && failure.status === 400)
    return `${text.validationError} ${sentence(failure, text)}`;
  return failureText(failure, text);
}

/**
 * For an upload of a whole document or list (a policy version, recipients): what to fix follows `refused`,
 * in the console's language where the refusal is known, else with the API's words quoted.
 */
export function documentRefusalText(failure: unknown, refused: string, text: Texts): string {
  const said = failure instanceof ApiError && [400, 409, 413, 415].includes(failure.status);
  return said ? `${refused}: ${sentence(failure, text)}` : refusalText(failure, refused, text);
}

/** True for a 401: the sign-in is already back on screen, so there is nothing more to say. */
export const signedOut = (failure: unknown): boolean => failure instanceof ApiError && failure.status === 401;
