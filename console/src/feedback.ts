/**
 * How the console tells staff what happened: a status region under a form, and the API's refusals in
 * words (a 409's own message, a 400's field errors, 403/404/network in plain language).
 */
import { ApiError } from './api';
import { h } from './dom';
import type { Texts } from './i18n';

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
  if (failure.status === 403) return [text.forbidden, failure.message].filter(Boolean).join(' ');
  if (failure.status === 404) return notFound;
  return text.serverError;
}

/** The API's own words for a refusal: its message, then each field's problem it did not already say. */
export function apiReasons(failure: ApiError): string {
  const fields = Object.values(failure.fields).filter((field) => !failure.message.includes(field));
  return [failure.message, ...fields].filter(Boolean).join(' ');
}

/** The API's refusal in words: a 409's own message after `conflict`, a 400's message and field errors. */
export function refusalText(failure: unknown, conflict: string, text: Texts): string {
  if (failure instanceof ApiError && failure.status === 409) return `${conflict}: ${failure.message}`;
  if (failure instanceof ApiError && failure.status === 400)
    return `${text.validationError} ${apiReasons(failure)}`;
  return failureText(failure, text);
}

/**
 * For an upload of a whole document or list (a policy version, recipients): the API says exactly what to
 * fix (invalid, older, duplicate, too large, wrong type), so its words follow `refused` as they are.
 */
export function documentRefusalText(failure: unknown, refused: string, text: Texts): string {
  const said = failure instanceof ApiError && [400, 409, 413, 415].includes(failure.status);
  return said ? `${refused}: ${apiReasons(failure)}` : refusalText(failure, refused, text);
}

/** True for a 401: the sign-in is already back on screen, so there is nothing more to say. */
export const signedOut = (failure: unknown): boolean => failure instanceof ApiError && failure.status === 401;
