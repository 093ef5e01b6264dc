/**
 * The requester's ID-porten sign-in on a request page, and the national identity number from it on demand
 * (docs/id-porten.md sections 4–5): "Verified with ID-porten, level high (BankID)", a warning when the
 * typed birth date disagrees with the number, and a button that asks the API for the number with a reason.
 *
 * The number is personal data staff see only when they ask, and each view is audited by the API. So the
 * console keeps it nowhere but in one text node on screen: not in a variable, a module's state, a store or
 * web storage. Hiding it, leaving the page, a redraw and signing out take that node away (hideNationalId).
 */
import type { OpenTask } from '../../../lambdas/domain/staff/staff-api';
import { ApiError, type StaffApi } from '../api';
import { h } from '../dom';
import { refusalText, sayIn, signedOut, statusRegion } from '../feedback';
import type { Texts } from '../i18n';
import { type EidSignInView, eidSignInText, revealReason } from '../national-id';

/** Takes the number off the screen, if one is shown; set while it is. */
let hideShown: (() => void) | undefined;

/**
 * Takes a shown number off the screen. The router calls it when the route changes, on sign-out, on a 401
 * and when the page is left (pagehide, so a page kept in the back-forward cache holds no number); a
 * redraw of the request page calls it before drawing.
 */
export function hideNationalId(): void {
  hideShown?.();
}

export interface IdentityContext {
  readonly api: StaffApi;
  readonly text: Texts;
}

/**
 * The requester's identity as ID-porten confirmed it, with the button for the number; '' when the
 * requester did not sign in (the page then says nothing new).
 */
export function eidIdentity(
  requestId: string,
  signIn: EidSignInView | undefined,
  openTasks: readonly OpenTask[],
  context: IdentityContext,
): HTMLElement | '' {
  if (signIn === undefined) return '';
  const { text } = context;
  return h(
    'div',
    { class: 'eid-identity', id: 'eid-identity' },
    h('p', { class: 'eid-level' }, eidSignInText(signIn, text)),
    signIn.birthDate === 'differs'
      ? h('p', { class: 'eid-warning', id: 'eid-birth-date-warning' }, text.eidBirthDateDiffers)
      : '',
    nationalIdReveal(requestId, openTasks, context),
  );
}

function nationalIdReveal(
  requestId: string,
  openTasks: readonly OpenTask[],
  context: IdentityContext,
): HTMLElement {
  const { api, text } = context;
  const status = statusRegion('national-id-status');
  const show = h(
    'button',
    { type: 'button', class: 'secondary', id: 'national-id-show' },
    text.showNationalId,
  );
  // Monospace and selected whole on a click: staff copy it into the system they search.
  const value = h('span', { class: 'national-id-value', id: 'national-id-value' });
  const hide = h(
    'button',
    { type: 'button', class: 'secondary', id: 'national-id-hide' },
    text.hideNationalId,
  );
  // Focused when it appears, so a screen reader reads the label and the number.
  const shown = h(
    'div',
    { class: 'national-id-shown', hidden: true, tabindex: -1 },
    h('span', { class: 'national-id-label' }, `${text.nationalIdLabel}: `),
    value,
    hide,
    h('span', { class: 'note' }, text.nationalIdLogged),
  );
  const area = h('div', { class: 'national-id' }, show, shown, status);

  const clear = () => {
    value.replaceChildren();
    shown.hidden = true;
    show.hidden = false;
    if (hideShown === clear) hideShown = undefined;
  };
  hide.addEventListener('click', () => {
    clear();
    show.focus();
  });
  show.addEventListener('click', async () => {
    show.disabled = true;
    status.replaceChildren();
    try {
      const answer = await api.post<{ nationalId: string }>(
        `/staff/requests/${encodeURIComponent(requestId)}/national-id`,
        revealReason(openTasks),
      );
      // Staff moved on while it was asked for: the page it belonged to is gone, and so is the number.
      if (!area.isConnected) return;
      hideShown?.();
      value.replaceChildren(document.createTextNode(answer.nationalId));
      shown.hidden = false;
      show.hidden = true;
      hideShown = clear;
      shown.focus();
    } catch (failure) {
      if (signedOut(failure)) return;
      sayIn(
        status,
        'error',
        // A 404 here is no missing request (the page is open): the number is not there to show.
        failure instanceof ApiError && failure.status === 404
          ? text.nationalIdGone
          : refusalText(failure, text.nationalIdFailed, text),
      );
    } finally {
      show.disabled = false;
    }
  });
  return area;
}
