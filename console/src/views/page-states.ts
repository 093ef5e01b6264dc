/** What the main region shows while a view loads, and when it could not. */
import { h } from '../dom';
import { failureText, signedOut } from '../feedback';
import { mainRegion, texts } from '../state';

/** While a view loads: a status line, announced to screen readers. */
export function showLoading(): void {
  mainRegion().replaceChildren(h('p', { role: 'status' }, texts().loading));
}

/** What went wrong, in words, and the way back to the inbox; nothing after a 401 (the sign-in is back). */
export function showFailure(failure: unknown, notFound?: string): void {
  if (signedOut(failure)) return;
  const heading = h('h1', { tabindex: -1 }, failureText(failure, texts(), notFound));
  mainRegion().replaceChildren(
    h('a', { href: '#/', class: 'back' }, texts().backToInbox),
    h('div', { role: 'alert' }, heading),
  );
  heading.focus();
}
